import * as z from 'zod/mini';
import { NotifierConfigurationError } from './errors';
import { assertStatementId } from './ledger';
import type { NotifierDependencies } from './notifier-dependencies';
import { isStartedRunRegister } from './started-run-register';

/**
 * The Lambda on-success destination record of the runner: Lambda sends it to the reconciler after
 * each successful asynchronous invocation of the runner, with the runner's result as
 * `responsePayload` ("Capturing records of Lambda asynchronous invocations",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). EventBridge
 * Scheduler invokes the runner asynchronously
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html), and so does the
 * README's manual `aws lambda invoke --invocation-type Event`.
 */
const runnerSuccessRecordSchema = z.object({
  requestContext: z.looseObject({ condition: z.literal('Success') }),
  responsePayload: z.looseObject({
    status: z.string(),
    pipelineName: z.optional(z.string()),
    runId: z.optional(z.string()),
    statementId: z.optional(z.string()),
  }),
  timestamp: z.optional(z.string()),
});

/**
 * What {@link recordStartedRun} did with a destination record.
 *
 * @example
 * ```ts
 * const outcome: RecordOutcome = await recordStartedRun(event, dependencies);
 * if (outcome.status === 'recorded') console.log(outcome.statementId);
 * ```
 */
export type RecordOutcome =
  | { status: 'recorded'; statementId: string; runId: string }
  | { status: 'ignored'; reason: string };

/**
 * Whether `event` is a Lambda on-success destination record (the runner's), not a schedule's event.
 *
 * @example
 * ```ts
 * isRunnerSuccessRecord({ requestContext: { condition: 'Success' }, responsePayload: { status: 'started' } }); // true
 * ```
 */
export function isRunnerSuccessRecord(event: unknown): boolean {
  return runnerSuccessRecordSchema.safeParse(event).success;
}

/**
 * Records the run the runner started (from its on-success destination record) in the ledger's
 * started-run register, where the reconciler looks for runs whose completion event may be lost.
 * A skipped run, or another pipeline's, is ignored with a log line.
 *
 * @throws NotifierConfigurationError when `event` is not a runner success record, or the ledger keeps no started runs.
 * @throws InvalidStatementIdError when the started run's statement id is not a Data API id.
 * @throws LedgerError when the ledger cannot be written (Lambda retries, then the dead-letter queue).
 * @example
 * ```ts
 * await recordStartedRun({ requestContext: { condition: 'Success' }, responsePayload: runnerResult }, dependencies);
 * ```
 */
export async function recordStartedRun(
  event: unknown,
  dependencies: NotifierDependencies,
): Promise<RecordOutcome> {
  const parsed = runnerSuccessRecordSchema.safeParse(event);
  if (!parsed.success) {
    throw new NotifierConfigurationError(
      'event',
      undefined,
      `is not a Lambda on-success destination record of the runner: ${parsed.error.message}`,
    );
  }
  const { ledger, logger, pipelineName } = dependencies;
  if (!isStartedRunRegister(ledger)) {
    throw new NotifierConfigurationError('ledger', ledger.constructor?.name, 'keeps no started runs');
  }
  const result = parsed.data.responsePayload;
  const { statementId, runId } = result;
  if (result.status !== 'started' || statementId === undefined || runId === undefined) {
    const reason = `the runner's result was ${result.status}, not a started run`;
    logger.info('runner result not recorded', { pipeline: pipelineName, reason, runId });
    return { status: 'ignored', reason };
  }
  if (result.pipelineName !== pipelineName || !runId.startsWith(`${pipelineName}/`)) {
    const reason = `run ${runId} is not of pipeline ${pipelineName}`;
    logger.warn('runner result not recorded', { pipeline: pipelineName, reason });
    return { status: 'ignored', reason };
  }
  assertStatementId(statementId);
  const recordedAt = parsed.data.timestamp === undefined ? Number.NaN : Date.parse(parsed.data.timestamp);
  const startedAt = Number.isNaN(recordedAt)
    ? (dependencies.now ?? (() => new Date()))()
    : new Date(recordedAt);
  await ledger.recordStarted({ statementId, statementName: runId, startedAt });
  logger.info('started run recorded for the reconciler', {
    pipeline: pipelineName,
    statementId,
    runId,
  });
  return { status: 'recorded', statementId, runId };
}
