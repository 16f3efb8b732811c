import { describe, expect, it } from 'vitest';
import { jobState } from './binary-copy-prefetch-job';
import { waitForPrefetchJob } from './wait-for-prefetch-job';

/** A job's shared [state, heartbeat], as the prefetcher posts it. */
function jobIn(state: number): Int32Array {
  const job = new Int32Array(new SharedArrayBuffer(8));
  job[0] = state;
  return job;
}

describe('waitForPrefetchJob', () => {
  it('returns done at once for a job the thread finished', () => {
    const job = jobIn(jobState.done);

    const wait = waitForPrefetchJob(job, () => true, 30_000);

    expect(wait).toEqual({ done: true });
    expect(job[0]).toBe(jobState.done);
  });

  it('takes back a queued job at once while the thread is not ready, marking it cancelled', () => {
    const job = jobIn(jobState.queued);

    const wait = waitForPrefetchJob(job, () => false, 30_000);

    expect(wait).toEqual({ done: false, claimed: false, stalled: false });
    expect(job[0]).toBe(jobState.cancelled);
  });

  it('gives up a claimed job whose heartbeat stopped, marking it abandoned and stalled', () => {
    const job = jobIn(jobState.claimed);

    const wait = waitForPrefetchJob(job, () => true, 0);

    expect(wait).toEqual({ done: false, claimed: true, stalled: true });
    expect(job[0]).toBe(jobState.abandoned);
  });
});
