import { describe, expect, it } from 'vitest';
import { DataApiException, InvalidOptionError } from './errors';
import { FaultInjector } from './fault-injector';
import { principalArn, statusChangeEvent } from './status-change-event';

function event(state: 'FINISHED' | 'FAILED' | 'ABORTED', statementName = 'nyc-taxi/run') {
  return statusChangeEvent({
    account: '123456789012',
    region: 'us-east-1',
    resource: 'arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/local',
    principal: principalArn('123456789012', 'test'),
    statementName,
    statementId: 'd9b6c0c9-0747-4bf4-b142-e8883122f766',
    redshiftQueryId: 7,
    state,
    rows: 0,
    time: new Date('2026-01-01T10:00:00Z'),
  });
}

function outcome(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (!(error instanceof DataApiException)) throw error;
    return `${error.httpStatus} ${error.exceptionName}`;
  }
}

describe('FaultInjector', () => {
  it('throttles the first count requests of the chosen operations only', () => {
    const faults = new FaultInjector({ throttle: { operations: ['ExecuteStatement'], count: 2 } });
    const seen = [
      outcome(() => faults.beforeOperation('DescribeStatement')),
      outcome(() => faults.beforeOperation('ExecuteStatement')),
      outcome(() => faults.beforeOperation('ExecuteStatement')),
      outcome(() => faults.beforeOperation('ExecuteStatement')),
    ];
    expect(seen).toEqual(['ok', '400 ThrottlingException', '400 ThrottlingException', 'ok']);
    expect(faults.counts()).toEqual({ throttle: 2, serverErrors: 0, droppedEvents: 0, duplicatedEvents: 0 });
  });

  it('answers 5xx before the operation by default, or after it with when: after', () => {
    const before = new FaultInjector({ serverErrors: { count: 1, status: 503 } });
    expect(outcome(() => before.beforeOperation('ListStatements'))).toBe('503 ServiceUnavailableException');
    expect(outcome(() => before.afterOperation('ListStatements'))).toBe('ok');

    const after = new FaultInjector({ serverErrors: { count: 1, when: 'after' } });
    expect(outcome(() => after.beforeOperation('ExecuteStatement'))).toBe('ok');
    expect(outcome(() => after.afterOperation('ExecuteStatement'))).toBe('500 InternalServerException');
    expect(outcome(() => after.afterOperation('ExecuteStatement'))).toBe('ok');
    expect(after.counts().serverErrors).toBe(1);
  });

  it('drops and duplicates matching events by state and name prefix', () => {
    const faults = new FaultInjector({
      dropEvents: { states: ['FINISHED'], statementNamePrefix: 'nyc-taxi/', count: 1 },
      duplicateEvents: { states: ['FAILED'], count: 5 },
    });
    expect(faults.deliveries(event('FINISHED', 'other/run'))).toBe(1);
    expect(faults.deliveries(event('FINISHED'))).toBe(0);
    expect(faults.deliveries(event('FINISHED'))).toBe(1);
    expect(faults.deliveries(event('FAILED'))).toBe(2);
    expect(faults.deliveries(event('ABORTED'))).toBe(1);
    expect(faults.counts()).toMatchObject({ droppedEvents: 1, duplicatedEvents: 1 });
  });

  it('makes the same choices for the same seed with a rate, and different ones for another seed', () => {
    const choices = (seed: number) => {
      const faults = new FaultInjector({ dropEvents: { rate: 0.5 }, seed });
      return Array.from({ length: 64 }, () => faults.deliveries(event('FINISHED')));
    };
    const first = choices(42);
    expect(choices(42)).toEqual(first);
    expect(choices(43)).not.toEqual(first);
    const dropped = first.filter((deliveries) => deliveries === 0).length;
    expect(dropped).toBeGreaterThan(16);
    expect(dropped).toBeLessThan(48);
  });

  it('never fires with rate 0 and always with rate 1', () => {
    const never = new FaultInjector({ throttle: { rate: 0 } });
    const always = new FaultInjector({ throttle: { rate: 1 } });
    for (let index = 0; index < 20; index++) {
      expect(outcome(() => never.beforeOperation('ExecuteStatement'))).toBe('ok');
      expect(outcome(() => always.beforeOperation('ExecuteStatement'))).toBe('400 ThrottlingException');
    }
  });

  it.each([
    [{ throttle: {} }, 'faults.throttle'],
    [{ throttle: { count: 1, rate: 0.5 } }, 'faults.throttle'],
    [{ throttle: { count: -1 } }, 'faults.throttle.count'],
    [{ dropEvents: { rate: 2 } }, 'faults.dropEvents.rate'],
    [{ dropEvents: { rate: 0.1, states: ['DONE'] } }, 'faults.dropEvents.states'],
    [{ serverErrors: { count: 1, status: 404 } }, 'faults.serverErrors.status'],
    [{ serverErrors: { count: 1, when: 'later' } }, 'faults.serverErrors.when'],
    [{ seed: 1.5 }, 'faults.seed'],
    [{ slowDown: { count: 1 } }, 'faults.slowDown'],
  ])('refuses %j naming %s', (options, option) => {
    expect(() => new FaultInjector(options as never)).toThrow(InvalidOptionError);
    try {
      new FaultInjector(options as never);
    } catch (error) {
      expect((error as InvalidOptionError).option).toBe(option);
    }
  });
});
