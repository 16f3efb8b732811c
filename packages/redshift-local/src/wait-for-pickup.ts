/**
 * Holds a statement as the service's queue and compiler would before the engine runs it, under
 * the latency profile (see {@link StatementLatency}): SUBMITTED for its queue time, then PICKED for
 * its compile time. With the default profile it resolves at once and changes nothing. A statement
 * cancelled while it waits ends ABORTED without reaching the engine.
 */
import type { EngineStatementOutcome } from './engine';
import type { StatementLatency } from './statement-latency';
import { type StatementRecord, terminalStatuses } from './statement-record';

/**
 * Waits out the statement's queue (SUBMITTED) and compile (PICKED) time. Resolves true when the
 * statement should now run, false when CancelStatement ended the wait (it is then ABORTED without
 * running, as a statement cancelled before it started).
 *
 * @example
 * if (await waitForPickup(latency, record, Date.now)) await engine.run(…);
 */
export async function waitForPickup(
  latency: StatementLatency | undefined,
  record: StatementRecord,
  now: () => number,
): Promise<boolean> {
  if (latency === undefined || !latency.enabled) return true;
  // A session runs its statements one after the other: its next one is picked after this one.
  return latency.inSessionOrder(record.sessionId, () => pickup(latency, record, now));
}

async function pickup(
  latency: StatementLatency,
  record: StatementRecord,
  now: () => number,
): Promise<boolean> {
  const { queueMs, compileMs } = latency.next(record.subs.map((sub) => sub.queryString));
  if (!(await latency.wait(record.id, queueMs))) return false;
  if (terminalStatuses.has(record.status)) return true;
  const pickedAt = now();
  record.status = 'PICKED';
  record.updatedAt = pickedAt;
  for (const sub of record.subs) {
    sub.status = 'PICKED';
    sub.updatedAt = pickedAt;
  }
  return latency.wait(record.id, compileMs);
}

/**
 * The outcomes of a statement cancelled before the engine ran it: each SQL ABORTED.
 *
 * @example
 * const outcomes = cancelledBeforeStart(2);
 */
export function cancelledBeforeStart(count: number): EngineStatementOutcome[] {
  const at = Date.now();
  return Array.from({ length: count }, () => ({
    status: 'aborted' as const,
    message: 'cancelled before it started',
    startedAt: at,
    endedAt: at,
  }));
}
