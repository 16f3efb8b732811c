/**
 * The config schema (@shiftflow/events `scheduleExpressionProblem`, run when the config is loaded, in
 * both apps and in the Lambda bundles) and the local scheduler (`parseScheduleExpression`, run by
 * `dev`) must accept and refuse the same expressions, for the same reason: otherwise `run` would
 * accept a schedule `dev` refuses, or the other way round.
 */
import { scheduleExpressionProblem } from '@shiftflow/events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidScheduleExpressionError } from './errors';
import { parseScheduleExpression } from './parse-schedule-expression';

type Verdict = { accepted: true; fires: boolean } | { accepted: false; reason: string };

function schedulerVerdict(expression: string): Verdict {
  try {
    const schedule = parseScheduleExpression(expression, 'UTC');
    return { accepted: true, fires: schedule.nextRuns(new Date(Date.UTC(1970, 0, 1)), 1).length > 0 };
  } catch (error) {
    if (error instanceof InvalidScheduleExpressionError) return { accepted: false, reason: error.reason };
    throw error;
  }
}

function expectAgreement(expression: string): void {
  const problem = scheduleExpressionProblem(expression);
  const verdict = schedulerVerdict(expression);
  if (problem?.startsWith('never fires')) {
    // A date no calendar has: valid syntax for the scheduler, which finds no run time.
    expect(verdict, expression).toEqual({ accepted: true, fires: false });
  } else if (problem === undefined) {
    expect(verdict, expression).toMatchObject({ accepted: true });
  } else if (verdict.accepted) {
    expect.fail(`${expression}: the config schema refuses it (${problem}), the scheduler accepts it`);
  } else if (expression.startsWith('cron(')) {
    expect(verdict.reason, expression).toBe(problem);
  }
}

const fieldToken = (values: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...values),
    fc.integer({ min: -1, max: 2300 }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 })).map(([a, b]) => `${a}-${b}`),
    fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 20 })).map(([a, b]) => `${a}/${b}`),
  );
const listOf = (token: fc.Arbitrary<string>) =>
  fc.array(token, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));

const cronExpression = fc
  .tuple(
    listOf(fieldToken(['*', '0', '59', '60', '*/15', '?', 'L'])),
    listOf(fieldToken(['*', '0', '23', '24', '25', '9-17', '?'])),
    fieldToken(['?', '*', 'L', '15W', '1W', '32W', '0', '31', '30', 'L,1', '3#1']),
    listOf(fieldToken(['*', 'JAN', 'FEB', 'feb', 'DEC', 'JAN-MAR', 'FOO', '13', '2', '4,6'])),
    fieldToken(['?', '*', 'MON-FRI', 'SUN', '2#1', '2#6', '6L', 'L', '8', 'MON#2', 'XYZ']),
    fieldToken(['*', '2026', '1969', '2199', '2200', '2026-2030', '2030/2']),
  )
  .map((fields) => `cron(${fields.join(' ')})`);

describe('the config schema and the local scheduler', () => {
  it.each([
    'cron(0 25 * * ? *)',
    'cron(0 11 ? * MON-FRI *)',
    'cron(0 0 30 2 ? *)',
    'cron(0 0 31 4,6 ? *)',
    'cron(0 0 29 2 ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0 0 ? * 2#6 *)',
    'cron(0 0 L * ? *)',
    'cron(0 0 15W * ? *)',
    'cron(0 0 ? * 6L *)',
    'cron(0 0 1 * ? 2200)',
    'cron(0 0 1 * ? 1969)',
    'rate(1 minute)',
    'rate(1 minutes)',
    'rate(0 hours)',
    'rate(5 weeks)',
    'at(2026-02-30T10:00:00)',
    'at(2026-12-01T09:00:00)',
  ])('agree on %s', (expression) => {
    expectAgreement(expression);
  });

  it('agree on random 6-field cron expressions, valid and not (2,000 cases)', () => {
    fc.assert(
      fc.property(cronExpression, (expression) => expectAgreement(expression)),
      { numRuns: 2000 },
    );
  });
});
