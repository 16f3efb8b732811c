import { setTimeout as delay } from 'node:timers/promises';
import { DescribeStatementCommand, type RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { callDataApi } from './call-data-api';
import { cancelStatement } from './cancel-statement';
import { RedshiftDataServiceError, StatementTimeoutError, WaitAbortedError } from './errors';
import { optionalNumber } from './optional-number';
import type { WaitOptions } from './redshift-data-options';
import { requireStatementId } from './require-statement-id';
import { settleStatement } from './settle-statement';
import { type StatementDescription, toStatementDescription } from './statement-description';

/**
 * How long `wait` waits by default: 24 hours, the longest a Data API query may run ("The maximum
 * duration of a query is 24 hours", https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-calling-considerations.html),
 * so the default limit never gives up on a statement the service would still finish, yet a wait
 * cannot hang forever. `timeoutMs: Infinity` waits without a limit.
 */
export const defaultWaitTimeoutMs = 24 * 60 * 60 * 1000;

/**
 * Whether the service accepts `WaitTimeSeconds` on `DescribeStatement`; one client keeps one of these
 * so that after the first rejection it polls without long-polling.
 */
export interface LongPollSupport {
  supported: boolean;
}

/**
 * Waits until a statement ends. Resolves with its description on FINISHED; throws
 * {@link StatementFailedError} on FAILED, {@link StatementAbortedError} on ABORTED,
 * {@link StatementTimeoutError} after `timeoutMs` (24 hours by default), {@link WaitAbortedError} when
 * `signal` aborts; either way the statement is cancelled unless `cancelOnTimeout`/`cancelOnAbort` is false.
 * Each poll long-polls with `WaitTimeSeconds` where the service supports it; between polls that
 * return at once it backs off exponentially (100 ms doubling to 5 s) with jitter.
 */
export async function waitForStatement(
  client: RedshiftDataClient,
  id: string,
  options: WaitOptions,
  longPoll: LongPollSupport = { supported: true },
): Promise<StatementDescription> {
  requireStatementId(id);
  const timeoutMs =
    options.timeoutMs === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : (optionalNumber('timeoutMs', options.timeoutMs, 0, Number.MAX_SAFE_INTEGER) ?? defaultWaitTimeoutMs);
  const longPollSeconds = optionalNumber('longPollSeconds', options.longPollSeconds, 0, 30) ?? 20;
  const initialDelayMs = optionalNumber('initialDelayMs', options.initialDelayMs, 0, 3_600_000) ?? 100;
  const maxDelayMs = optionalNumber('maxDelayMs', options.maxDelayMs, 0, 3_600_000) ?? 5000;
  const { signal } = options;
  const deadline = Date.now() + timeoutMs;
  let pause = Math.min(initialDelayMs, maxDelayMs);
  let lastStatus: string | undefined;
  let polled = false;

  for (;;) {
    if (signal?.aborted) return abortWait(client, id, options, signal.reason);
    const remaining = deadline - Date.now();
    // The status is checked at least once, so a short timeout never reports an ended statement as timed out.
    if (remaining <= 0 && polled) return timeoutWait(client, id, options, timeoutMs, lastStatus);
    const waitTimeSeconds =
      longPoll.supported && longPollSeconds >= 1 && remaining >= 1000
        ? Math.min(Math.floor(longPollSeconds), Math.floor(remaining / 1000))
        : undefined;
    const pollStarted = Date.now();
    let description: StatementDescription;
    try {
      description = await poll(client, id, waitTimeSeconds, signal, longPoll);
    } catch (error) {
      if (signal?.aborted) return abortWait(client, id, options, signal.reason);
      throw error;
    }
    polled = true;
    lastStatus = description.status ?? description.raw.Status;
    if (settleStatement(description)) return description;
    const jittered = pause / 2 + (Math.random() * pause) / 2;
    const sleep = Math.min(Math.max(0, jittered - (Date.now() - pollStarted)), deadline - Date.now());
    // Doubling from at least 1 ms, so initialDelayMs 0 still backs off instead of polling in a hot loop.
    pause = Math.min(Math.max(pause * 2, 1), maxDelayMs);
    if (sleep > 0) {
      try {
        await delay(sleep, undefined, signal === undefined ? undefined : { signal });
      } catch (error) {
        if (signal?.aborted) return abortWait(client, id, options, signal.reason);
        throw error;
      }
    }
  }
}

async function poll(
  client: RedshiftDataClient,
  id: string,
  waitTimeSeconds: number | undefined,
  signal: AbortSignal | undefined,
  longPoll: LongPollSupport,
): Promise<StatementDescription> {
  try {
    const output = await callDataApi('DescribeStatement', () =>
      client.send(
        new DescribeStatementCommand({ Id: id, WaitTimeSeconds: waitTimeSeconds }),
        signal === undefined ? {} : { abortSignal: signal },
      ),
    );
    return toStatementDescription(output);
  } catch (error) {
    // A service or emulator without long-polling rejects WaitTimeSeconds: poll without it from now on.
    if (
      waitTimeSeconds !== undefined &&
      error instanceof RedshiftDataServiceError &&
      error.serviceCode === 'ValidationException' &&
      /WaitTimeSeconds/i.test(error.message)
    ) {
      longPoll.supported = false;
      return poll(client, id, undefined, signal, longPoll);
    }
    throw error;
  }
}

async function abortWait(
  client: RedshiftDataClient,
  id: string,
  options: WaitOptions,
  reason: unknown,
): Promise<never> {
  // Cancelling by default: a caller who stops waiting rarely wants the statement to go on alone.
  const { cancelled, cancelError } =
    (options.cancelOnAbort ?? true) ? await tryCancel(client, id) : { cancelled: false };
  throw new WaitAbortedError({ statementId: id, cancelled, reason, cancelError });
}

async function timeoutWait(
  client: RedshiftDataClient,
  id: string,
  options: WaitOptions,
  timeoutMs: number,
  lastStatus: string | undefined,
): Promise<never> {
  const { cancelled, cancelError } =
    (options.cancelOnTimeout ?? true) ? await tryCancel(client, id) : { cancelled: false };
  throw new StatementTimeoutError({ statementId: id, timeoutMs, lastStatus, cancelled, cancelError });
}

/** Cancels for a wait; a failed cancel is reported on the wait error (`cancelError`), not thrown over it. */
async function tryCancel(
  client: RedshiftDataClient,
  id: string,
): Promise<{ cancelled: boolean; cancelError?: unknown }> {
  try {
    return { cancelled: await cancelStatement(client, id) };
  } catch (error) {
    return { cancelled: false, cancelError: error };
  }
}
