import type { Notification } from '@shiftflow/events';
import type { EndedStatement } from './ended-statement';
import { formatNotification } from './format-notification';
import type { NotifierDependencies } from './notifier-dependencies';
import { publishNotification } from './publish-notification';
import { reportEndedRun } from './report-ended-run';

/**
 * What {@link announceStatement} did.
 *
 * - `announced`: the notification was published (`messageId`).
 * - `already-announced` / `in-progress`: the ledger said another invocation did or is doing it.
 *
 * @example
 * ```ts
 * const outcome: AnnounceOutcome = await announceStatement({ statementId, statementName, state: 'FINISHED' }, dependencies);
 * ```
 */
export type AnnounceOutcome =
  | { status: 'announced'; statementId: string; messageId: string; notification: Notification }
  | { status: 'already-announced'; statementId: string }
  | { status: 'in-progress'; statementId: string };

/**
 * Announces one ended statement exactly once: claims it in the ledger, gathers the run's details
 * ({@link reportEndedRun}: the CALL's result row on success, error text and load-error rows on
 * failure), publishes the message and confirms the claim. When anything before the publish succeeds fails, the claim is released and the error
 * thrown, so a retry or the reconciler announces the statement later.
 *
 * @throws NotificationPublishError when SNS fails (claim released).
 * @throws LedgerError when the ledger cannot be read or written.
 * @example
 * ```ts
 * const outcome = await announceStatement({ statementId, statementName, state: 'FINISHED' }, dependencies);
 * ```
 */
export async function announceStatement(
  statement: EndedStatement,
  dependencies: NotifierDependencies,
): Promise<AnnounceOutcome> {
  const { ledger, logger } = dependencies;
  // The runner's run id is the statement name (`<pipeline>/<scheduled time>`); log it on every line.
  const context = {
    pipeline: dependencies.pipelineName,
    statementId: statement.statementId,
    runId: statement.statementName,
  };

  const claim = await ledger.claim(statement.statementId);
  if (claim.status === 'announced') {
    logger.info('statement already announced; nothing to do', {
      ...context,
      announcedAt: claim.announcedAt?.toISOString(),
    });
    return { status: 'already-announced', statementId: statement.statementId };
  }
  if (claim.status === 'in-progress') {
    logger.info('statement is being announced by another invocation; nothing to do', {
      ...context,
      leaseExpiresAt: claim.leaseExpiresAt.toISOString(),
    });
    return { status: 'in-progress', statementId: statement.statementId };
  }

  let notification: Notification;
  let messageId: string;
  try {
    notification = formatNotification(await reportEndedRun(statement, dependencies));
    messageId = await publishNotification({
      sns: dependencies.sns,
      topicArn: dependencies.topicArn,
      notification,
    });
  } catch (error) {
    await releaseAfterFailure(claim, error, dependencies, context);
    throw error;
  }

  const confirmed = await ledger.confirm(claim);
  if (!confirmed) {
    logger.warn(
      'the claim expired and was taken over before it was confirmed; the statement may be announced twice',
      context,
    );
  }
  // One line per ended run. The deployed stack's CloudWatch Logs metric filters read it
  // (namespace `shiftflow/<pipeline>`): runs by outcome, and `RowsLoaded` / `RunDurationMs`
  // from the two numbers below, with the `Outcome` dimension. A number the run did not report is
  // left out (never 0), so the metric only has data points for runs that had it.
  logger.info('statement announced', {
    ...context,
    state: notification.state,
    outcome: notification.outcome,
    messageId,
    ...(notification.rowsLoaded === undefined ? {} : { rowsLoaded: notification.rowsLoaded }),
    ...(notification.durationMs === undefined ? {} : { durationMs: notification.durationMs }),
  });
  return { status: 'announced', statementId: statement.statementId, messageId, notification };
}

async function releaseAfterFailure(
  claim: Parameters<NotifierDependencies['ledger']['release']>[0],
  error: unknown,
  dependencies: NotifierDependencies,
  context: { pipeline: string; statementId: string; runId: string | undefined },
): Promise<void> {
  try {
    const released = await dependencies.ledger.release(claim);
    dependencies.logger.error('announcing the statement failed; claim released for a retry', {
      ...context,
      released,
      error,
    });
  } catch (releaseError) {
    // The original failure is what the caller must see; the claim expires with its lease, after
    // which a retry or the reconciler announces the statement.
    dependencies.logger.error(
      'announcing failed and releasing the claim failed too; it expires with its lease',
      {
        ...context,
        error,
        releaseError,
        leaseExpiresAt: claim.leaseExpiresAt.toISOString(),
      },
    );
  }
}
