import { setTimeout as sleep } from 'node:timers/promises';
import type { RedshiftData } from '@shiftflow/data-api';
import type { StartedRun } from '@shiftflow/elt-runner';
import type { PipelineConfig } from '@shiftflow/events';
import { z } from 'zod';
import { LocalAppError } from '../errors';
import type { RunHistory, StatementState } from '../history/run-history';
import type { LambdaHost } from '../lambda/lambda-host';
import { statementState } from './describe-run-state';
import type { ProgressListener, RunRequest, RunResult } from './local-pipeline';
import { eltRunResultSchema, parseLambdaResult } from './parse-lambda-result';
import type { RunSignals } from './run-signals';
import { withTimeout } from './with-timeout';

const terminalStates = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/** What a run works with. */
export interface RunContext {
  config: PipelineConfig;
  /** The Lambda host; undefined when the pipeline was started without its functions. */
  host: LambdaHost | undefined;
  dataApi: RedshiftData;
  history: RunHistory;
  signals: RunSignals;
  onProgress: ProgressListener;
}

/** The time fields a runner event may carry; anything else in the event is not read here. */
const requestedTimeSchema = z.looseObject({
  runTime: z.unknown(),
  time: z.unknown(),
  scheduledTime: z.unknown(),
});

/** The time the runner event asked for, when it names one (manual: runTime; schedule: time or scheduledTime). */
function requestedTimeOf(event: unknown): string | undefined {
  const parsed = requestedTimeSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const { runTime, time, scheduledTime } = parsed.data;
  return [runTime, time, scheduledTime].find((value): value is string => typeof value === 'string');
}

/**
 * Invokes the runner and records what it did. Returns the run's result when it ends here (not
 * started, skipped), or the started run to follow.
 */
async function startRun(
  context: RunContext,
  host: LambdaHost,
  request: RunRequest,
): Promise<{ ended: RunResult } | { started: StartedRun }> {
  const { history, onProgress } = context;
  const event =
    request.trigger === 'manual'
      ? { source: 'shiftflow.manual', reason: request.reason, runTime: new Date().toISOString() }
      : request.payload;
  const runnerName = `${context.config.name}-runner`;
  const invocation = await host.invokeAsync(runnerName, event).outcome;
  const trigger = request.trigger === 'manual' ? 'manual' : 'schedule';
  if (invocation.status === 'dead-lettered') {
    const error = invocation.error.message;
    const scheduledTime = requestedTimeOf(event) ?? new Date().toISOString();
    await history.append({ type: 'not-started', scheduledTime, error, trigger });
    onProgress({ type: 'not-started', error, deadLetterFile: invocation.deadLetterFile });
    return { ended: { status: 'NOT_STARTED', error } };
  }
  const started = parseLambdaResult(eltRunResultSchema, invocation.value, runnerName);
  const { scheduledTime, runId } = started;
  if (started.status === 'skipped') {
    const reason = started.skipReason;
    await history.append({ type: 'skipped', scheduledTime, reason, trigger });
    onProgress({ type: 'skipped', scheduledTime, reason });
    return { ended: { status: 'SKIPPED', scheduledTime, reason } };
  }
  const { statementId } = started;
  await history.append({ type: 'submitted', scheduledTime, statementId, statementName: runId, trigger });
  onProgress({
    type: 'submitted',
    statementId,
    statementName: runId,
    scheduledTime,
    trigger: started.trigger,
  });
  return { started };
}

/**
 * Follows the statement until it ends: the status-change event ends the wait; DescribeStatement
 * shows progress meanwhile and covers an event that never comes. Returns the event's state, or
 * undefined when the statement ended without one; a reason when the wait was cut short.
 */
