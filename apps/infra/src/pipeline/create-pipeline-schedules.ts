import type { PipelineConfig } from '@shiftflow/events';
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * The run schedule (the configuration's expression in its time zone, with the scheduled time in
 * the event) and the reconcile schedule, sharing one role that may invoke the two functions and
 * feed the dead-letter queue.
 *
 * @example
 * ```ts
 * const schedules = createPipelineSchedules(pipeline, { config, runnerFunction, reconcilerFunction, deadLetterQueue, retryAttempts: 2, reconcileInterval: Duration.minutes(15) });
 * ```
 */
export function createPipelineSchedules(
  scope: Construct,
  options: PipelineSchedulesOptions,
): PipelineSchedules {
  const { config, deadLetterQueue } = options;
  const scheduleRole = new iam.Role(scope, 'ScheduleRole', {
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: `shiftflow ${config.name}: EventBridge Scheduler invoking the runner and the reconciler`,
  });
  const runSchedule = new scheduler.Schedule(scope, 'RunSchedule', {
    description: `shiftflow ${config.name}: starts a run`,
    schedule: scheduler.ScheduleExpression.expression(
      config.schedule.expression,
      TimeZone.of(config.schedule.timeZone),
    ),
    target: new schedulerTargets.LambdaInvoke(options.runnerFunction, {
      role: scheduleRole,
      // The runner's ClientToken and statement name derive from the scheduled time.
      input: scheduler.ScheduleTargetInput.fromObject({
        source: 'shiftflow.scheduler',
        scheduledTime: scheduler.ContextAttribute.scheduledTime,
        scheduleArn: scheduler.ContextAttribute.scheduleArn,
        executionId: scheduler.ContextAttribute.executionId,
        attemptNumber: scheduler.ContextAttribute.attemptNumber,
      }),
      retryAttempts: options.retryAttempts,
      maxEventAge: Duration.hours(1),
      deadLetterQueue,
    }),
  });
  const reconcileSchedule = new scheduler.Schedule(scope, 'ReconcileSchedule', {
    description: `shiftflow ${config.name}: announces runs whose completion event was lost`,
    schedule: scheduler.ScheduleExpression.rate(options.reconcileInterval),
    target: new schedulerTargets.LambdaInvoke(options.reconcilerFunction, {
      role: scheduleRole,
      retryAttempts: 0,
      maxEventAge: Duration.minutes(15),
      deadLetterQueue,
    }),
  });
  return { scheduleRole, runSchedule, reconcileSchedule };
}

/**
 * What {@link createPipelineSchedules} schedules.
 *
 * @example
 * ```ts
 * const options: PipelineSchedulesOptions = { config, runnerFunction, reconcilerFunction, deadLetterQueue, retryAttempts: 2, reconcileInterval: Duration.minutes(15) };
 * ```
 */
export interface PipelineSchedulesOptions {
  /** The configuration whose `schedule` starts the runs. */
  readonly config: PipelineConfig;
  /** Function the run schedule invokes. */
  readonly runnerFunction: lambda.IFunction;
  /** Function the reconcile schedule invokes. */
  readonly reconcilerFunction: lambda.IFunction;
  /** Queue of events the scheduler could not deliver. */
  readonly deadLetterQueue: sqs.IQueue;
  /** How often the run schedule retries delivering its event. */
  readonly retryAttempts: number;
  /** How often the reconciler sweeps. */
  readonly reconcileInterval: Duration;
}

/**
 * The two schedules and the role they share.
 *
 * @example
 * ```ts
 * const { runSchedule } = createPipelineSchedules(pipeline, options);
 * ```
 */
export interface PipelineSchedules {
  /** Role EventBridge Scheduler assumes to invoke the runner and the reconciler. */
  readonly scheduleRole: iam.Role;
  /** Schedule that invokes the runner. */
  readonly runSchedule: scheduler.Schedule;
  /** Schedule that invokes the reconciler. */
  readonly reconcileSchedule: scheduler.Schedule;
}
