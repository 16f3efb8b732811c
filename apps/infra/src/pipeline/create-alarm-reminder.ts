import type { PipelineConfig } from '@shiftflow/events';
import { Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';

/**
 * Makes `alarm` notify again while its condition lasts. CloudWatch alarm actions "happen only on
 * state transitions, and are not performed again if the condition persists for hours or days"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html), so an alarm
 * that stays in ALARM (dead-letter messages arriving in every 5-minute period) mails once and is
 * then silent. Every `interval`, an EventBridge Scheduler schedule calls CloudWatch
 * `SetAlarmState` with `OK` (a universal target,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html). The
 * alarm has no OK action, so that sends nothing; a metric alarm "returns to its actual state
 * quickly, often within seconds"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html): if the
 * condition still holds, it goes back to ALARM and its ALARM action mails again. If the condition
 * has cleared, the alarm stays OK. So operators get at most one reminder per interval, and only
 * while the condition lasts. (AWS describes SetAlarmState as a way to set a state "temporarily …
 * for testing purposes"; the re-evaluation it documents is what this relies on. The alarm's history
 * shows one "shiftflow reminder" OK entry per interval while it is in ALARM.)
 *
 * The schedule's role may call `cloudwatch:SetAlarmState` on this one alarm only.
 *
 * @example
 * ```ts
 * const reminder = createAlarmReminder(pipeline, 'DeadLetterReminder', { config, alarm: alarms.deadLetterArrivalsAlarm, interval: Duration.hours(1) });
 * ```
 */
export function createAlarmReminder(
  scope: Construct,
  id: string,
  options: AlarmReminderOptions,
): AlarmReminder {
  const { config, alarm } = options;
  const interval = options.interval ?? Duration.hours(1);
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: `shiftflow ${config.name}: EventBridge Scheduler resetting an alarm so it notifies again`,
  });
  const schedule = new scheduler.Schedule(scope, `${id}Schedule`, {
    description: `shiftflow ${config.name}: re-arms an alarm every ${interval.toHumanString()} so it mails again while its condition lasts`,
    schedule: scheduler.ScheduleExpression.rate(interval),
    target: new schedulerTargets.Universal({
      service: 'cloudwatch',
      action: 'setAlarmState',
      role,
      input: scheduler.ScheduleTargetInput.fromObject({
        AlarmName: alarm.alarmName,
        StateValue: 'OK',
        StateReason: `shiftflow reminder: re-armed every ${interval.toHumanString()}; back in ALARM at the next evaluation if the condition still holds`,
      }),
      policyStatements: [
        new iam.PolicyStatement({ actions: ['cloudwatch:SetAlarmState'], resources: [alarm.alarmArn] }),
      ],
      // A missed reminder is followed by the next one.
      retryAttempts: 0,
      maxEventAge: Duration.minutes(5),
    }),
  });
  return { role, schedule, interval };
}

/**
 * What {@link createAlarmReminder} re-arms.
 *
 * @example
 * ```ts
 * const options: AlarmReminderOptions = { config, alarm, interval: Duration.hours(1) };
 * ```
 */
export interface AlarmReminderOptions {
  /** The configuration whose `name` the descriptions carry. */
  readonly config: PipelineConfig;
  /** The alarm to re-arm; it must have no OK action (re-arming would mail "OK"). */
  readonly alarm: cloudwatch.Alarm;
  /** How often. @default Duration.hours(1) */
  readonly interval?: Duration;
}

/**
 * The reminder schedule and its role.
 *
 * @example
 * ```ts
 * const { schedule } = createAlarmReminder(pipeline, 'DeadLetterReminder', options);
 * ```
 */
export interface AlarmReminder {
  /** Role EventBridge Scheduler assumes to call SetAlarmState on the alarm. */
  readonly role: iam.Role;
  /** The schedule. */
  readonly schedule: scheduler.Schedule;
  /** How often it re-arms the alarm. */
  readonly interval: Duration;
}
