/**
 * Static validation of EventBridge Scheduler expressions, field by field, with the ranges and special
 * characters EventBridge documents for the 6-field cron form
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based: minutes 0-59,
 * hours 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT, year 1970-2199;
 * `? L W #` only where that page allows them). It has no dependency and no clock, so the config schema
 * refuses the same expressions in the Lambda bundles, the CDK app and the local app, at load time. The
 * local scheduler (apps/local, croner) applies the same rules when it computes run times; a test there
 * checks both agree. Whether a valid schedule still fires from now on depends on the clock, so that is
 * the scheduler's to say (`shiftflow dev` warns), except for dates no calendar has (30 February), which
 * are refused here.
 */

import { cronFields } from './cron-fields';
import { CronFieldProblem, readCronList, readCronValue } from './read-cron-list';
import { splitCronFields } from './split-cron-fields';

/** Longest day of each month in any year (February: 29). */
const longestMonthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The days a day-of-month field selects, or undefined when it is relative (`?`, `L`, `<day>W`). */
function dayOfMonthValues(text: string): Set<number> | undefined {
  if (text === '?' || text.toUpperCase() === 'L') return undefined;
  const weekday = /^(\d+)W$/i.exec(text);
  if (weekday) {
    readCronValue(cronFields.dayOfMonth, weekday[1] ?? '');
    return undefined;
  }
  if (/[LW#]/i.test(text)) {
    throw new CronFieldProblem(
      `has day-of-month "${text}"; use "L" alone, "<day>W" alone, or values, ranges and steps ("#" is day-of-week only)`,
    );
  }
  return readCronList(cronFields.dayOfMonth, text).values;
}

function checkDayOfWeek(text: string): void {
  if (text === '?' || text.toUpperCase() === 'L') return;
  if (text.includes('#')) {
    const nth = /^([^#,]+)#(\d+)$/.exec(text);
    if (!nth)
      throw new CronFieldProblem(
        `has day-of-week "${text}"; "#" takes one "<day>#<1-5>" expression and no list`,
      );
    readCronValue(cronFields.dayOfWeek, nth[1] ?? '');
    const occurrence = Number(nth[2]);
    if (occurrence < 1 || occurrence > 5) {
      throw new CronFieldProblem(`has day-of-week "${text}"; the occurrence after "#" must be 1-5`);
    }
    return;
  }
  const last = /^([A-Za-z]{3}|\d+)L$/i.exec(text);
  if (last) {
    readCronValue(cronFields.dayOfWeek, last[1] ?? '');
    return;
  }
  readCronList(cronFields.dayOfWeek, text);
}

function checkCron(body: string): void {
  const { minutes, hours, dayOfMonth, month, dayOfWeek, year } = splitCronFields(body);
  readCronList(cronFields.minute, minutes);
  readCronList(cronFields.hour, hours);
  const days = dayOfMonthValues(dayOfMonth);
  const months = readCronList(cronFields.month, month).values;
  checkDayOfWeek(dayOfWeek);
  readCronList(cronFields.year, year);
  if (
    days !== undefined &&
    ![...months].some((m) => [...days].some((day) => day <= (longestMonthDays[m - 1] ?? 31)))
  ) {
    throw new CronFieldProblem(
      `never fires: day-of-month "${dayOfMonth}" does not occur in month "${month}" (no such date in any year)`,
    );
  }
}

const rateUnits: Record<string, { singular: string; plural: string }> = {
  minute: { singular: 'minute', plural: 'minutes' },
  hour: { singular: 'hour', plural: 'hours' },
  day: { singular: 'day', plural: 'days' },
};

function checkRate(body: string): void {
  const match = /^(\S+) (\S+)$/.exec(body);
  if (!match) throw new CronFieldProblem('needs "rate(<value> <unit>)", e.g. "rate(5 minutes)"');
  const [, valueText = '', unitText = ''] = match;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    throw new CronFieldProblem(`has rate value "${valueText}"; it must be a whole number of at least 1`);
  }
  const value = Number(valueText);
  const unit = rateUnits[unitText.replace(/s$/, '')];
  if (!unit || (unitText !== unit.singular && unitText !== unit.plural)) {
    throw new CronFieldProblem(`has rate unit "${unitText}"; use minute(s), hour(s) or day(s)`);
  }
  if (value === 1 && unitText !== unit.singular) {
    throw new CronFieldProblem(`needs the singular unit for a rate of 1 ("rate(1 ${unit.singular})")`);
  }
  if (value > 1 && unitText !== unit.plural) {
    throw new CronFieldProblem(`needs the plural unit for a rate above 1 ("${unit.plural}")`);
  }
}

function checkAt(body: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) throw new CronFieldProblem(`has time "${body}"; at() needs yyyy-mm-ddThh:mm:ss`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  const check = new Date(0);
  check.setUTCFullYear(year ?? 0, (month ?? 0) - 1, day);
  check.setUTCHours(hour ?? 0, minute, second);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== (month ?? 0) - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    throw new CronFieldProblem(`has time "${body}", which is not a real date and time`);
  }
}

/**
 * Describes what is wrong with an EventBridge Scheduler expression (`cron(…)` with 6 fields, each in
 * its range, `rate(n unit)` or `at(yyyy-mm-ddThh:mm:ss)`), or returns undefined when it is valid.
 *
 * @example
 * ```ts
 * scheduleExpressionProblem('cron(0 11 * * ? *)'); // undefined
 * scheduleExpressionProblem('cron(0 25 * * ? *)'); // 'has hours value "25" outside 0-23'
 * ```
 */
export function scheduleExpressionProblem(expression: string): string | undefined {
  const form = /^(cron|rate|at)\((.*)\)$/s.exec(expression);
  if (!form) return 'is not cron(…), rate(…) or at(yyyy-mm-ddThh:mm:ss)';
  const [, kind, body = ''] = form;
  try {
    if (kind === 'cron') checkCron(body);
    else if (kind === 'rate') checkRate(body);
    else checkAt(body);
    return undefined;
  } catch (error) {
    if (error instanceof CronFieldProblem) return error.message;
    throw error;
  }
}
