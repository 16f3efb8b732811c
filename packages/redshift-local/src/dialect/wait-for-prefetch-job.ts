/**
 * How the binary COPY hook waits for the converter thread's job (see binary-copy-prefetcher.ts). Self-contained
 * (`.ts` imports of self-contained files, erasable TypeScript) because the PGlite worker imports it from `src/`.
 */
import { jobState } from './binary-copy-prefetch-job.ts';

/** How the wait ended: the job is done, or the hook took it back (queued) or gave it up (claimed, maybe stalled). */
export type PrefetchWait = { done: true } | { done: false; claimed: boolean; stalled: boolean };

/**
 * Waits for the job while the thread works on it: a queued job only once the thread is ready (then it has nothing
 * else to do), a claimed one while its heartbeat moves (at most `stallMs` without one). A job the hook takes back
 * becomes `cancelled` (it was queued) or `abandoned` (it was claimed: the thread stops and removes its files).
 *
 * @example
 * const wait = waitForPrefetchJob(job.state, () => thread.listening(), 30_000);
 * if (!wait.done && wait.claimed) removeFiles(job.name);
 */
export function waitForPrefetchJob(
  state: Int32Array,
  listening: () => boolean,
  stallMs: number,
): PrefetchWait {
  let beat = Atomics.load(state, 1);
  let since = Date.now();
  for (;;) {
    const current = Atomics.load(state, 0);
    if (current === jobState.done) return { done: true };
    const giveUp = current === jobState.queued ? jobState.cancelled : jobState.abandoned;
    const stalled = Date.now() - since > stallMs;
    if ((current === jobState.queued && (!listening() || stalled)) || stalled) {
      if (Atomics.compareExchange(state, 0, current, giveUp) === current)
        return { done: false, claimed: current === jobState.claimed, stalled };
      continue;
    }
    Atomics.wait(state, 0, current, 200);
    const now = Atomics.load(state, 1);
    if (now !== beat || Atomics.load(state, 0) !== current) {
      beat = now;
      since = Date.now();
    }
  }
}
