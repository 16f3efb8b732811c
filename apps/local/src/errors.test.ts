import { describe, expect, it } from 'vitest';
import { LocalAppError } from './errors';
import {
  EventBusError,
  EventDeliveryError,
  InvalidEventError,
  InvalidEventPatternError,
} from './event-bus/errors';
import {
  InvalidScheduleExpressionError,
  InvalidStartTimeError,
  ScheduledRunError,
  SchedulerError,
  ScheduleStoppedError,
} from './scheduler/errors';
import { InvalidSubscriberError, SnsApiError, SnsDeliveryError, SnsError } from './sns/errors';
import { renderSnsError } from './sns/render-sns-xml';

const upperSnake = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

describe('LocalAppError', () => {
  it('is the one root of the event bus, scheduler and SNS errors, each with an UPPER_SNAKE code', () => {
    const cause = new Error('boom');
    const errors: [LocalAppError, new (...parameters: never[]) => LocalAppError, string][] = [
      [
        new InvalidEventPatternError({}, 'source', 'must be an array'),
        EventBusError,
        'INVALID_EVENT_PATTERN',
      ],
      [new InvalidEventError('not an event'), EventBusError, 'INVALID_EVENT'],
      [new EventDeliveryError('status-change', { id: 'e1' }, cause), EventBusError, 'EVENT_DELIVERY_FAILED'],
      [
        new InvalidScheduleExpressionError('cron(0 11 * * *)', 'UTC', 'has 5 fields'),
        SchedulerError,
        'INVALID_SCHEDULE_EXPRESSION',
      ],
      [new ScheduledRunError('nightly', new Date(0), cause), SchedulerError, 'SCHEDULED_RUN_FAILED'],
      [new InvalidStartTimeError('rate(1 hour)', new Date(Number.NaN)), SchedulerError, 'INVALID_START_TIME'],
      [new ScheduleStoppedError('nightly', cause), SchedulerError, 'SCHEDULE_STOPPED'],
      [new SnsApiError('InvalidParameter', 'Invalid parameter: Subject', 400), SnsError, 'SNS_API_ERROR'],
      [new SnsDeliveryError('webhook', 'm1', 3, undefined, cause), SnsError, 'SNS_DELIVERY_FAILED'],
      [new InvalidSubscriberError('webhook URL must be http(s)', 'ftp://x'), SnsError, 'INVALID_SUBSCRIBER'],
    ];

    for (const [error, area, code] of errors) {
      expect(error).toBeInstanceOf(area);
      expect(error).toBeInstanceOf(LocalAppError);
      expect(error.code).toBe(code);
      expect(error.code).toMatch(upperSnake);
    }
  });

  it('keeps the SNS error code on the wire apart from its own code', () => {
    const error = new SnsApiError('InvalidParameter', 'Invalid parameter: Subject', 400);

    expect(error.awsErrorCode).toBe('InvalidParameter');
    expect(renderSnsError(error, 'r1')).toContain(
      '<Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: Subject</Message></Error>',
    );
  });
});
