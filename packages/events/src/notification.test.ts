import { describe, expect, it } from 'vitest';
import { notificationSubjectSchema, parseNotification } from './notification';

const notification = {
  pipelineName: 'nyc-taxi',
  statementId: '8a0e6a3e-5d64-4a0f-9f4b-2c6d8e1f3a70',
  state: 'FAILED',
  outcome: 'failure',
  subject: 'shiftflow nyc-taxi: load FAILED',
  body: 'The load failed.',
  error: 'ERROR: relation "nyc_yellow_taxi" does not exist',
  consoleUrl: 'https://console.aws.amazon.com/redshiftv2/home?region=us-east-1#query-details',
};

describe('parseNotification', () => {
  it('accepts a failure notification', () => {
    expect(parseNotification(notification)).toEqual(notification);
  });

  it('rejects a subject of 100 characters or with a line break', () => {
    expect(notificationSubjectSchema.safeParse('x'.repeat(99)).success).toBe(true);
    expect(notificationSubjectSchema.safeParse('x'.repeat(100)).success).toBe(false);
    expect(() => parseNotification({ ...notification, subject: 'load\nfailed' })).toThrow(/subject/);
  });
});
