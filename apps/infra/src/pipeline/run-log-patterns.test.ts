import { describe, expect, it } from 'vitest';
import { runLogPatterns } from './run-log-patterns.ts';

// The patterns are a contract with the functions' log lines: the notifier's and the reconciler's
// "statement announced" (with outcome, rowsLoaded, durationMs) and the runner's "run skipped".
describe('runLogPatterns', () => {
  it('matches a "statement announced" line by outcome', () => {
    expect(runLogPatterns.announced('success').logPatternString).toBe(
      '{ ($.message = "statement announced") && ($.outcome = "success") }',
    );
    expect(runLogPatterns.announced('failure').logPatternString).toBe(
      '{ ($.message = "statement announced") && ($.outcome = "failure") }',
    );
  });

  it('matches a "statement announced" line carrying a number in the field', () => {
    expect(runLogPatterns.announcedValue('rowsLoaded').logPatternString).toBe(
      '{ ($.message = "statement announced") && ($.rowsLoaded >= 0) }',
    );
    expect(runLogPatterns.announcedValue('durationMs').logPatternString).toBe(
      '{ ($.message = "statement announced") && ($.durationMs >= 0) }',
    );
  });

  it("matches the runner's skipped-run line", () => {
    expect(runLogPatterns.skipped().logPatternString).toBe(
      '{ $.message = "run skipped: a statement of this pipeline is still active" }',
    );
  });
});
