import { describe, expect, it } from 'vitest';
import schedulerDefaultEvent from './__fixtures__/scheduler-default-event.json';
import schedulerInputEvent from './__fixtures__/scheduler-input-event.json';
import { parseRunnerInput, runRequestOf } from './runner-input';

const now = new Date('2026-11-30T17:45:12.345Z');

describe('runRequestOf', () => {
  it('reads the scheduled time of a scheduled event', () => {
    expect(runRequestOf(parseRunnerInput(schedulerDefaultEvent), now)).toEqual({
      trigger: 'scheduled',
      scheduledTime: new Date('2026-11-30T16:00:00Z'),
    });
    expect(runRequestOf(parseRunnerInput(schedulerInputEvent), now).scheduledTime.toISOString()).toBe(
      '2026-11-30T16:00:00.000Z',
    );
  });

  it('uses now for a manual request without a run time and keeps the reason', () => {
    const input = parseRunnerInput({ source: 'shiftflow.manual', reason: '  reload  ', requestedBy: 'ana' });
    expect(runRequestOf(input, now)).toEqual({
      trigger: 'manual',
      scheduledTime: now,
      reason: 'reload',
      requestedBy: 'ana',
    });
  });

  it('uses the given run time of a manual request', () => {
    const input = parseRunnerInput({
      source: 'shiftflow.manual',
      reason: 'x',
      runTime: '2026-11-30T12:00:00Z',
    });
    expect(runRequestOf(input, now).scheduledTime.toISOString()).toBe('2026-11-30T12:00:00.000Z');
  });
});

describe('parseRunnerInput', () => {
  it('rejects a manual request without a reason', () => {
    expect(() => parseRunnerInput({ source: 'shiftflow.manual', reason: '   ' })).toThrow(/must say why/);
  });

  it('rejects an unknown source and names it', () => {
    expect(() => parseRunnerInput({ source: 'someone.else' })).toThrow(
      /invalid runner input: source: .*"someone\.else"/,
    );
  });
});
