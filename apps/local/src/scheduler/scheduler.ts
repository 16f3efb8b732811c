import { randomUUID } from 'node:crypto';
import { ScheduledRunError, ScheduleStoppedError } from './errors';
import { parseScheduleExpression, type ScheduleExpression } from './parse-schedule-expression';

/** EventBridge Scheduler's default notification: what a target receives when the schedule has no Input. */
export interface SchedulerDefaultEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Scheduled Event';
  readonly source: 'aws.scheduler';
  readonly account: string;
  /** Scheduled time, ISO 8601 UTC without milliseconds. */
  readonly time: string;
  readonly region: string;
  /** The schedule ARN. */
  readonly resources: [string];
  /** Always the string `"{}"`, not an object. */
  readonly detail: '{}';
}

/** One firing of a schedule, as given to the `onFire` callback. */
export interface ScheduledInvocation {
  /** The time the run was scheduled for (not the time the timer ran). */
  readonly scheduledTime: Date;
  /** Execution id, as in `<aws.scheduler.execution-id>`. */
  readonly executionId: string;
  /** ARN of the schedule. */
  readonly scheduleArn: string;
  /** What the target receives: the default notification, or the parsed `input` template. */
  readonly payload: SchedulerDefaultEvent | unknown;
}

/** Clock the scheduler reads; inject a fake one in tests. */
export interface SchedulerClock {
  now(): number;
}

/** Timer functions the scheduler uses; inject fake ones in tests. */
export interface SchedulerTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link Scheduler}. */
export interface SchedulerOptions {
  /** Schedule name, used in the ARN. */
  readonly name: string;
  /** `cron()`, `rate()` or `at()` expression. */
  readonly expression: string;
  /** IANA time zone. Defaults to `UTC`. */
  readonly timeZone?: string;
  /** Schedule group, used in the ARN. Defaults to `default`. */
  readonly group?: string;
  /** Defaults to `us-east-1`. */
  readonly region?: string;
  /** Defaults to `123456789012`. */
  readonly account?: string;
  /**
   * Target Input as EventBridge Scheduler takes it: a JSON text in which `<aws.scheduler.schedule-arn>`,
   * `<aws.scheduler.scheduled-time>`, `<aws.scheduler.execution-id>` and `<aws.scheduler.attempt-number>`
   * are replaced. Defaults to none, which delivers the default notification.
   */
  readonly input?: string;
  /**
   * Receives every error thrown by `onFire` (`ScheduledRunError`; the schedule goes on) and any failure
   * of the scheduler's own timer work (`ScheduleStoppedError`; the schedule stops). Nothing a timer
   * runs throws past it: if `onError` itself throws, both errors go to standard error. Defaults to
   * writing the error to standard error.
   */
  readonly onError?: (error: ScheduledRunError | ScheduleStoppedError) => void;
  /** Defaults to `Date`. */
  readonly clock?: SchedulerClock;
  /** Defaults to the global `setTimeout` / `clearTimeout`. */
  readonly timers?: SchedulerTimers;
}

/** Longest delay a Node.js timer accepts; longer waits are split. */
const maxTimerDelayMs = 2_147_483_647;

const systemClock: SchedulerClock = { now: () => Date.now() };
const systemTimers: SchedulerTimers = {
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    handle.unref?.();
    return handle;
  },
  // The handle is one that setTimeout above returned: a Node.js Timeout, typed unknown by the interface
  // so fake timers may use any handle.
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function replaceAll(template: string, values: Record<string, string>): string {
  let result = template;
  for (const [placeholder, value] of Object.entries(values)) result = result.split(placeholder).join(value);
  return result;
}

/**
 * Fires a callback at the times of an EventBridge Scheduler expression, with the payload EventBridge
 * Scheduler would deliver to its target.
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler({ name: 'nightly', expression: 'cron(0 2 * * ? *)', timeZone: 'Europe/Paris' });
 * scheduler.start(async ({ payload }) => invokeRunner(payload));
 * // later
 * scheduler.stop();
 * ```
 */
export class Scheduler {
  /** The parsed expression. */
  readonly schedule: ScheduleExpression;
  /** ARN of the schedule, `arn:aws:scheduler:<region>:<account>:schedule/<group>/<name>`. */
  readonly scheduleArn: string;
  readonly #options: SchedulerOptions;
  readonly #clock: SchedulerClock;
  readonly #timers: SchedulerTimers;
  #handle: unknown;
  #running = false;
  #nextRun: Date | undefined;
  #onFire: ((invocation: ScheduledInvocation) => unknown) | undefined;

