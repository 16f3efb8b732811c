/**
 * How many Data API calls the polling designs would make for a statement, from its timeline.
 */

/** A statement's timeline in milliseconds after submission, from DescribeStatement. */
export interface StatementTimeline {
  /** Submitted → started (CreatedAt → UpdatedAt − Duration). */
  startedAfterMs: number;
  /** Submitted → ended (CreatedAt → UpdatedAt). */
  endedAfterMs: number;
}

/**
 * Data API calls the polling designs would make for a statement with this timeline. Model:
 * both submit once (1 ExecuteStatement). The reference's loop calls DescribeStatement right after
 * submitting and then once a second until a call sees the statement started (STARTED or later):
 * ceil(started / 1 s) + 1 calls. The fixed 10-second poll sleeps 10 s before each
 * DescribeStatement until a call sees the statement ended: max(1, ceil(ended / 10 s)) calls.
 */
export function pollingModel(timeline: StatementTimeline): { reference1s: number; fixed10s: number } {
  return {
    reference1s: 1 + Math.ceil(timeline.startedAfterMs / 1000) + 1,
    fixed10s: 1 + Math.max(1, Math.ceil(timeline.endedAfterMs / 10_000)),
  };
}

/** Total of a count record. */
export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
