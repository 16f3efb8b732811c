import { afterEach, describe, expect, it, vi } from 'vitest';
import { principalArn, type StatementStatusChangeEnvelope, statusChangeEvent } from './status-change-event';
import { StatusChangeListeners } from './status-change-listeners';

function event(statementId: string): StatementStatusChangeEnvelope {
  return statusChangeEvent({
    account: '123456789012',
    region: 'us-east-1',
    resource: 'arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/local',
    principal: principalArn('123456789012', 'test'),
    statementName: 'nyc-taxi/run',
    statementId,
    redshiftQueryId: 7,
    state: 'FINISHED',
    rows: 0,
    time: new Date('2026-01-01T10:00:00Z'),
  });
}

describe('StatusChangeListeners', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('hands an event to every listener as often as the faults say, even when one throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const listeners = new StatusChangeListeners({ deliveries: () => 2 });
    const seen: string[] = [];
    listeners.subscribe(() => {
      throw new Error('listener failed');
    });
    listeners.subscribe((delivered) => seen.push(delivered.detail.statementId));

    listeners.deliver(event('s1'));

    expect(seen).toEqual(['s1', 's1']);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('listener failed'));
  });

  it('gives owed events to the first subscriber, oldest first, and marks each delivered', async () => {
    const listeners = new StatusChangeListeners({ deliveries: () => 1 });
    const delivered: string[] = [];
    listeners.owe([event('s1'), event('s2')], async (owed) => {
      delivered.push(owed.detail.statementId);
    });
    const seen: string[] = [];

    listeners.subscribe((received) => seen.push(received.detail.statementId));
    await listeners.owedDelivery;

    expect(seen).toEqual(['s1', 's2']);
    expect(delivered).toEqual(['s1', 's2']);
    expect(listeners.owedDelivery).toBeUndefined();
  });

  it('stops handing events to a listener that unsubscribed', () => {
    const listeners = new StatusChangeListeners({ deliveries: () => 1 });
    const seen: string[] = [];
    const stop = listeners.subscribe((received) => seen.push(received.detail.statementId));

    stop();
    listeners.deliver(event('s1'));

    expect(seen).toEqual([]);
  });
});
