import { describe, expect, it } from 'vitest';
import { principalArn, statusChangeEvent } from './status-change-event';

describe('statusChangeEvent', () => {
  it('builds the EventBridge envelope with expireAt 24 h after the event time', () => {
    const event = statusChangeEvent({
      account: '123456789012',
      region: 'eu-west-1',
      resource: 'arn:aws:redshift:eu-west-1:123456789012:cluster:c1',
      principal: principalArn('123456789012', 'test'),
      statementName: 'etl',
      statementId: 'd9b6c0c9-0747-4bf4-b142-e8883122f766',
      redshiftQueryId: 7,
      state: 'FAILED',
      rows: 0,
      time: new Date('2026-01-01T10:00:00.750Z'),
    });
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Redshift Data Statement Status Change',
      source: 'aws.redshift-data',
      time: '2026-01-01T10:00:00Z',
      region: 'eu-west-1',
      resources: ['arn:aws:redshift:eu-west-1:123456789012:cluster:c1'],
      detail: {
        principal: 'arn:aws:iam::123456789012:user/test',
        state: 'FAILED',
        expireAt: Date.parse('2026-01-02T10:00:00Z') / 1000,
      },
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
