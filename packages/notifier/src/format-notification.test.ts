import { notificationSchema } from '@shiftflow/events';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatNotification, type RunReport, snsMessageFor } from './format-notification';

const base: RunReport = {
  pipelineName: 'nyc-taxi',
  statementId: 'dd2e1ec9-2ee3-49a0-819f-905fa7d75a4a',
  statementName: 'nyc-taxi/2026-11-30T16:00:00.000Z',
  trigger: 'scheduled',
  scheduledTime: new Date('2026-11-30T16:00:00.000Z'),
  endedAt: new Date('2026-11-30T16:04:26.000Z'),
  durationMs: 245_000,
  consoleUrl:
    'https://us-east-1.console.aws.amazon.com/redshiftv2/home?region=us-east-1#serverless-workgroup?workgroup=etl',
  state: 'FINISHED',
};

describe('formatNotification', () => {
  it('announces a FINISHED run as a success with every fact in the body', () => {
    const notification = formatNotification({ ...base, rowsLoaded: 1_234_567 });

    expect(notification.outcome).toBe('success');
    expect(notification.subject).toBe('[shiftflow] nyc-taxi run succeeded (2026-11-30T16:00:00.000Z)');
    expect(notification.body).toContain('Pipeline:        nyc-taxi');
    expect(notification.body).toContain('Status:          FINISHED (succeeded)');
    expect(notification.body).toContain('Scheduled time:  2026-11-30T16:00:00.000Z');
    expect(notification.body).toContain('Duration:        4 min 05 s');
    expect(notification.body).toContain('Rows loaded:     1,234,567');
    expect(notification.body).toContain(`Statement id:    ${base.statementId}`);
    expect(notification.body).toContain(base.consoleUrl);
    expect(notification.body).not.toContain('Error:');
    expect(notification.sms).toBe('shiftflow nyc-taxi run succeeded, 1,234,567 rows');
    expect(notificationSchema.safeParse(notification).success).toBe(true);
  });

  it('announces a FAILED run as a failure with the error and the failing SQL, never as completed', () => {
    const notification = formatNotification({
      ...base,
      state: 'FAILED',
      error: 'ERROR: S3ServiceException: Access Denied\nDETAIL: COPY failed',
      failingSql: 'CALL run_elt_process();',
    });

    expect(notification.outcome).toBe('failure');
    expect(notification.subject).toBe('[shiftflow] nyc-taxi run FAILED (2026-11-30T16:00:00.000Z)');
    expect(notification.body).toContain('Status:          FAILED (failed)');
    expect(notification.body).toContain(
      'Error:\n  ERROR: S3ServiceException: Access Denied\n  DETAIL: COPY failed',
    );
    expect(notification.body).toContain('Failing SQL:\n  CALL run_elt_process();');
    expect(notification.error).toContain('Access Denied');
    expect(notification.failedSql).toBe('CALL run_elt_process();');
    expect(`${notification.subject}\n${notification.body}\n${notification.sms}`.toLowerCase()).not.toContain(
      'completed',
    );
    expect(notification.sms).toBe(
      'shiftflow nyc-taxi run FAILED: ERROR: S3ServiceException: Access Denied DETAIL: COPY failed',
    );
    expect(notificationSchema.safeParse(notification).success).toBe(true);
  });

  it('announces an ABORTED run as a failure that says it was aborted', () => {
    const notification = formatNotification({ ...base, state: 'ABORTED' });

    expect(notification.outcome).toBe('failure');
    expect(notification.subject).toContain('ABORTED');
    expect(notification.body).toContain('was ABORTED (cancelled)');
    expect(notification.body.toLowerCase()).not.toContain('completed');
  });

  it('keeps the subject under 100 characters and free of control characters', () => {
    const notification = formatNotification({
      ...base,
      pipelineName: 'a-very-long-pipeline-name-of-forty-chars',
      trigger: 'manual',
    });
    const withControl = formatNotification({ ...base, pipelineName: 'nyc\u0007taxi\r\nx' });

    expect(notification.subject.length).toBeLessThan(100);
    expect(notification.subject.endsWith('…')).toBe(true);
    expect(withControl.subject).toBe('[shiftflow] nyc taxi x run succeeded (2026-11-30T16:00:00.000Z)');
  });

  it('says unknown for facts it does not have', () => {
    const { scheduledTime: _scheduled, durationMs: _duration, trigger: _trigger, ...rest } = base;
    const notification = formatNotification(rest);

    expect(notification.body).toContain('Scheduled time:  unknown');
    expect(notification.body).toContain('Duration:        unknown');
    expect(notification.body).toContain('Rows loaded:     unknown');
    expect(notification.subject).toBe('[shiftflow] nyc-taxi run succeeded');
  });

  it('truncates very long error text so the message stays within SNS limits', () => {
    const notification = formatNotification({ ...base, state: 'FAILED', error: 'x'.repeat(300_000) });

    expect(Buffer.byteLength(JSON.stringify(snsMessageFor(notification)))).toBeLessThan(256 * 1024);
    expect(notification.sms?.length).toBeLessThanOrEqual(140);
  });
});

describe('snsMessageFor', () => {
  it('gives default, email and sms variants', () => {
    const notification = formatNotification({ ...base, state: 'FAILED', error: 'ERROR: boom' });

    const message = snsMessageFor(notification);

    expect(message.default).toBe(notification.body);
    expect(message.email).toBe(notification.body);
    expect(message.sms).toBe('shiftflow nyc-taxi run FAILED: ERROR: boom');
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_340, '12.3 s'],
    [245_000, '4 min 05 s'],
    [3_720_000, '1 h 02 min'],
    [999.7, '1.0 s'],
    [59_960, '1 min 00 s'],
    [3_599_600, '1 h 00 min'],
  ])('formats %i ms as %s', (milliseconds, text) => {
    expect(formatDuration(milliseconds)).toBe(text);
  });
});

describe('formatNotification limits', () => {
  it('keeps the SMS within 140 UTF-16 units without splitting an emoji', () => {
    const notification = formatNotification({ ...base, state: 'FAILED', error: '🚕'.repeat(200) });

    expect(notification.sms?.length).toBeLessThanOrEqual(140);
    expect(notification.sms).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(notificationSchema.safeParse(notification).success).toBe(true);
  });
});