async function followStatement(
  context: RunContext,
  statementId: string,
  wait: { deadline: number; timeoutMs: number; signal: AbortSignal | undefined },
): Promise<{ eventState: StatementState | undefined } | { cutShort: string }> {
  const ended = context.signals.ended.get(statementId).promise;
  const submittedAt = Date.now();
  let lastStatus = 'SUBMITTED';
  let eventState: StatementState | undefined;
  void ended.then((value) => {
    eventState = value;
  });
  let describedEndAt: number | undefined;
  while (eventState === undefined) {
    if (wait.signal?.aborted) return { cutShort: 'interrupted' };
    if (Date.now() > wait.deadline)
      return { cutShort: `no end after ${Math.round(wait.timeoutMs / 1000)} s` };
    if (describedEndAt === undefined) {
      const status = (await context.dataApi.describe(statementId)).status ?? lastStatus;
      if (status !== lastStatus) {
        context.onProgress({ type: 'status', statementId, status, elapsedMs: Date.now() - submittedAt });
        lastStatus = status;
      }
      if (terminalStates.has(status)) describedEndAt = Date.now();
    } else if (Date.now() - describedEndAt > 5000) {
      // The event follows the status change at once; after 5 s it is not coming.
      break;
    }
    await Promise.race([sleep(describedEndAt === undefined ? 200 : 25), ended]);
  }
  return { eventState };
}

/** Adds the notifier's announcement to an ended run's result: its notification, or why there is none. */
async function awaitAnnouncement(
  context: RunContext,
  result: RunResult,
  statementId: string,
  deadline: number,
) {
  const { signals } = context;
  const notified = await withTimeout(
    signals.announced.get(statementId).promise,
    Math.max(1000, deadline - Date.now()),
  );
  await withTimeout(signals.recorded.get(statementId).promise, 5000);
  if (notified?.status === 'succeeded') {
    if (notified.outcome.status === 'announced') {
      const { notification } = notified.outcome;
      result.notification = notification;
      if (notification.rowsLoaded !== undefined) result.rows = notification.rowsLoaded;
      if (notification.error !== undefined) result.error = notification.error;
    }
  } else if (notified?.status === 'dead-lettered') {
    result.notificationError = `${notified.error} (event kept in ${notified.deadLetterFile})`;
  } else if (notified?.status === 'not-understood') {
    result.notificationError = notified.error;
  }
}

/**
 * One run: invokes the runner Lambda, follows the statement it submitted until it ended, and waits
 * for the notifier's announcement, recording each step in the run history and reporting it.
 *
 * @throws LocalAppError (code `NO_LAMBDAS`) when the pipeline was started without its functions.
 * @example
 * const result = await runOnce(context, { trigger: 'manual', reason: 'try it' }, { timeoutMs: 60_000 });
 */
export async function runOnce(
  context: RunContext,
  request: RunRequest,
  options: { timeoutMs?: number; signal?: AbortSignal },
): Promise<RunResult> {
  const { host, history, onProgress } = context;
  if (!host)
    throw new LocalAppError('NO_LAMBDAS', 'this local pipeline was started without its Lambda functions');
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  const start = await startRun(context, host, request);
  if ('ended' in start) return start.ended;
  const { statementId, scheduledTime, runId: statementName } = start.started;
  const base: RunResult = { status: 'SUBMITTED', scheduledTime, statementId, statementName };
  const followed = await followStatement(context, statementId, {
    deadline,
    timeoutMs,
    signal: options.signal,
  });
  if ('cutShort' in followed) return { ...base, status: 'TIMED_OUT', error: followed.cutShort };
  const end = statementState(await context.dataApi.describe(statementId));
  const result: RunResult = { ...base, ...end };
  if (followed.eventState === undefined) {
    await history.append({ type: 'status', statementId, status: end.status, source: 'describe' });
    onProgress({ type: 'ended', statementId, ...end });
    onProgress({ type: 'problem', message: `no status-change event arrived for ${statementId}` });
    return result;
  }
  await awaitAnnouncement(context, result, statementId, deadline);
  onProgress({
    type: 'ended',
    statementId,
    status: result.status,
    ...(result.rows === undefined ? {} : { rows: result.rows }),
    ...(result.durationMs === undefined ? {} : { durationMs: result.durationMs }),
    ...(result.error === undefined ? {} : { error: result.error }),
  });
  return result;
}
