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

interface CronField {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const minuteField: CronField = { label: 'minutes', min: 0, max: 59 };
const hourField: CronField = { label: 'hours', min: 0, max: 23 };
const dayOfMonthField: CronField = { label: 'day-of-month', min: 1, max: 31 };
const monthField: CronField = {
  label: 'month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const dayOfWeekField: CronField = {
  label: 'day-of-week',
  min: 1,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};
const yearField: CronField = { label: 'year', min: 1970, max: 2199 };

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

/** Thrown inside the parser with the reason only; turned into InvalidScheduleExpressionError. */
class FieldProblem extends Error {}

function parseValue(field: CronField, text: string): number {
  const upper = text.toUpperCase();
  const nameIndex = field.names?.indexOf(upper) ?? -1;
  if (nameIndex >= 0) return field.min + nameIndex;
  if (!/^\d+$/.test(text)) {
    const allowed = field.names
      ? `a number ${field.min}-${field.max} or ${field.names.join('|')}`
      : `a number ${field.min}-${field.max}`;
    throw new FieldProblem(`has ${field.label} value "${text}", which is not ${allowed}`);
  }
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw new FieldProblem(`has ${field.label} value "${text}" outside ${field.min}-${field.max}`);
  }
  return value;
}

/**
 * Validates one comma-separated item of the general form (`*`, `v`, `v-w`, `v/s`, `v-w/s`, `*\/s`),
 * returns it with names replaced by numbers, and adds the values it selects to `values`.
 */
function parseGeneralItem(field: CronField, item: string, values: Set<number>): string {
  const match = /^([^/-]+)(?:-([^/-]+))?(?:\/(\d+))?$/.exec(item);
  if (!match)
    throw new FieldProblem(`has ${field.label} item "${item}", which is not a value, range or step`);
  const [, startText = '', endText, stepText] = match;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (step < 1) throw new FieldProblem(`has ${field.label} step "${item}"; the increment must be at least 1`);
  let start: number;
  let end: number;
  let converted: string;
  if (startText === '*') {
    if (endText !== undefined)
      throw new FieldProblem(`has ${field.label} item "${item}"; "*" cannot start a range`);
    start = field.min;
    end = field.max;
    // croner's "*" year has no end, but EventBridge years stop at 2199: spell the range out.
    converted = field === yearField ? `${field.min}-${field.max}` : '*';
  } else {
    start = parseValue(field, startText);
    end = endText === undefined ? (stepText === undefined ? start : field.max) : parseValue(field, endText);
    if (end < start) {
      throw new FieldProblem(`has ${field.label} range "${item}" that ends before it starts`);
    }
    converted = endText === undefined ? String(start) : `${start}-${end}`;
  }
  for (let value = start; value <= end; value += step) values.add(value);
  return stepText === undefined ? converted : `${converted}/${step}`;
}

