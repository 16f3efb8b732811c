import { describe, expect, it } from 'vitest';
import { runExitCode } from './run-exit-code';

const ok = { interrupted: false, reconcilerFailed: false };

describe('runExitCode', () => {
  it('is 0 only for a FINISHED run that was announced after a working reconciler', () => {
    expect(runExitCode({ ...ok, result: { status: 'FINISHED' } })).toBe(0);
  });

  it('is 1 for a FINISHED run whose notification could not be published', () => {
    const result = { status: 'FINISHED' as const, notificationError: 'Publish failed 3 times' };

    expect(runExitCode({ ...ok, result })).toBe(1);
  });

  it('is 1 for a FINISHED run after a failed reconciler', () => {
    expect(runExitCode({ ...ok, reconcilerFailed: true, result: { status: 'FINISHED' } })).toBe(1);
  });

  it('is 1 for FAILED, ABORTED and TIMED_OUT runs, 130 when Ctrl-C stopped them', () => {
    for (const status of ['FAILED', 'ABORTED', 'TIMED_OUT'] as const) {
      expect(runExitCode({ ...ok, result: { status } })).toBe(1);
      expect(runExitCode({ ...ok, interrupted: true, result: { status } })).toBe(130);
    }
  });
});
