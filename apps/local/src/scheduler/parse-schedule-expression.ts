import {
  type CronField,
  CronFieldProblem,
  cronFields,
  readCronList,
  readCronValue,
  splitCronFields,
} from '@shiftflow/events';
import { Cron } from 'croner';
import { InvalidScheduleExpressionError, InvalidStartTimeError } from './errors';
import { validateTimeZone } from './validate-time-zone';
import { wallClockReader } from './wall-clock-reader';

/** A validated EventBridge Scheduler expression that can list its next run times. */
export interface ScheduleExpression {
  /** Which form the expression has. */
  readonly kind: 'cron' | 'rate' | 'at';
  /** The expression as given, e.g. `cron(0 10 * * ? *)`. */
  readonly expression: string;
  /** IANA time zone the expression is read in (ignored by `rate()`). */
  readonly timeZone: string;
  /** For `rate()`, the interval in milliseconds; undefined for the other forms. */
  readonly intervalMs: number | undefined;
  /**
   * The next `count` run times strictly after `from`. A `rate()` schedule counts from `from`
   * (the schedule's creation or its previous run), as EventBridge does. Runs past the largest
   * JavaScript date are left out, so fewer than `count` may come back.
   *
   * @throws InvalidStartTimeError when `from` is not a valid date.
   */
  nextRuns(from: Date, count: number): Date[];
}

/** Largest time a JavaScript Date can hold: 8.64e15 ms after 1970-01-01 (year 275760). */
const maxDateMs = 8.64e15;

/**
 * Longest `rate()` interval accepted: 1,000,000 days (about 2,700 years). EventBridge documents no
 * upper bound for the value; this one keeps every interval an exact integer number of milliseconds
 * and far longer than any schedule can usefully be, while a value such as `rate(100000000 days)`
 * would put even the first run past the largest JavaScript date.
 */
const maxRateMs = 1_000_000 * 86_400_000;

const rateUnits: Record<string, { singular: string; plural: string; ms: number }> = {
  minute: { singular: 'minute', plural: 'minutes', ms: 60_000 },
  hour: { singular: 'hour', plural: 'hours', ms: 3_600_000 },
  day: { singular: 'day', plural: 'days', ms: 86_400_000 },
};

function checkStart(expression: string, from: Date): void {
  if (!(from instanceof Date) || Number.isNaN(from.getTime()))
    throw new InvalidStartTimeError(expression, from);
}

/** The items of a general field in croner's syntax (names as numbers), with the values they select. */
function parseGeneralField(field: CronField, text: string): { converted: string; values: Set<number> } {
  const { items, values } = readCronList(field, text);
  const converted = items
    .map((item) => {
      // croner's "*" year has no end, but EventBridge years stop at 2199: spell the range out.
      const all = field === cronFields.year ? `${field.min}-${field.max}` : '*';
      const base =
        item.form === 'all' ? all : item.form === 'value' ? String(item.start) : `${item.start}-${item.end}`;
      return item.stepped ? `${base}/${item.step}` : base;
    })
    .join(',');
  return { converted, values };
}

