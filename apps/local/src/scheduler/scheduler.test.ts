import { parseScheduledEvent, scheduledTimeOf, schedulerDefaultEventSchema } from '@shiftflow/events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidStartTimeError, ScheduledRunError, ScheduleStoppedError } from './errors';
import { type ScheduledInvocation, Scheduler, type SchedulerClock, type SchedulerTimers } from './scheduler';

/** Deterministic clock and timers: time moves only through `advanceTo`. */
class FakeTime implements SchedulerClock, SchedulerTimers {
  #now: number;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #nextId = 1;

  constructor(start: string) {
    this.#now = Date.parse(start);
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    // Node.js fires a timer longer than this at once (with a warning), so a caller must split it.
    if (delayMs > 2_147_483_647) throw new Error(`timer of ${delayMs} ms is longer than Node.js allows`);
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + delayMs, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Runs every timer due up to `time`, in order, moving the clock to each one. */
  advanceTo(time: string, late = 0): void {
    const target = Date.parse(time);
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = Math.max(this.#now, due[1].at + late);
      due[1].callback();
    }
    this.#now = Math.max(this.#now, target);
  }
}

function collect(): {
  invocations: ScheduledInvocation[];
  onFire: (invocation: ScheduledInvocation) => void;
} {
  const invocations: ScheduledInvocation[] = [];
  return { invocations, onFire: (invocation) => invocations.push(invocation) };
}

/** The one field of the default payload these tests read. */
interface SchedulerDefaultEventLike {
  readonly time: string;
}

/** FakeTime whose clock can be made to fail. */
class BreakableTime extends FakeTime {
  broken = false;

