import { describe, expect, it } from 'vitest';
import { neverFiresReason } from './never-fires-reason';
import { parseScheduleExpression } from './parse-schedule-expression';

const now = new Date('2026-06-01T12:00:00Z');

describe('neverFiresReason', () => {
  it.each(['cron(0 11 ? * MON-FRI *)', 'rate(5 minutes)', 'at(2026-06-01T12:00:01)', 'cron(0 0 29 2 ? *)'])(
    'returns nothing for %s, which fires again',
    (expression) => {
      expect(neverFiresReason(parseScheduleExpression(expression, 'UTC'), now)).toBeUndefined();
    },
  );

  it('names an at() time in the past', () => {
    expect(neverFiresReason(parseScheduleExpression('at(2020-01-01T00:00:00)', 'Europe/Paris'), now)).toBe(
      'schedule "at(2020-01-01T00:00:00)" (Europe/Paris) never fires: its only run time, 2019-12-31T23:00:00.000Z, is in the past',
    );
  });

  it.each([
    ['cron(0 0 1 1 ? 2020-2025)', 'years that have passed'],
    ['cron(0 0 29 2 ? 2027)', '29 February of a common year'],
    ['cron(0 0 30 2 ? *)', 'a date no calendar has'],
  ])('names %s (%s)', (expression) => {
    expect(neverFiresReason(parseScheduleExpression(expression, 'UTC'), now)).toBe(
      `schedule "${expression}" (UTC) never fires: it has no run time after 2026-06-01T12:00:00.000Z`,
    );
  });
});
