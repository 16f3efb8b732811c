import type { StatementDescription } from '@shiftflow/data-api';
import { type Notification, parseStatementName, type TerminalStatementState } from '@shiftflow/events';
import { formatNotification } from './format-notification';
import type { NotifierDependencies } from './notifier-dependencies';
import { publishNotification } from './publish-notification';
import { redshiftConsoleUrls } from './redshift-console-urls';

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
 * A statement of the pipeline that ended, as the event or the reconciler reports it.
 *
 * @example
 * ```ts
 * const statement: EndedStatement = { statementId, statementName: 'nyc-taxi/2026-11-30T16:00:00.000Z', state: 'FAILED' };
 * ```
 */
export interface EndedStatement {
  statementId: string;
  statementName?: string;
  /** The state the event reported; DescribeStatement's terminal state wins when they differ. */
  state: TerminalStatementState;
  /** When it ended (the event's time). */
  endedAt?: Date;
}

function isTerminal(status: string | undefined): status is TerminalStatementState {
  return status === 'FINISHED' || status === 'FAILED' || status === 'ABORTED';
}

/**
 * Announces one ended statement exactly once: claims it in the ledger, describes it (duration,
 * error, failing sub-statement), looks up the rows loaded, publishes the message and confirms the
 * claim. When anything before the publish succeeds fails, the claim is released and the error
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
    const description = await dependencies.dataApi.describe(statement.statementId);
    const state = isTerminal(description.status) ? description.status : statement.state;
    if (state !== statement.state) {
      logger.warn('the event and DescribeStatement disagree on the state; announcing DescribeStatement', {
        ...context,
        eventState: statement.state,
        describedState: state,
      });
    }
    const rowsLoaded =
      state === 'FINISHED' ? await lookUpRowsLoaded(statement, description, dependencies) : undefined;
    const nameParts = statement.statementName ? parseStatementName(statement.statementName) : undefined;
    const urls = redshiftConsoleUrls({ region: dependencies.region, target: dependencies.target });
    const failingSubStatement = description.subStatements.find(
      (subStatement) => subStatement.status === 'FAILED',
    );
    notification = formatNotification({
      pipelineName: dependencies.pipelineName,
      statementId: statement.statementId,
      state,
      consoleUrl: urls.target,
      queryEditorUrl: urls.queryEditor,
      endedAt: statement.endedAt ?? description.updatedAt,
      ...(statement.statementName === undefined ? {} : { statementName: statement.statementName }),
      ...(nameParts === undefined
        ? {}
        : { trigger: nameParts.trigger, scheduledTime: nameParts.scheduledTime }),
      ...(description.durationMs === undefined ? {} : { durationMs: description.durationMs }),
      ...(rowsLoaded === undefined ? {} : { rowsLoaded }),
      ...errorDetails(description, failingSubStatement),
    });
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
  logger.info('statement announced', {
    ...context,
    state: notification.state,
    outcome: notification.outcome,
    messageId,
  });
  return { status: 'announced', statementId: statement.statementId, messageId, notification };
}

function errorDetails(
  description: StatementDescription,
  failingSubStatement: StatementDescription['subStatements'][number] | undefined,
): { error?: string; failingSql?: string } {
  const error = failingSubStatement?.error ?? description.error;
  const failingSql = failingSubStatement?.queryString ?? description.queryString;
  return {
    ...(error === undefined ? {} : { error }),
    ...(failingSql === undefined ? {} : { failingSql }),
  };
}

async function lookUpRowsLoaded(
  statement: EndedStatement,
  description: StatementDescription,
  dependencies: NotifierDependencies,
): Promise<number | undefined> {
  if (!dependencies.rowsLoaded) return undefined;
  try {
    return await dependencies.rowsLoaded({
      statementId: statement.statementId,
      description,
      dataApi: dependencies.dataApi,
      ...(statement.statementName === undefined ? {} : { statementName: statement.statementName }),
    });
  } catch (error) {
    // The row count is a detail of the message; a run that loaded must still be announced, so
    // the failure is logged with its cause and the message says "unknown".
    dependencies.logger.warn('could not look up the rows loaded; announcing without them', {
      pipeline: dependencies.pipelineName,
      statementId: statement.statementId,
      error,
    });
    return undefined;
  }
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
