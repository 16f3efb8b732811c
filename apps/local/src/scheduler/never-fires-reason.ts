import type { ScheduleExpression } from './parse-schedule-expression';

/** The earliest time a JavaScript Date can hold (year -271821): every run time comes after it. */
const earliestDate = new Date(-8.64e15);

/**
 * Says why a valid schedule will never fire again after `now`, or returns undefined when it has a
 * next run: an `at()` time in the past, or a cron whose dates are all past (a year field that ended)
 * or that no calendar has (`cron(0 0 29 2 ? 2027)`, 29 February of a common year). EventBridge
 * Scheduler accepts such schedules without a word; `shiftflow dev` says so instead of waiting forever.
 *
 * @example
 * neverFiresReason(parseScheduleExpression('at(2020-01-01T00:00:00)', 'UTC'), new Date('2026-01-01T00:00:00Z'));
 * // 'schedule "at(2020-01-01T00:00:00)" (UTC) never fires: its only run time, 2020-01-01T00:00:00.000Z, is in the past'
 */
export function neverFiresReason(schedule: ScheduleExpression, now: Date): string | undefined {
  if (schedule.nextRuns(now, 1).length > 0) return undefined;
  const prefix = `schedule "${schedule.expression}" (${schedule.timeZone}) never fires`;
  const [only] = schedule.kind === 'at' ? schedule.nextRuns(earliestDate, 1) : [];
  if (only !== undefined) return `${prefix}: its only run time, ${only.toISOString()}, is in the past`;
  return `${prefix}: it has no run time after ${now.toISOString()}`;
}
