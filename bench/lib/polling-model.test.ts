import { describe, expect, it } from 'vitest';
import { pollingModel, total } from './polling-model.ts';

describe('pollingModel', () => {
  it('counts 1 ExecuteStatement plus the minimum of one DescribeStatement for an instant statement', () => {
    expect(pollingModel({ startedAfterMs: 0, endedAfterMs: 300 })).toEqual({ reference1s: 2, fixed10s: 2 });
  });

  it('polls once a second until started (reference) and every 10 s until ended (fixed)', () => {
    // Started after 3.5 s: describes at 0, 1, 2, 3 s see it queued, the one at 4 s sees it started.
    // Ended after 25 s: describes at 10 and 20 s see it running, the one at 30 s sees it ended.
    expect(pollingModel({ startedAfterMs: 3500, endedAfterMs: 25_000 })).toEqual({
      reference1s: 1 + 5,
      fixed10s: 1 + 3,
    });
  });

  it('needs no extra fixed poll when the statement ends exactly on a poll', () => {
    expect(pollingModel({ startedAfterMs: 1000, endedAfterMs: 20_000 })).toEqual({
      reference1s: 1 + 2,
      fixed10s: 1 + 2,
    });
  });
});

describe('total', () => {
  it('adds the counts of every operation', () => {
    expect(total({ ExecuteStatement: 1, DescribeStatement: 3 })).toBe(4);
    expect(total({})).toBe(0);
  });
});
