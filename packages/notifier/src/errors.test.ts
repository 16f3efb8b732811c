import { describe, expect, it } from 'vitest';
import {
  InvalidStatementIdError,
  InvalidStatusChangeEventError,
  LedgerError,
  NotificationPublishError,
  NotifierConfigurationError,
  NotifierError,
  ReconcileError,
} from './errors';

describe('NotifierError', () => {
  it('takes (code, message, options) like every other package base', () => {
    const cause = new Error('socket hang up');
    const error = new NotifierError('LEDGER_OPERATION_FAILED', 'ledger claim failed', {
      cause,
      isRetryable: true,
    });

    expect(error.code).toBe('LEDGER_OPERATION_FAILED');
    expect(error.message).toBe('ledger claim failed');
    expect(error.cause).toBe(cause);
    expect(error.isRetryable).toBe(true);
  });

  it('gives every subclass its stable UPPER_SNAKE code and keeps it a NotifierError', () => {
    const errors = [
      new NotifierConfigurationError('SHIFTFLOW_TOPIC_ARN', undefined, 'is required'),
      new InvalidStatusChangeEventError(['detail.state: expected FINISHED'], {}),
      new InvalidStatementIdError('../etc/passwd'),
      new LedgerError('claim', 'd9b6c0c9-0747-4bf4-b142-e8883122f766'),
      new NotificationPublishError(
        'arn:aws:sns:us-east-1:123456789012:etl',
        'd9b6c0c9-0747-4bf4-b142-e8883122f766',
      ),
      new ReconcileError(
        [{ statementId: 'd9b6c0c9-0747-4bf4-b142-e8883122f766', error: new Error('x') }],
        [],
      ),
    ];

    expect(errors.map((error) => error.code)).toEqual([
      'NOTIFIER_CONFIGURATION_INVALID',
      'INVALID_STATUS_CHANGE_EVENT',
      'INVALID_STATEMENT_ID',
      'LEDGER_OPERATION_FAILED',
      'NOTIFICATION_PUBLISH_FAILED',
      'RECONCILE_FAILED',
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotifierError);
      expect(error.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(error.message).not.toMatch(/^[A-Z_]+$/);
    }
  });

  it('puts the message, not the code, in message for a subclass (the order is not swapped)', () => {
    const error = new InvalidStatementIdError('../etc/passwd');

    expect(error.message).toContain('"../etc/passwd" is not a Data API statement id');
  });
});