  override now(): number {
    if (this.broken) throw new Error('clock failed');
    return super.now();
  }
}

describe('Scheduler', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('fires at each cron time with the EventBridge Scheduler default payload', () => {
    const time = new FakeTime('2026-01-01T09:59:30Z');
    const scheduler = new Scheduler({
      name: 'nightly',
      expression: 'cron(0 10 * * ? *)',
      region: 'eu-west-1',
      account: '111122223333',
      clock: time,
      timers: time,
    });
    const { invocations, onFire } = collect();

    scheduler.start(onFire);
    time.advanceTo('2026-01-01T09:59:59Z');
    expect(invocations).toHaveLength(0);
    time.advanceTo('2026-01-02T10:00:00Z');

    expect(invocations.map((invocation) => invocation.scheduledTime.toISOString())).toEqual([
      '2026-01-01T10:00:00.000Z',
      '2026-01-02T10:00:00.000Z',
    ]);
    const [first] = invocations;
    expect(first?.payload).toEqual({
      version: '0',
      id: first?.executionId,
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      account: '111122223333',
      time: '2026-01-01T10:00:00Z',
      region: 'eu-west-1',
      resources: ['arn:aws:scheduler:eu-west-1:111122223333:schedule/default/nightly'],
      detail: '{}',
    });
    expect(scheduler.nextRun?.toISOString()).toBe('2026-01-03T10:00:00.000Z');
  });

  it('passes the scheduled time, not the late timer time', () => {
    const time = new FakeTime('2026-01-01T09:00:00Z');
    const scheduler = new Scheduler({
      name: 's',
      expression: 'cron(0/15 * * * ? *)',
      clock: time,
      timers: time,
    });
    const { invocations, onFire } = collect();

    scheduler.start(onFire);
    time.advanceTo('2026-01-01T09:15:00Z', 4_000);

    expect(invocations.map((invocation) => invocation.payload)).toMatchObject([
      { time: '2026-01-01T09:15:00Z' },
    ]);
  });

  it('counts rate() runs from the start', () => {
    const time = new FakeTime('2026-01-01T09:07:13Z');
    const scheduler = new Scheduler({ name: 's', expression: 'rate(5 minutes)', clock: time, timers: time });
    const { invocations, onFire } = collect();

    scheduler.start(onFire);
    time.advanceTo('2026-01-01T09:20:00Z');

    expect(invocations.map((invocation) => invocation.scheduledTime.toISOString())).toEqual([
      '2026-01-01T09:12:13.000Z',
      '2026-01-01T09:17:13.000Z',
    ]);
  });

  it('stops firing after stop()', () => {
    const time = new FakeTime('2026-01-01T00:00:00Z');
    const scheduler = new Scheduler({ name: 's', expression: 'rate(1 minute)', clock: time, timers: time });
    const { invocations, onFire } = collect();

    scheduler.start(onFire);
    time.advanceTo('2026-01-01T00:01:00Z');
    scheduler.stop();
    time.advanceTo('2026-01-01T01:00:00Z');

    expect(invocations).toHaveLength(1);
    expect(time.pendingTimers).toBe(0);
    expect(scheduler.nextRun).toBeUndefined();
  });

  it('fires an at() schedule once, in its time zone, then stops', () => {
    const time = new FakeTime('2026-01-01T00:00:00Z');
    const scheduler = new Scheduler({
      name: 'once',
      expression: 'at(2026-01-01T10:00:00)',
      timeZone: 'Asia/Tokyo',
      clock: time,
      timers: time,
    });
    const { invocations, onFire } = collect();

    scheduler.start(onFire);
    time.advanceTo('2026-02-01T00:00:00Z');

    expect(invocations.map((invocation) => invocation.scheduledTime.toISOString())).toEqual([
      '2026-01-01T01:00:00.000Z',
    ]);
    expect(time.pendingTimers).toBe(0);
  });

  it('splits waits longer than the longest Node.js timer', () => {
    const time = new FakeTime('2026-01-01T00:00:00Z');
    const scheduler = new Scheduler({
      name: 's',
      expression: 'cron(0 0 1 JUL ? *)',
      clock: time,
      timers: time,
    });
    const { invocations, onFire } = collect();

    scheduler.start(onFire);
    time.advanceTo('2026-06-30T23:59:59Z');
    expect(invocations).toHaveLength(0);
    time.advanceTo('2026-07-01T00:00:00Z');

    expect(invocations.map((invocation) => invocation.scheduledTime.toISOString())).toEqual([
      '2026-07-01T00:00:00.000Z',
    ]);
  });

  it('substitutes the context attributes in a custom input', () => {
    const time = new FakeTime('2026-01-01T00:00:00Z');
    const scheduler = new Scheduler({
      name: 'custom',
      group: 'shiftflow',
      expression: 'rate(1 hour)',
      input:
        '{"scheduledTime":"<aws.scheduler.scheduled-time>","source":"shiftflow.scheduler","arn":"<aws.scheduler.schedule-arn>","execution":"<aws.scheduler.execution-id>","attempt":<aws.scheduler.attempt-number>}',
      clock: time,
      timers: time,
    });
    const { invocations, onFire } = collect();

    scheduler.start(onFire);
    time.advanceTo('2026-01-01T01:00:00Z');

    expect(invocations[0]?.payload).toEqual({
      scheduledTime: '2026-01-01T01:00:00Z',
      source: 'shiftflow.scheduler',
      arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/shiftflow/custom',
      execution: invocations[0]?.executionId,
      attempt: 1,
    });
  });

  it('delivers payloads the @shiftflow/events schemas accept, default and custom input alike', () => {
    const time = new FakeTime('2026-11-30T15:00:00Z');
    const options = { name: 'nyc-taxi', expression: 'cron(0 16 * * ? *)', clock: time, timers: time };
    const plain = new Scheduler(options);
    const custom = new Scheduler({
      ...options,
      input:
        '{"source":"shiftflow.scheduler","scheduledTime":"<aws.scheduler.scheduled-time>","scheduleArn":"<aws.scheduler.schedule-arn>","executionId":"<aws.scheduler.execution-id>","attemptNumber":"<aws.scheduler.attempt-number>"}',
    });
    const { invocations, onFire } = collect();

    plain.start(onFire);
    custom.start(onFire);
    time.advanceTo('2026-11-30T16:00:00Z');

    expect(invocations).toHaveLength(2);
    expect(schedulerDefaultEventSchema.parse(invocations[0]?.payload).detail).toBe('{}');
    for (const invocation of invocations) {
      expect(scheduledTimeOf(parseScheduledEvent(invocation.payload)).toISOString()).toBe(
        '2026-11-30T16:00:00.000Z',
      );
    }
    expect(invocations[1]?.payload).toMatchObject({ attemptNumber: '1', scheduleArn: custom.scheduleArn });
  });

  it('reports a failing run to onError and keeps the schedule going', async () => {
    const time = new FakeTime('2026-01-01T00:00:00Z');
    const errors: (ScheduledRunError | ScheduleStoppedError)[] = [];
    const scheduler = new Scheduler({
      name: 'flaky',
      expression: 'rate(1 minute)',
      clock: time,
      timers: time,
      onError: (error) => errors.push(error),
    });
    let calls = 0;

    scheduler.start(async () => {
      calls += 1;
      throw new Error(`boom ${calls}`);
    });
    time.advanceTo('2026-01-01T00:02:00Z');
    await new Promise((resolve) => setImmediate(resolve));

    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(ScheduledRunError);
    expect(errors[0]?.message).toBe('schedule "flaky" run at 2026-01-01T00:01:00.000Z failed: boom 1');
    expect(errors[1]?.cause).toMatchObject({ message: 'boom 2' });
  });

  it('rejects an invalid expression when constructed', () => {
    expect(() => new Scheduler({ name: 's', expression: 'cron(0 11 * * *)' })).toThrow(
      'schedule "cron(0 11 * * *)" has 5 fields; EventBridge cron needs 6',
    );
  });
  it('fires up to the largest JavaScript date, then stops without an error (bug B3)', () => {
    const time = new FakeTime('+275760-09-12T23:58:00Z');
    const errors: unknown[] = [];
    const scheduler = new Scheduler({
      name: 'last',
      expression: 'rate(1 minute)',
      clock: time,
      timers: time,
      onError: (error) => errors.push(error),
    });
    const { invocations, onFire } = collect();

    scheduler.start(onFire);
    time.advanceTo('+275760-09-13T00:00:00Z');

    expect(invocations.map(({ payload }) => (payload as SchedulerDefaultEventLike).time)).toEqual([
      '+275760-09-12T23:59:00Z',
      '+275760-09-13T00:00:00Z',
    ]);
    expect(errors).toEqual([]);
    expect(scheduler.nextRun).toBeUndefined();
    expect(time.pendingTimers).toBe(0);
  });

  it('stops and reports ScheduleStoppedError when its own timer work fails, without throwing from the timer', () => {
    const time = new BreakableTime('2026-01-01T00:00:00Z');
    const errors: (ScheduledRunError | ScheduleStoppedError)[] = [];
    const scheduler = new Scheduler({
      name: 'broken-clock',
      expression: 'rate(1 minute)',
      clock: time,
      timers: time,
      onError: (error) => errors.push(error),
    });
    const { invocations, onFire } = collect();
    scheduler.start(onFire);

    time.broken = true;
    expect(() => time.advanceTo('2026-01-01T00:05:00Z')).not.toThrow();

    expect(invocations).toHaveLength(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ScheduleStoppedError);
    expect(errors[0]?.message).toBe('schedule "broken-clock" stopped: clock failed');
    expect(scheduler.nextRun).toBeUndefined();
    expect(time.pendingTimers).toBe(0);
  });

  it('keeps going when onError throws, writing both errors to standard error', async () => {
    const time = new FakeTime('2026-01-01T00:00:00Z');
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const scheduler = new Scheduler({
      name: 'noisy',
      expression: 'rate(1 minute)',
      clock: time,
      timers: time,
      onError: () => {
        throw new Error('handler failed');
      },
    });
    let calls = 0;
    scheduler.start(() => {
      calls += 1;
      throw new Error(`boom ${calls}`);
    });

    expect(() => time.advanceTo('2026-01-01T00:02:00Z')).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));

    expect(calls).toBe(2);
    expect(written.join('')).toBe(
      [
        'schedule "noisy" run at 2026-01-01T00:01:00.000Z failed: boom 1',
        'schedule "noisy" onError threw: handler failed',
        'schedule "noisy" run at 2026-01-01T00:02:00.000Z failed: boom 2',
        'schedule "noisy" onError threw: handler failed',
        '',
      ].join('\n'),
    );
    expect(scheduler.nextRun?.toISOString()).toBe('2026-01-01T00:03:00.000Z');
  });

  it('throws InvalidStartTimeError from start when the clock gives no valid time, and stays stopped', () => {
    const time = new FakeTime('2026-01-01T00:00:00Z');
    const scheduler = new Scheduler({
      name: 'nan',
      expression: 'rate(1 minute)',
      clock: { now: () => Number.NaN },
      timers: time,
    });

    expect(() => scheduler.start(() => undefined)).toThrow(InvalidStartTimeError);
    expect(scheduler.nextRun).toBeUndefined();
    expect(time.pendingTimers).toBe(0);
  });
});
