/**
 * One field of the 6-field EventBridge cron form: its name in messages, its range and, for month and
 * day-of-week, the names that stand for its values (the first name is `min`).
 *
 * @example
 * ```ts
 * const hours: CronField = { label: 'hours', min: 0, max: 23 };
 * ```
 */
export interface CronField {
  /** The field's name in messages, e.g. `day-of-month`. */
  readonly label: string;
  /** Smallest value the field takes. */
  readonly min: number;
  /** Largest value the field takes. */
  readonly max: number;
  /** Names of the values from `min` up, e.g. `JAN`…`DEC`; only month and day-of-week have them. */
  readonly names?: readonly string[];
}

/**
 * The fields of an EventBridge Scheduler cron expression, in order, with the ranges and names
 * EventBridge documents (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based:
 * minutes 0-59, hours 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT,
 * year 1970-2199). The one table both the config check and the local scheduler read.
 *
 * @example
 * ```ts
 * cronFields.dayOfWeek.names?.indexOf('MON'); // 1, so MON is cronFields.dayOfWeek.min + 1 = 2
 * ```
 */
export const cronFields = {
  minute: { label: 'minutes', min: 0, max: 59 },
  hour: { label: 'hours', min: 0, max: 23 },
  dayOfMonth: { label: 'day-of-month', min: 1, max: 31 },
  month: {
    label: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  dayOfWeek: {
    label: 'day-of-week',
    min: 1,
    max: 7,
    names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  },
  year: { label: 'year', min: 1970, max: 2199 },
} as const satisfies Record<string, CronField>;
