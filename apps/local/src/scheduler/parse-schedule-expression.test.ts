import { describe, expect, it } from 'vitest';
import { InvalidScheduleExpressionError, InvalidStartTimeError } from './errors';
import { parseScheduleExpression } from './parse-schedule-expression';

const from = new Date('2026-01-01T00:00:00Z'); // a Thursday

function iso(dates: Date[]): string[] {
  return dates.map((date) => date.toISOString().replace('.000Z', 'Z'));
}

describe('parseScheduleExpression', () => {
  describe('cron() next runs in UTC (AWS documented examples and the reference list)', () => {
    it.each([
      ['cron(0 10 * * ? *)', ['2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z', '2026-01-03T10:00:00Z']],
      ['cron(15 12 * * ? *)', ['2026-01-01T12:15:00Z', '2026-01-02T12:15:00Z', '2026-01-03T12:15:00Z']],
      ['cron(0 18 ? * MON-FRI *)', ['2026-01-01T18:00:00Z', '2026-01-02T18:00:00Z', '2026-01-05T18:00:00Z']],
      ['cron(0 8 1 * ? *)', ['2026-01-01T08:00:00Z', '2026-02-01T08:00:00Z', '2026-03-01T08:00:00Z']],
      ['cron(0/15 * * * ? *)', ['2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z', '2026-01-01T00:45:00Z']],
      [
        'cron(0/10 * ? * MON-FRI *)',
        ['2026-01-01T00:10:00Z', '2026-01-01T00:20:00Z', '2026-01-01T00:30:00Z'],
      ],
      [
        'cron(0/5 8-17 ? * MON-FRI *)',
        ['2026-01-01T08:00:00Z', '2026-01-01T08:05:00Z', '2026-01-01T08:10:00Z'],
      ],
      ['cron(0 9 ? * 2#1 *)', ['2026-01-05T09:00:00Z', '2026-02-02T09:00:00Z', '2026-03-02T09:00:00Z']],
      ['cron(0 0 L * ? *)', ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z', '2026-03-31T00:00:00Z']],
      ['cron(0 0 ? * 6L *)', ['2026-01-30T00:00:00Z', '2026-02-27T00:00:00Z', '2026-03-27T00:00:00Z']],
      ['cron(0 9 1W * ? *)', ['2026-01-01T09:00:00Z', '2026-02-02T09:00:00Z', '2026-03-02T09:00:00Z']],
      ['cron(0 9 ? * 2-6 *)', ['2026-01-01T09:00:00Z', '2026-01-02T09:00:00Z', '2026-01-05T09:00:00Z']],
      ['cron(0 0 ? * L *)', ['2026-01-03T00:00:00Z', '2026-01-10T00:00:00Z', '2026-01-17T00:00:00Z']],
      ['cron(0 0 ? * 1 *)', ['2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z', '2026-01-18T00:00:00Z']],
      ['cron(0 0 ? * SUN *)', ['2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z', '2026-01-18T00:00:00Z']],
      ['cron(0 0 ? * sat *)', ['2026-01-03T00:00:00Z', '2026-01-10T00:00:00Z', '2026-01-17T00:00:00Z']],
      ['cron(0 12 ? * WED#2 *)', ['2026-01-14T12:00:00Z', '2026-02-11T12:00:00Z', '2026-03-11T12:00:00Z']],
      ['cron(30 6 15 JUL,DEC ? *)', ['2026-07-15T06:30:00Z', '2026-12-15T06:30:00Z', '2027-07-15T06:30:00Z']],
      ['cron(0 12 * * ? 2027)', ['2027-01-01T12:00:00Z', '2027-01-02T12:00:00Z', '2027-01-03T12:00:00Z']],
      ['cron(0 12 1 1 ? 2026-2027)', ['2026-01-01T12:00:00Z', '2027-01-01T12:00:00Z']],
      ['cron(5,35 14 * * ? *)', ['2026-01-01T14:05:00Z', '2026-01-01T14:35:00Z', '2026-01-02T14:05:00Z']],
    ])('%s', (expression, expected) => {
      expect(iso(parseScheduleExpression(expression, 'UTC').nextRuns(from, 3))).toEqual(expected);
    });

    it('returns runs strictly after the given time', () => {
      const schedule = parseScheduleExpression('cron(0 10 * * ? *)', 'UTC');
      expect(iso(schedule.nextRuns(new Date('2026-01-01T10:00:00Z'), 1))).toEqual(['2026-01-02T10:00:00Z']);
    });
  });

  describe('time zones and daylight saving time', () => {
    it('reads the cron fields in the time zone, across the spring change', () => {
      const schedule = parseScheduleExpression('cron(0 9 ? * MON-FRI *)', 'America/New_York');
      expect(iso(schedule.nextRuns(new Date('2026-03-06T00:00:00Z'), 2))).toEqual([
        '2026-03-06T14:00:00Z',
        '2026-03-09T13:00:00Z',
      ]);
    });

    it('skips a run whose local time does not exist when clocks move forward', () => {
      const schedule = parseScheduleExpression('cron(30 2 * * ? *)', 'America/New_York');
      expect(iso(schedule.nextRuns(new Date('2026-03-07T00:00:00Z'), 2))).toEqual([
        '2026-03-07T07:30:00Z',
        '2026-03-09T06:30:00Z',
      ]);
    });

    it('runs once at a local time that occurs twice when clocks move back', () => {
      const schedule = parseScheduleExpression('cron(30 1 * * ? *)', 'America/New_York');
      expect(iso(schedule.nextRuns(new Date('2026-10-31T12:00:00Z'), 2))).toEqual([
        '2026-11-01T05:30:00Z',
        '2026-11-02T06:30:00Z',
      ]);
    });

    it('keeps the local hour in Europe/Paris when the offset changes', () => {
      const schedule = parseScheduleExpression('cron(0 8 * * ? *)', 'Europe/Paris');
      expect(iso(schedule.nextRuns(new Date('2026-03-28T00:00:00Z'), 2))).toEqual([
        '2026-03-28T07:00:00Z',
        '2026-03-29T06:00:00Z',
      ]);
    });
  });

  describe('rate()', () => {
    it.each([
      ['rate(1 minute)', 60_000],
      ['rate(5 minutes)', 300_000],
      ['rate(1 hour)', 3_600_000],
      ['rate(12 hours)', 43_200_000],
      ['rate(1 day)', 86_400_000],
      ['rate(7 days)', 604_800_000],
    ])('%s runs every %i ms counted from the given time', (expression, intervalMs) => {
      const schedule = parseScheduleExpression(expression, 'UTC');
      expect(schedule.intervalMs).toBe(intervalMs);
      expect(schedule.nextRuns(from, 2).map((date) => date.getTime() - from.getTime())).toEqual([
        intervalMs,
        2 * intervalMs,
      ]);
    });
  });

  describe('at()', () => {
    it('runs once at the local time of the zone', () => {
      const schedule = parseScheduleExpression('at(2026-03-01T10:00:00)', 'Europe/Paris');
      expect(iso(schedule.nextRuns(from, 3))).toEqual(['2026-03-01T09:00:00Z']);
    });

    it('has no run once the time has passed', () => {
      const schedule = parseScheduleExpression('at(2026-03-01T10:00:00)', 'UTC');
      expect(schedule.nextRuns(new Date('2026-03-01T10:00:00Z'), 1)).toEqual([]);
    });
  });

  describe('invalid expressions', () => {
    it.each([
      ['cron(0 11 * * *)', 'has 5 fields; EventBridge cron needs 6'],
      ['cron(0 0 11 * * ? *)', 'has 7 fields; EventBridge cron needs 6'],
      [
        'cron(0 9 1 * MON *)',
        'sets both day-of-month "1" and day-of-week "MON"; exactly one of them must be "?"',
      ],
      ['cron(0 9 * * * *)', 'sets both day-of-month "*" and day-of-week "*"'],
      ['cron(0 9 ? * ? *)', 'has "?" in both day-of-month and day-of-week'],
      ['cron(? 9 * * ? *)', 'has "?" in minutes'],
      ['cron(60 * * * ? *)', 'has minutes value "60" outside 0-59'],
      ['cron(0 24 * * ? *)', 'has hours value "24" outside 0-23'],
      ['cron(0 0 32 * ? *)', 'has day-of-month value "32" outside 1-31'],
      ['cron(0 0 0 * ? *)', 'has day-of-month value "0" outside 1-31'],
      ['cron(0 0 1 13 ? *)', 'has month value "13" outside 1-12'],
      ['cron(0 0 1 FOO ? *)', 'has month value "FOO", which is not a number 1-12 or JAN|'],
      ['cron(0 0 ? * 0 *)', 'has day-of-week value "0" outside 1-7'],
      ['cron(0 0 ? * 8 *)', 'has day-of-week value "8" outside 1-7'],
      ['cron(0 0 * * ? 1969)', 'has year value "1969" outside 1970-2199'],
      ['cron(0 0 * * ? 2200)', 'has year value "2200" outside 1970-2199'],
      ['cron(0 0 ? * 2#6 *)', 'the occurrence after "#" must be 1-5'],
      ['cron(0 0 ? * 2#1,3#1 *)', '"#" takes one "<day>#<1-5>" expression and no list'],
      ['cron(0 0 ? * 1W *)', 'has day-of-week item "1W"'],
      ['cron(0 0 1#1 * ? *)', 'has day-of-month "1#1"'],
      ['cron(0 0 L,15 * ? *)', 'has day-of-month "L,15"'],
      ['cron(5L 0 * * ? *)', 'has minutes item "5L"'],
      ['cron(0 5-2 * * ? *)', 'has hours range "5-2" that ends before it starts'],
      ['cron(0/0 * * * ? *)', 'the increment must be at least 1'],
      ['cron(0,,5 * * * ? *)', 'has an empty item in minutes "0,,5"'],
      ['cron(a b ? d e f)', 'has minutes value "a", which is not a number 0-59'],
      ['rate(1 minutes)', 'uses "minutes" with 1; EventBridge needs the singular "rate(1 minute)"'],
      ['rate(1 hours)', 'uses "hours" with 1'],
      ['rate(1 days)', 'uses "days" with 1'],
      ['rate(5 minute)', 'uses "minute" with 5; EventBridge needs the plural "minutes"'],
      ['rate(2 hour)', 'uses "hour" with 2'],
      ['rate(0 minutes)', 'has rate value "0"; it must be a positive whole number'],
      ['rate(-5 minutes)', 'has rate value "-5"'],
      ['rate(1.5 hours)', 'has rate value "1.5"'],
      ['rate(5 seconds)', 'has rate unit "seconds"; use minute(s), hour(s) or day(s)'],
      ['rate(5)', 'needs "rate(<value> <unit>)"'],
      ['at(2026-02-30T10:00:00)', 'has time "2026-02-30T10:00:00", which is not a real date and time'],
      ['at(2026-03-01 10:00:00)', 'at() needs yyyy-mm-ddThh:mm:ss'],
      ['at(2026-03-01T10:00)', 'at() needs yyyy-mm-ddThh:mm:ss'],
      ['0 10 * * ? *', 'is not one of cron('],
      ['every(5 minutes)', 'is not one of cron('],
      ['', 'is not one of cron('],
    ])('rejects %s', (expression, message) => {
      const call = () => parseScheduleExpression(expression, 'UTC');
      expect(call).toThrow(InvalidScheduleExpressionError);
      expect(call).toThrow(`schedule "${expression}" `);
      expect(call).toThrow(message);
    });

    it('rejects a time zone that is not IANA and names it', () => {
      const call = () => parseScheduleExpression('rate(1 hour)', 'Mars/Olympus_Mons');
      expect(call).toThrow(InvalidScheduleExpressionError);
      expect(call).toThrow('has time zone "Mars/Olympus_Mons", which is not an IANA time zone');
    });

    it('carries the expression, zone and reason on the error', () => {
      const error = (() => {
        try {
          parseScheduleExpression('cron(0 11 * * *)', 'Europe/Paris');
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(InvalidScheduleExpressionError);
      expect(error).toMatchObject({
        code: 'INVALID_SCHEDULE_EXPRESSION',
        expression: 'cron(0 11 * * *)',
        timeZone: 'Europe/Paris',
        message:
          'schedule "cron(0 11 * * *)" has 5 fields; EventBridge cron needs 6 (minutes hours day-of-month month day-of-week year)',
      });
    });
  });
  describe('near the limits of JavaScript dates', () => {
    it.each([
      ['rate(1000001 days)', '1000000 days'],
      ['rate(24000001 hours)', '24000000 hours'],
      ['rate(1440000001 minutes)', '1440000000 minutes'],
      ['rate(100000000 days)', '1000000 days'],
      [`rate(${'9'.repeat(400)} hours)`, '24000000 hours'],
    ])('rejects %s, longer than the longest rate accepted', (expression, limit) => {
      expect(() => parseScheduleExpression(expression)).toThrow(InvalidScheduleExpressionError);
      expect(() => parseScheduleExpression(expression)).toThrow(`above ${limit}, the longest rate accepted`);
    });

    it('accepts the longest rate, 1,000,000 days', () => {
      expect(parseScheduleExpression('rate(1000000 days)').intervalMs).toBe(8.64e13);
      expect(parseScheduleExpression('rate(1440000000 minutes)').intervalMs).toBe(8.64e13);
    });

    it('leaves out rate() runs past the largest JavaScript date', () => {
      const runs = parseScheduleExpression('rate(1 minute)').nextRuns(new Date('+275760-09-12T23:58:00Z'), 5);
      expect(runs.map((run) => run.toISOString())).toEqual([
        '+275760-09-12T23:59:00.000Z',
        '+275760-09-13T00:00:00.000Z',
      ]);
    });

    it.each(['rate(1 hour)', 'cron(0 10 * * ? *)', 'at(2026-06-01T10:00:00)'])(
      'throws InvalidStartTimeError for runs of %s after an invalid date',
      (expression) => {
        const schedule = parseScheduleExpression(expression);
        expect(() => schedule.nextRuns(new Date(Number.NaN), 1)).toThrow(InvalidStartTimeError);
        expect(() => schedule.nextRuns(new Date(Number.NaN), 1)).toThrow(
          `schedule "${expression}" cannot list runs after Invalid Date`,
        );
      },
    );

    it('has no cron() run after 2199, the last EventBridge year, when the year is "*"', () => {
      const schedule = parseScheduleExpression('cron(0 0 * * ? *)');
      expect(iso(schedule.nextRuns(new Date('2199-12-30T00:00:00Z'), 3))).toEqual(['2199-12-31T00:00:00Z']);
      expect(iso(parseScheduleExpression('cron(0 0 1 1 ? */100)').nextRuns(from, 3))).toEqual([
        '2070-01-01T00:00:00Z',
        '2170-01-01T00:00:00Z',
      ]);
    });

    it('runs cron() in 2199 at its local time, even when that is 2200 in UTC', () => {
      const schedule = parseScheduleExpression('cron(59 23 31 12 ? 2199)', 'America/Adak');
      expect(iso(schedule.nextRuns(from, 2))).toEqual(['2200-01-01T09:59:00Z']);
    });

    it('reads at() times at both ends of the four-digit years', () => {
      expect(
        parseScheduleExpression('at(9999-12-31T23:59:59)', 'America/Adak')
          .nextRuns(from, 1)
          .map((run) => run.toISOString()),
      ).toEqual(['+010000-01-01T09:59:59.000Z']);
      // Years 0-99 are real years, not 1900-1999; a time long past has no run.
      expect(parseScheduleExpression('at(0004-02-29T00:00:00)').nextRuns(from, 1)).toEqual([]);
      expect(() => parseScheduleExpression('at(0005-02-29T00:00:00)')).toThrow('which is not a real date');
    });
  });
});
