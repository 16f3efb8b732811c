import { EventParseError, formatParseIssue, parseStatementStatusChangeEvent } from '@shiftflow/events';
import { type AnnounceOutcome, announceStatement } from './announce-statement';
import { InvalidStatusChangeEventError } from './errors';
import type { NotifierDependencies } from './notifier-dependencies';

/**
 * What {@link notifyStatusChange} did: an {@link AnnounceOutcome}, or `ignored` for another
 * pipeline's statement.
 *
 * @example
 * ```ts
 * const outcome: NotifyOutcome = await notifyStatusChange(event, dependencies);
 * if (outcome.status === 'ignored') console.log(outcome.reason);
 * ```
 */
export type NotifyOutcome = AnnounceOutcome | { status: 'ignored'; statementId: string; reason: string };

/**
 * Handles one "Redshift Data Statement Status Change" event: validates it, ignores (with a log
 * line) statements that are not this pipeline's (`statementName` must start with
 * `<pipelineName>/`), and announces the others exactly once.
 *
 * @throws InvalidStatusChangeEventError when the event is not a status-change event; the message lists every failing path and value.
 * @example
 * ```ts
 * export const handler = (event: unknown) => notifyStatusChange(event, dependencies);
 * ```
 */
export async function notifyStatusChange(
  event: unknown,
  dependencies: NotifierDependencies,
): Promise<NotifyOutcome> {
  let parsed: ReturnType<typeof parseStatementStatusChangeEvent>;
  try {
    parsed = parseStatementStatusChangeEvent(event);
  } catch (error) {
    if (error instanceof EventParseError) {
      const issues = error.issues.map(formatParseIssue);
      dependencies.logger.error('rejected a malformed status-change event', {
        pipeline: dependencies.pipelineName,
        issues,
      });
      throw new InvalidStatusChangeEventError(issues, event, { cause: error });
    }
    throw error;
  }
  const { statementId, statementName, state } = parsed.detail;
  const prefix = `${dependencies.pipelineName}/`;
  if (statementName === undefined || !statementName.startsWith(prefix)) {
    const reason = `statement name ${JSON.stringify(statementName ?? null)} does not start with "${prefix}"`;
    dependencies.logger.info('ignored a status-change event of another pipeline', {
      pipeline: dependencies.pipelineName,
      statementId,
      reason,
    });
    return { status: 'ignored', statementId, reason };
  }
  dependencies.logger.info('received a status-change event', {
    pipeline: dependencies.pipelineName,
    statementId,
    runId: statementName,
    state,
    eventId: parsed.id,
  });
  return announceStatement(
    { statementId, statementName, state, endedAt: new Date(parsed.time) },
    dependencies,
  );
}
