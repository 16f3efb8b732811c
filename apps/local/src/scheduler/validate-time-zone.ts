import { InvalidScheduleExpressionError } from './errors';

/**
 * Checks that `timeZone` is an IANA time zone this runtime knows, as EventBridge Scheduler requires.
 *
 * @throws InvalidScheduleExpressionError naming the expression and the bad time zone.
 * @example
 * validateTimeZone('cron(0 11 * * ? *)', 'Europe/Paris');
 */
export function validateTimeZone(expression: string, timeZone: string): void {
  if (typeof timeZone !== 'string' || timeZone === '') {
    throw new InvalidScheduleExpressionError(
      expression,
      String(timeZone),
      'needs an IANA time zone such as "UTC"',
    );
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch (error) {
    throw new InvalidScheduleExpressionError(
      expression,
      timeZone,
      `has time zone "${timeZone}", which is not an IANA time zone (e.g. "Europe/Paris")`,
      { cause: error },
    );
  }
}
