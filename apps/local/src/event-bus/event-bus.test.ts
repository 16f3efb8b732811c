import { statusChangePattern } from '@shiftflow/events';
import { describe, expect, it } from 'vitest';
import statusChangeEvent from './__fixtures__/redshift-statement-status-change.json' with { type: 'json' };
import { type EventDeliveryError, InvalidEventError, InvalidEventPatternError } from './errors';
import { type BusEvent, EventBus } from './event-bus';

describe('EventBus', () => {
  it('delivers a matching event to each matching rule after putEvents returns', async () => {
    const bus = new EventBus();
    const received: [string, BusEvent][] = [];
    bus.putRule('finished', { detail: { state: ['FINISHED'] } }, (event, { ruleName }) => {
      received.push([ruleName, event]);
    });
    bus.putRule('any-redshift', { source: ['aws.redshift-data'] }, (event, { ruleName }) => {
      received.push([ruleName, event]);
    });
    bus.putRule('failed', { detail: { state: ['FAILED'] } }, (event, { ruleName }) => {
      received.push([ruleName, event]);
    });

    const matched = bus.putEvents(statusChangeEvent);
    expect(received).toEqual([]);
    await bus.idle();

    expect(matched).toEqual([['finished', 'any-redshift']]);
    expect(received).toEqual([
      ['finished', statusChangeEvent],
      ['any-redshift', statusChangeEvent],
    ]);
  });

  it('reports a failing target with its event and keeps delivering to the others', async () => {
    const failures: EventDeliveryError[] = [];
    const bus = new EventBus({ onDeliveryFailure: (failure) => failures.push(failure) });
    const delivered: string[] = [];
    bus.putRule('broken', { source: ['aws.redshift-data'] }, async () => {
      throw new Error('target is down');
    });
    bus.putRule('working', { source: ['aws.redshift-data'] }, (event) => {
      delivered.push(String(event.id));
    });

    bus.putEvents(statusChangeEvent);
    await bus.idle();

    expect(delivered).toEqual([statusChangeEvent.id]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      code: 'EVENT_DELIVERY_FAILED',
      ruleName: 'broken',
      event: statusChangeEvent,
      message: `rule "broken" target failed for event ${statusChangeEvent.id}: target is down`,
    });
    expect(failures[0]?.cause).toMatchObject({ message: 'target is down' });
  });

  it('reports a target that throws synchronously', async () => {
    const failures: EventDeliveryError[] = [];
    const bus = new EventBus({ onDeliveryFailure: (failure) => failures.push(failure) });
    bus.putRule('sync', { source: ['aws.redshift-data'] }, () => {
      throw new TypeError('bad');
    });

    bus.putEvents(statusChangeEvent);
    await bus.idle();

    expect(failures.map((failure) => failure.ruleName)).toEqual(['sync']);
  });

  it('routes status changes with the pattern from @shiftflow/events', async () => {
    const bus = new EventBus();
    const states: string[] = [];
    bus.putRule(
      'nyc-taxi-completed',
      statusChangePattern({ pipelineName: 'nyc-taxi', principal: 'arn:aws:iam::123456789012:user/*' }),
      (event) => {
        states.push(String((event.detail as Record<string, unknown>).state));
      },
    );
    const event = (
      statementName: string,
      state: string,
      principal = 'arn:aws:iam::123456789012:user/test',
    ) => ({
      ...statusChangeEvent,
      detail: { ...statusChangeEvent.detail, statementName, state, principal },
    });

    const matched = bus.putEvents(
      event('nyc-taxi/scheduled/2026-11-30T16:00:00Z', 'FINISHED'),
      event('nyc-taxi/manual/x', 'FAILED'),
      event('other-pipeline/scheduled/x', 'FINISHED'),
      event('nyc-taxi/scheduled/x', 'STARTED'),
      event('nyc-taxi/scheduled/x', 'ABORTED', 'arn:aws:sts::123456789012:assumed-role/Runner/session'),
    );
    await bus.idle();

    expect(matched).toEqual([['nyc-taxi-completed'], ['nyc-taxi-completed'], [], [], []]);
    expect(states).toEqual(['FINISHED', 'FAILED']);
  });

  it('replaces a rule with the same name and removes rules', async () => {
    const bus = new EventBus();
    const calls: string[] = [];
    bus.putRule('r', { source: ['aws.redshift-data'] }, () => calls.push('first'));
    bus.putRule('r', { source: ['aws.redshift-data'] }, () => calls.push('second'));
    bus.putEvents(statusChangeEvent);
    await bus.idle();
    expect(bus.removeRule('r')).toBe(true);
    bus.putEvents(statusChangeEvent);
    await bus.idle();

    expect(calls).toEqual(['second']);
    expect(bus.ruleNames).toEqual([]);
  });

  it('waits in idle() for deliveries that putEvents from a target', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.putRule('first', { source: ['a'] }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      bus.putEvents({ source: 'b' });
    });
    bus.putRule('second', { source: ['b'] }, () => {
      seen.push('b');
    });

    bus.putEvents({ source: 'a' });
    await bus.idle();

    expect(seen).toEqual(['b']);
  });

  it('rejects an invalid pattern when the rule is added', () => {
    const bus = new EventBus();
    expect(() => bus.putRule('bad', { detail: { state: 'FINISHED' } }, () => undefined)).toThrow(
      InvalidEventPatternError,
    );
    expect(bus.ruleNames).toEqual([]);
  });

  it('rejects an event that is not an object', () => {
    const bus = new EventBus();
    const notAnEvent: unknown = 'event';
    expect(() => bus.putEvents(notAnEvent as BusEvent)).toThrow(InvalidEventError);
  });
});
