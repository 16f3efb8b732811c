import { CronFieldProblem } from './read-cron-list';

/**
 * The six fields of the body of an EventBridge `cron(…)` expression, as written.
 *
 * @example
 * ```ts
 * const fields: CronFieldTexts = { minutes: '0', hours: '9', dayOfMonth: '?', month: '*', dayOfWeek: 'MON-FRI', year: '*' };
 * ```
 */
export interface CronFieldTexts {
  readonly minutes: string;
  readonly hours: string;
  readonly dayOfMonth: string;
  readonly month: string;
  readonly dayOfWeek: string;
  readonly year: string;
}

/**
 * Splits the body of a `cron(…)` expression into its six fields and checks the rule that binds
 * day-of-month and day-of-week: exactly one of them is `?`
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based).
 * The fields themselves are read by {@link readCronList} and {@link readCronValue}.
 *
 * @throws CronFieldProblem when there are not six fields, or not exactly one `?` among the day fields.
 *
 * @example
 * ```ts
 * splitCronFields('0 9 ? * MON-FRI *').dayOfWeek; // 'MON-FRI'
 * ```
 */
export function splitCronFields(body: string): CronFieldTexts {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new CronFieldProblem(
      `has ${fields.length} fields; EventBridge cron needs 6 (minutes hours day-of-month month day-of-week year)`,
    );
  }
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = fields;
  if (dayOfMonth === '?' && dayOfWeek === '?') {
    throw new CronFieldProblem(
      'has "?" in both day-of-month and day-of-week; exactly one of them must be "?"',
    );
  }
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    throw new CronFieldProblem(
      `sets both day-of-month "${dayOfMonth}" and day-of-week "${dayOfWeek}"; exactly one of them must be "?"`,
    );
  }
  return { minutes, hours, dayOfMonth, month, dayOfWeek, year };
}
