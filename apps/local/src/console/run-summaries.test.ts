import { describe, expect, it } from 'vitest';
import { runDuration } from './run-summaries';

const finished = {
  status: 'FINISHED' as const,
  statementId: 'af24beea-fe39-465d-89df-b12f34df715b',
  submittedAt: '2026-12-06T11:08:32.547Z',
};

describe('runDuration', () => {
  it('gives the duration the history has (the notifier’s or DescribeStatement’s)', () => {
    expect(runDuration({ ...finished, durationMs: 2_000 }, '2026-12-06T11:08:33.845Z')).toEqual({
      durationMs: 2_000,
      durationBelowMs: null,
    });
  });

  it('says under 1 s, as the notification does, when the notifier read the rows but gave no duration', () => {
    expect(runDuration(finished, '2026-12-06T11:08:33.845Z', { rows: 20_000 })).toEqual({
      durationMs: null,
      durationBelowMs: 1_000,
    });
  });

  it('measures submission to first ended status before the notifier has recorded the run', () => {
    expect(runDuration(finished, '2026-12-06T11:08:33.845Z')).toEqual({
      durationMs: 1_298,
      durationBelowMs: null,
    });
  });

  it('follows the notifier’s rule for equal whole-second stamps, and says nothing for reversed ones', () => {
    const whole = { ...finished, submittedAt: '2026-12-06T11:08:32.000Z' };
    expect(runDuration(whole, '2026-12-06T11:08:32.000Z')).toEqual({
      durationMs: null,
      durationBelowMs: 1_000,
    });
    expect(runDuration(finished, '2026-12-06T11:08:31.000Z')).toEqual({
      durationMs: null,
      durationBelowMs: null,
    });
  });

  it('gives no duration to a run that has not ended or never submitted a statement', () => {
    expect(runDuration(finished, null)).toEqual({ durationMs: null, durationBelowMs: null });
    expect(
      runDuration({ status: 'SKIPPED', submittedAt: finished.submittedAt }, finished.submittedAt),
    ).toEqual({ durationMs: null, durationBelowMs: null });
  });
});