function parseGeneralField(field: CronField, text: string): { converted: string; values: Set<number> } {
  const values = new Set<number>();
  const items = text.split(',');
  const converted = items
    .map((item) => {
      if (item === '') throw new FieldProblem(`has an empty item in ${field.label} "${text}"`);
      if (item === '?')
        throw new FieldProblem(`has "?" in ${field.label}; only day-of-month or day-of-week take "?"`);
      const withoutNames = item.replace(/[A-Za-z]{3}/g, (name) =>
        field.names?.includes(name.toUpperCase()) ? '' : name,
      );
      if (/[LW#]/i.test(withoutNames)) {
        throw new FieldProblem(
          `has ${field.label} item "${item}"; ${field.label} does not allow L, W or # there (L and W: day-of-month alone, "<day>W"; L and #: day-of-week "L", "6L", "2#1")`,
        );
      }
      return parseGeneralItem(field, item, values);
    })
    .join(',');
  return { converted, values };
}

function parseDayOfMonth(text: string): string {
  if (text === '?') return '*';
  if (text.toUpperCase() === 'L') return 'L';
  const weekday = /^(\d+)W$/i.exec(text);
  if (weekday) return `${parseValue(dayOfMonthField, weekday[1] ?? '')}W`;
  if (/[LW#]/i.test(text)) {
    throw new FieldProblem(
      `has day-of-month "${text}"; use "L" alone, "<day>W" alone, or values, ranges and steps ("#" is day-of-week only)`,
    );
  }
  return parseGeneralField(dayOfMonthField, text).converted;
}

function parseDayOfWeek(text: string): string {
  if (text === '?') return '*';
  // A bare "L" in day-of-week is the last day of the week: Saturday.
  if (text.toUpperCase() === 'L') return '7';
  if (text.includes('#')) {
    const nth = /^([^#,]+)#(\d+)$/.exec(text);
    if (!nth)
      throw new FieldProblem(`has day-of-week "${text}"; "#" takes one "<day>#<1-5>" expression and no list`);
    const day = parseValue(dayOfWeekField, nth[1] ?? '');
    const occurrence = Number(nth[2]);
    if (occurrence < 1 || occurrence > 5) {
      throw new FieldProblem(`has day-of-week "${text}"; the occurrence after "#" must be 1-5`);
    }
    return `${day}#${occurrence}`;
  }
  const last = /^([A-Za-z]{3}|\d+)L$/i.exec(text);
  if (last) return `${parseValue(dayOfWeekField, last[1] ?? '')}#L`;
  return parseGeneralField(dayOfWeekField, text).converted;
}

function parseCron(expression: string, body: string, timeZone: string): ScheduleExpression {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new FieldProblem(
      `has ${fields.length} fields; EventBridge cron needs 6 (minutes hours day-of-month month day-of-week year)`,
    );
  }
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = fields;
  if (dayOfMonth === '?' && dayOfWeek === '?') {
    throw new FieldProblem('has "?" in both day-of-month and day-of-week; exactly one of them must be "?"');
  }
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    throw new FieldProblem(
      `sets both day-of-month "${dayOfMonth}" and day-of-week "${dayOfWeek}"; exactly one of them must be "?"`,
    );
  }
  const minuteSpec = parseGeneralField(minuteField, minutes);
  const hourSpec = parseGeneralField(hourField, hours);
  const converted = [
    '0',
    minuteSpec.converted,
    hourSpec.converted,
    parseDayOfMonth(dayOfMonth),
    parseGeneralField(monthField, month).converted,
    parseDayOfWeek(dayOfWeek),
    parseGeneralField(yearField, year).converted,
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
  if (!match) throw new FieldProblem('needs "rate(<value> <unit>)", e.g. "rate(5 minutes)"');
  const [, valueText = '', unitText = ''] = match;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    throw new FieldProblem(`has rate value "${valueText}"; it must be a positive whole number`);
  }
  const value = Number(valueText);
  const unit = rateUnits[unitText.replace(/s$/, '')];
  if (!unit || (unitText !== unit.singular && unitText !== unit.plural)) {
    throw new FieldProblem(`has rate unit "${unitText}"; use minute(s), hour(s) or day(s)`);
  }
  if (value === 1 && unitText !== unit.singular) {
    throw new FieldProblem(
      `uses "${unitText}" with 1; EventBridge needs the singular "rate(1 ${unit.singular})"`,
    );
  }
  if (value > 1 && unitText !== unit.plural) {
    throw new FieldProblem(`uses "${unitText}" with ${value}; EventBridge needs the plural "${unit.plural}"`);
  }
  const maxValue = Math.floor(maxRateMs / unit.ms);
  if (value > maxValue) {
    throw new FieldProblem(
      `has rate value "${valueText}", above ${maxValue} ${unit.plural}, the longest rate accepted (1,000,000 days): EventBridge documents no maximum, but the runs of a longer rate soon fall past the largest date JavaScript can represent`,
    );
  }
  return { intervalMs: value * unit.ms };
}

function parseAt(expression: string, body: string, timeZone: string): ScheduleExpression {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) throw new FieldProblem(`has time "${body}"; at() needs yyyy-mm-ddThh:mm:ss`);
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
    throw new FieldProblem(`has time "${body}", which is not a real date and time`);
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
    if (error instanceof FieldProblem)
      throw new InvalidScheduleExpressionError(expression, timeZone, error.message);
    throw error;
  }
}
