import { describe, expect, it } from 'vitest';
import ruleEvent from './__fixtures__/scheduled-rule-event.json';
import schedulerDefaultEvent from './__fixtures__/scheduler-default-event.json';
import schedulerInputEvent from './__fixtures__/scheduler-input-event.json';
import { EventParseError } from './errors';
import { parseScheduledEvent, scheduledTimeOf } from './scheduled-event';

describe('parseScheduledEvent', () => {
  it('accepts the scheduled rule form with an object detail', () => {
    const event = parseScheduledEvent(ruleEvent);
    expect(event.source).toBe('aws.events');
    expect(scheduledTimeOf(event).toISOString()).toBe('2019-03-01T01:23:45.000Z');
  });

  it('accepts the Scheduler default form whose detail is the string "{}"', () => {
    const event = parseScheduledEvent(schedulerDefaultEvent);
    expect(event.source).toBe('aws.scheduler');
    expect(scheduledTimeOf(event).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('accepts the Scheduler custom input and reads its scheduled time', () => {
    const event = parseScheduledEvent(schedulerInputEvent);
    expect(event.source).toBe('shiftflow.scheduler');
    expect(scheduledTimeOf(event).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('rejects an unsubstituted Scheduler placeholder and shows the value', () => {
    const input = { ...schedulerInputEvent, scheduledTime: '<aws.scheduler.scheduled-time>' };
    expect(() => parseScheduledEvent(input)).toThrow(/<aws\.scheduler\.scheduled-time>/);
  });

  it('rejects a time whose UTC year leaves 0000-9999 and shows a cyclic value without crashing', () => {
    expect(() =>
      parseScheduledEvent({ ...schedulerInputEvent, scheduledTime: '9999-12-31T23:59:59-00:01' }),
    ).toThrow(/scheduledTime: must fall in the years 0000-9999/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => parseScheduledEvent({ ...ruleEvent, version: cyclic })).toThrow(
      /version: .*\(got \[object\]\)/,
    );
  });

  it('rejects a rule event without a time', () => {
    const { time: _time, ...withoutTime } = ruleEvent;
    const error = catchError(() => parseScheduledEvent(withoutTime));
    expect(error).toBeInstanceOf(EventParseError);
    expect(error.message).toMatch(/^invalid scheduled event: time: /);
    expect((error as EventParseError).issues.map((issue) => issue.path)).toEqual(['time']);
  });
});

function catchError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error');
}