function parseDayOfMonth(text: string): string {
  if (text === '?') return '*';
  if (text.toUpperCase() === 'L') return 'L';
  const weekday = /^(\d+)W$/i.exec(text);
  if (weekday) return `${readCronValue(cronFields.dayOfMonth, weekday[1] ?? '')}W`;
  if (/[LW#]/i.test(text)) {
    throw new CronFieldProblem(
      `has day-of-month "${text}"; use "L" alone, "<day>W" alone, or values, ranges and steps ("#" is day-of-week only)`,
    );
  }
  return parseGeneralField(cronFields.dayOfMonth, text).converted;
}

function parseDayOfWeek(text: string): string {
  if (text === '?') return '*';
  // A bare "L" in day-of-week is the last day of the week: Saturday.
  if (text.toUpperCase() === 'L') return '7';
  if (text.includes('#')) {
    const nth = /^([^#,]+)#(\d+)$/.exec(text);
    if (!nth)
      throw new CronFieldProblem(
        `has day-of-week "${text}"; "#" takes one "<day>#<1-5>" expression and no list`,
      );
    const day = readCronValue(cronFields.dayOfWeek, nth[1] ?? '');
    const occurrence = Number(nth[2]);
    if (occurrence < 1 || occurrence > 5) {
      throw new CronFieldProblem(`has day-of-week "${text}"; the occurrence after "#" must be 1-5`);
    }
    return `${day}#${occurrence}`;
  }
  const last = /^([A-Za-z]{3}|\d+)L$/i.exec(text);
  if (last) return `${readCronValue(cronFields.dayOfWeek, last[1] ?? '')}#L`;
  return parseGeneralField(cronFields.dayOfWeek, text).converted;
}

function parseCron(expression: string, body: string, timeZone: string): ScheduleExpression {
  const { minutes, hours, dayOfMonth, month, dayOfWeek, year } = splitCronFields(body);
  const minuteSpec = parseGeneralField(cronFields.minute, minutes);
  const hourSpec = parseGeneralField(cronFields.hour, hours);
  const converted = [
    '0',
    minuteSpec.converted,
    hourSpec.converted,
    parseDayOfMonth(dayOfMonth),
    parseGeneralField(cronFields.month, month).converted,
    parseDayOfWeek(dayOfWeek),
    parseGeneralField(cronFields.year, year).converted,
  ].join(' ');
  let cron: Cron;
  try {
    cron = new Cron(converted, {
      timezone: timeZone,
      mode: '7-part',
      alternativeWeekdays: true,
      sloppyRanges: true,
      domAndDow: true,
    });
  } catch (error) {
    throw new InvalidScheduleExpressionError(
      expression,
      timeZone,
      `could not be read by the cron engine (as "${converted}"): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const wallClock = wallClockReader(timeZone);
  return {
    kind: 'cron',
    expression,
    timeZone,
    intervalMs: undefined,
    nextRuns(from, count) {
      checkStart(expression, from);
      const runs: Date[] = [];
      let cursor = from;
      // croner moves a fixed-time run that falls in a DST gap to the first valid time after it;
      // EventBridge Scheduler skips it instead, so drop runs whose wall clock is not in the pattern.
      for (let attempts = 0; runs.length < count && attempts < count * 4 + 16; attempts++) {
        const next = cron.nextRun(cursor);
        if (!next) break;
        const local = wallClock(next);
        if (minuteSpec.values.has(local.minute) && hourSpec.values.has(local.hour)) runs.push(next);
        cursor = next;
      }
      return runs;
    },
  };
}

function parseRate(body: string): { intervalMs: number } {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(body);
  if (!match) throw new CronFieldProblem('needs "rate(<value> <unit>)", e.g. "rate(5 minutes)"');
  const [, valueText = '', unitText = ''] = match;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    throw new CronFieldProblem(`has rate value "${valueText}"; it must be a positive whole number`);
  }
  const value = Number(valueText);
  const unit = rateUnits[unitText.replace(/s$/, '')];
  if (!unit || (unitText !== unit.singular && unitText !== unit.plural)) {
    throw new CronFieldProblem(`has rate unit "${unitText}"; use minute(s), hour(s) or day(s)`);
  }
  if (value === 1 && unitText !== unit.singular) {
    throw new CronFieldProblem(
      `uses "${unitText}" with 1; EventBridge needs the singular "rate(1 ${unit.singular})"`,
    );
  }
  if (value > 1 && unitText !== unit.plural) {
    throw new CronFieldProblem(
      `uses "${unitText}" with ${value}; EventBridge needs the plural "${unit.plural}"`,
    );
  }
  const maxValue = Math.floor(maxRateMs / unit.ms);
  if (value > maxValue) {
    throw new CronFieldProblem(
      `has rate value "${valueText}", above ${maxValue} ${unit.plural}, the longest rate accepted (1,000,000 days): EventBridge documents no maximum, but the runs of a longer rate soon fall past the largest date JavaScript can represent`,
    );
  }
  return { intervalMs: value * unit.ms };
}

function parseAt(expression: string, body: string, timeZone: string): ScheduleExpression {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) throw new CronFieldProblem(`has time "${body}"; at() needs yyyy-mm-ddThh:mm:ss`);
  // The pattern has six groups of digits, so every default below is never used.
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  check.setUTCHours(hour, minute, second);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    throw new CronFieldProblem(`has time "${body}", which is not a real date and time`);
  }
  let instant: Date | null;
  try {
    instant = new Cron(body, { timezone: timeZone, allowPast: true }).nextRun(new Date(0));
  } catch (error) {
    throw new InvalidScheduleExpressionError(
      expression,
      timeZone,
      `has a time the cron engine cannot read: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  const at = instant;
  return {
    kind: 'at',
    expression,
    timeZone,
    intervalMs: undefined,
    nextRuns(from, count) {
      checkStart(expression, from);
      return at && count > 0 && at.getTime() > from.getTime() ? [at] : [];
    },
  };
}

/**
 * Parses and validates an EventBridge Scheduler expression (`cron()`, `rate()` or `at()`) in an
 * IANA time zone, the way EventBridge Scheduler reads it.
 *
 * @param expression - `cron(min hour dom month dow year)`, `rate(n unit)` or `at(yyyy-mm-ddThh:mm:ss)`.
 * @param timeZone - IANA time zone name the cron and at forms are read in, e.g. `Europe/Paris`.
 * @throws InvalidScheduleExpressionError when the expression or time zone is not accepted.
 *
 * @example
 * ```ts
 * const schedule = parseScheduleExpression('cron(0 9 ? * MON-FRI *)', 'Europe/Paris');
 * schedule.nextRuns(new Date('2026-01-01T00:00:00Z'), 2); // 2026-01-01T08:00Z, 2026-01-02T08:00Z
 * ```
 */
export function parseScheduleExpression(expression: string, timeZone = 'UTC'): ScheduleExpression {
  if (typeof expression !== 'string') {
    throw new InvalidScheduleExpressionError(String(expression), String(timeZone), 'is not a string');
  }
  validateTimeZone(expression, timeZone);
  const form = /^(cron|rate|at)\((.*)\)$/s.exec(expression.trim());
  if (!form) {
    throw new InvalidScheduleExpressionError(
      expression,
      timeZone,
      'is not one of cron(min hour day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)',
    );
  }
  const [, kind, body = ''] = form;
  try {
    if (kind === 'cron') return parseCron(expression, body, timeZone);
    if (kind === 'at') return parseAt(expression, body, timeZone);
    const { intervalMs } = parseRate(body);
    return {
      kind: 'rate',
      expression,
      timeZone,
      intervalMs,
      nextRuns(from, count) {
        checkStart(expression, from);
        const runs: Date[] = [];
        for (let index = 1; index <= count; index++) {
          const time = from.getTime() + intervalMs * index;
          // Runs past the largest JavaScript date do not exist.
          if (!(time <= maxDateMs)) break;
          runs.push(new Date(time));
        }
        return runs;
      },
    };
  } catch (error) {
    if (error instanceof CronFieldProblem)
      throw new InvalidScheduleExpressionError(expression, timeZone, error.message);
    throw error;
  }
}