  /** @throws InvalidScheduleExpressionError for an invalid expression, time zone or input template. */
  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.schedule = parseScheduleExpression(options.expression, options.timeZone ?? 'UTC');
    this.scheduleArn = `arn:aws:scheduler:${options.region ?? 'us-east-1'}:${options.account ?? '123456789012'}:schedule/${options.group ?? 'default'}/${options.name}`;
    this.#clock = options.clock ?? systemClock;
    this.#timers = options.timers ?? systemTimers;
  }

  /** The time of the next run once started, or undefined when stopped or when no run is left. */
  get nextRun(): Date | undefined {
    return this.#nextRun;
  }

  /**
   * Builds the payload delivered for one scheduled time.
   *
   * @example
   * ```ts
   * scheduler.payloadFor(new Date('2026-01-01T10:00:00Z')); // { source: 'aws.scheduler', detail: '{}', ... }
   * ```
   */
  payloadFor(scheduledTime: Date, executionId: string = randomUUID()): SchedulerDefaultEvent | unknown {
    const time = isoSeconds(scheduledTime);
    if (this.#options.input === undefined) {
      return {
        version: '0',
        id: executionId,
        'detail-type': 'Scheduled Event',
        source: 'aws.scheduler',
        account: this.#options.account ?? '123456789012',
        time,
        region: this.#options.region ?? 'us-east-1',
        resources: [this.scheduleArn],
        detail: '{}',
      } satisfies SchedulerDefaultEvent;
    }
    const text = replaceAll(this.#options.input, {
      '<aws.scheduler.schedule-arn>': this.scheduleArn,
      '<aws.scheduler.scheduled-time>': time,
      '<aws.scheduler.execution-id>': executionId,
      '<aws.scheduler.attempt-number>': '1',
    });
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      // Not swallowed: Scheduler accepts non-JSON Input too, and a Lambda target then receives it as a string.
      if (error instanceof SyntaxError) return text;
      throw error;
    }
  }

  /**
   * Starts firing `onFire` at each run time after now. Calling it again while running replaces the callback.
   *
   * @throws InvalidStartTimeError when the clock does not give a valid time.
   *
   * @example
   * ```ts
   * scheduler.start(({ scheduledTime, payload }) => console.log(scheduledTime, payload));
   * ```
   */
  start(onFire: (invocation: ScheduledInvocation) => unknown): void {
    this.#onFire = onFire;
    if (this.#running) return;
    this.#running = true;
    try {
      this.#arm(new Date(this.#clock.now()));
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  /**
   * Stops firing; a run already started is not interrupted.
   *
   * @example
   * ```ts
   * scheduler.stop();
   * ```
   */
  stop(): void {
    this.#running = false;
    this.#nextRun = undefined;
    if (this.#handle !== undefined) this.#timers.clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #arm(after: Date): void {
    const [next] = this.schedule.nextRuns(after, 1);
    this.#nextRun = next;
    if (!next) {
      this.#running = false;
      return;
    }
    this.#wait(next);
  }

  #wait(next: Date): void {
    const delay = Math.max(0, next.getTime() - this.#clock.now());
    if (Number.isNaN(delay)) {
      throw new RangeError(`cannot wait for run time ${String(next)} from clock time ${this.#clock.now()}`);
    }
    this.#handle = this.#timers.setTimeout(() => this.#onTimer(next), Math.min(delay, maxTimerDelayMs));
  }

  /** Timer callback: never throws, since an exception here would be uncaught and end the process. */
  #onTimer(next: Date): void {
    this.#handle = undefined;
    if (!this.#running) return;
    try {
      if (this.#clock.now() < next.getTime()) {
        this.#wait(next);
        return;
      }
      this.#fire(next);
      if (this.#running) this.#arm(new Date(Math.max(next.getTime(), this.#clock.now())));
    } catch (error) {
      this.stop();
      this.#report(new ScheduleStoppedError(this.#options.name, error));
    }
  }

  #fire(scheduledTime: Date): void {
    const runFailed = (cause: unknown) =>
      this.#report(new ScheduledRunError(this.#options.name, scheduledTime, cause));
    try {
      const executionId = randomUUID();
      const invocation: ScheduledInvocation = {
        scheduledTime,
        executionId,
        scheduleArn: this.scheduleArn,
        payload: this.payloadFor(scheduledTime, executionId),
      };
      const result = this.#onFire?.(invocation);
      if (result instanceof Promise) result.catch(runFailed);
    } catch (error) {
      runFailed(error);
    }
  }

  /** Hands an error to `onError`, or to standard error; never throws. */
  #report(error: ScheduledRunError | ScheduleStoppedError): void {
    if (this.#options.onError) {
      try {
        this.#options.onError(error);
        return;
      } catch (handlerError) {
        process.stderr.write(
          `${error.message}\nschedule "${this.#options.name}" onError threw: ${handlerError instanceof Error ? handlerError.message : String(handlerError)}\n`,
        );
        return;
      }
    }
    process.stderr.write(`${error.message}\n`);
  }
}
