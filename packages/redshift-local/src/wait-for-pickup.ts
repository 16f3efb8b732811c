/**
 * Holds a statement as the service's queue and compiler would before the engine runs it, under
 * the latency profile (see {@link StatementLatency}): SUBMITTED for its queue time, then PICKED for
 * its compile time. With the default profile it resolves at once and changes nothing.
 */
import type { StatementLatency } from './statement-latency';
import { type StatementRecord, terminalStatuses } from './statement-record';

function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits out the statement's queue (SUBMITTED) and compile (PICKED) time.
 *
 * @example
 * await waitForPickup(latency, record, Date.now);
 * await engine.run(…);
 */
export async function waitForPickup(
  latency: StatementLatency | undefined,
  record: StatementRecord,
  now: () => number,
): Promise<void> {
  if (latency === undefined || !latency.enabled) return;
  const { queueMs, compileMs } = latency.next(record.subs.map((sub) => sub.queryString));
  await delay(queueMs);
  if (terminalStatuses.has(record.status)) return;
  const pickedAt = now();
  record.status = 'PICKED';
  record.updatedAt = pickedAt;
  for (const sub of record.subs) {
    sub.status = 'PICKED';
    sub.updatedAt = pickedAt;
  }
  await delay(compileMs);
}
