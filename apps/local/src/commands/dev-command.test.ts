import { schedulerInputEventSchema } from '@shiftflow/events';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../scheduler';
import { reconcileExpression, runnerScheduleInput } from './dev-command';

describe('runnerScheduleInput', () => {
  it("gives the runner the deployed schedule's input, with the scheduled time substituted", () => {
    const scheduler = new Scheduler({
      name: 'nyc-taxi-schedule',
      expression: 'cron(0 11 * * ? *)',
      timeZone: 'America/New_York',
      input: runnerScheduleInput,
    });

    const payload = scheduler.payloadFor(new Date('2026-11-30T16:00:00Z'), 'execution-1');

    expect(schedulerInputEventSchema.parse(payload)).toEqual({
      source: 'shiftflow.scheduler',
      scheduledTime: '2026-11-30T16:00:00Z',
      scheduleArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/nyc-taxi-schedule',
      executionId: 'execution-1',
      attemptNumber: '1',
    });
  });
});

describe('reconcileExpression', () => {
  it('is a valid schedule firing every 15 minutes', () => {
    const scheduler = new Scheduler({ name: 'reconcile', expression: reconcileExpression });

    const [first, second] = scheduler.schedule.nextRuns(new Date('2026-11-30T16:00:00Z'), 2);

    expect(second!.getTime() - first!.getTime()).toBe(15 * 60_000);
  });
});
