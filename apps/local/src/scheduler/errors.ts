import { LocalAppError, type LocalErrorCode } from '../errors';

function describeTime(time: Date): string {
  return Number.isNaN(time.getTime()) ? 'an invalid time' : time.toISOString();
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** Stable codes of the local scheduler's errors (a part of {@link LocalErrorCode}). */
export type SchedulerErrorCode = Extract<
  LocalErrorCode,
  'INVALID_SCHEDULE_EXPRESSION' | 'SCHEDULED_RUN_FAILED' | 'INVALID_START_TIME' | 'SCHEDULE_STOPPED'
>;

/**
 * Base class of every error raised by the local scheduler; a {@link LocalAppError} with a stable `code`.
 *
 * @example
 * ```ts
 * try { parseScheduleExpression('cron(0 11 * * *)', 'UTC'); } catch (error) {
 *   if (error instanceof SchedulerError) console.error(error.code); // 'INVALID_SCHEDULE_EXPRESSION'
 * }
 * ```
 */
export class SchedulerError extends LocalAppError {
  /** Stable, machine-readable error code. */
  declare readonly code: SchedulerErrorCode;

  constructor(code: SchedulerErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * A schedule expression or time zone that EventBridge Scheduler would reject.
 *
 * @example
 * ```ts
 * try {
 *   parseScheduleExpression('cron(0 11 * * *)', 'UTC');
 * } catch (error) {
 *   if (error instanceof InvalidScheduleExpressionError) console.error(error.expression, error.reason);
 * }
 * ```
 */
export class InvalidScheduleExpressionError extends SchedulerError {
  /** The expression as given. */
  readonly expression: string;
  /** The time zone as given. */
  readonly timeZone: string;
  /** What is wrong, without the expression. */
  readonly reason: string;

  constructor(expression: string, timeZone: string, reason: string, options?: ErrorOptions) {
    super('INVALID_SCHEDULE_EXPRESSION', `schedule "${expression}" ${reason}`, options);
    this.name = 'InvalidScheduleExpressionError';
    this.expression = expression;
    this.timeZone = timeZone;
    this.reason = reason;
  }
}

/**
 * The callback given to `Scheduler.start` threw or rejected for one scheduled time.
 *
 * @example
 * ```ts
 * new Scheduler({ name: 'x', expression: 'rate(1 hour)', onError: (error) => console.error(error.scheduledTime, error.cause) });
 * ```
 */
export class ScheduledRunError extends SchedulerError {
  /** Name of the schedule. */
  readonly scheduleName: string;
  /** Scheduled time of the failed invocation. */
  readonly scheduledTime: Date;

  constructor(scheduleName: string, scheduledTime: Date, cause: unknown) {
    super(
      'SCHEDULED_RUN_FAILED',
      `schedule "${scheduleName}" run at ${describeTime(scheduledTime)} failed: ${describeCause(cause)}`,
      { cause },
    );
    this.name = 'ScheduledRunError';
    this.scheduleName = scheduleName;
    this.scheduledTime = scheduledTime;
  }
}

/**
 * `nextRuns` was asked for the runs after a time that is not a valid date.
 *
 * @example
 * ```ts
 * try {
 *   parseScheduleExpression('rate(1 hour)').nextRuns(new Date(Number.NaN), 1);
 * } catch (error) {
 *   if (error instanceof InvalidStartTimeError) console.error(error.expression, error.from);
 * }
 * ```
 */
export class InvalidStartTimeError extends SchedulerError {
  /** The expression whose runs were asked for. */
  readonly expression: string;
  /** The time given, an invalid date. */
  readonly from: Date;

  constructor(expression: string, from: Date) {
    super(
      'INVALID_START_TIME',
      `schedule "${expression}" cannot list runs after ${String(from)}: the start is not a valid date`,
    );
    this.name = 'InvalidStartTimeError';
    this.expression = expression;
    this.from = from;
  }
}

/**
 * The scheduler could not go on (its clock, timers or next run time failed) and stopped; no
 * further runs fire until `start` is called again.
 *
 * @example
 * ```ts
 * new Scheduler({ name: 'x', expression: 'rate(1 hour)', onError: (error) => {
 *   if (error instanceof ScheduleStoppedError) console.error(error.scheduleName, error.cause);
 * } });
 * ```
 */
export class ScheduleStoppedError extends SchedulerError {
  /** Name of the schedule. */
  readonly scheduleName: string;

  constructor(scheduleName: string, cause: unknown) {
    super('SCHEDULE_STOPPED', `schedule "${scheduleName}" stopped: ${describeCause(cause)}`, { cause });
    this.name = 'ScheduleStoppedError';
    this.scheduleName = scheduleName;
  }
}
