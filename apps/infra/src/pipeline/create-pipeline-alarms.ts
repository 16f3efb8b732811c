import type { PipelineConfig } from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { createFunctionAlarms, type FunctionAlarms } from './create-function-alarms.ts';
import type { RunMetrics } from './create-run-metrics.ts';
import { operationsAlarmFactory } from './operations-alarm-factory.ts';

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The operators' alarms, all notifying the operations topic (never the users' one): dead-letter
 * messages (queue not empty, and again on every 5 minutes in which new messages arrive), errors of
 * the runner, notifier and reconciler, started runs not handed to the reconciler, throttles of any
 * of them, setup failures, skipped runs and, with `runDeadline`, a missed deadline. A period without data is not a breach, except for the
 * deadline, where no successful run is the breach.
 *
 * @example
 * ```ts
 * const alarms = createPipelineAlarms(pipeline, { config, topic: operationsTopic, deadLetterQueue, runnerFunction, notifierFunction, reconcilerFunction, setupFunctions, runMetrics });
 * ```
 */
export function createPipelineAlarms(scope: Construct, options: PipelineAlarmsOptions): PipelineAlarms {
  const alarm = operationsAlarmFactory(scope, options);
  const { deadLetterQueue, runMetrics } = options;
  return {
    deadLetterQueueAlarm: alarm(
      'DeadLetterQueueAlarm',
      'an event or invocation of the pipeline failed for good: read the message in the dead-letter queue',
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
    ),
    // CloudWatch notifies on state changes only: this alarm returns to OK after 5 minutes without a
    // new message and fires again on the next. While messages keep arriving in every 5 minutes it
    // would stay in ALARM silently; the reminder schedule (createAlarmReminder) re-arms it hourly.
    deadLetterArrivalsAlarm: alarm(
      'DeadLetterArrivalsAlarm',
      'new messages arrived in the dead-letter queue in the last 5 minutes',
      deadLetterQueue.metricNumberOfMessagesSent({ period: FIVE_MINUTES, statistic: 'Sum' }),
    ),
    ...createFunctionAlarms(alarm, options),
    skippedRunsAlarm: alarm(
      'SkippedRunsAlarm',
      'a scheduled run was skipped because a statement of the pipeline was still active',
      runMetrics.skippedRuns(),
    ),
    missedDeadlineAlarm:
      options.runDeadline === undefined
        ? undefined
        : alarm(
            'MissedDeadlineAlarm',
            `no run succeeded within ${options.runDeadline.toHumanString()}`,
            runMetrics.succeededRuns(options.runDeadline),
            {
              comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
              treatMissingData: cloudwatch.TreatMissingData.BREACHING,
            },
          ),
  };
}

/**
 * What {@link createPipelineAlarms} watches and whom it tells.
 *
 * @example
 * ```ts
 * const options: PipelineAlarmsOptions = { config, topic, deadLetterQueue, runnerFunction, notifierFunction, reconcilerFunction, setupFunctions: [], runMetrics };
 * ```
 */
export interface PipelineAlarmsOptions {
  /** The configuration whose `name` the alarm descriptions carry. */
  readonly config: PipelineConfig;
  /** The operations topic every alarm notifies. */
  readonly topic: sns.ITopic;
  /** Queue whose messages mean an event or invocation failed for good. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The runner. */
  readonly runnerFunction: lambda.IFunction;
  /** The notifier. */
  readonly notifierFunction: lambda.IFunction;
  /** The reconciler. */
  readonly reconcilerFunction: lambda.IFunction;
  /** The setup custom resource's functions; none without setup files. */
  readonly setupFunctions: readonly lambda.IFunction[];
  /** Runs by outcome, counted from the logs. */
  readonly runMetrics: RunMetrics;
  /** Alarm when no run succeeded within this long (see `EltPipelineProps.runDeadline`). */
  readonly runDeadline?: Duration | undefined;
}

/**
 * The pipeline's alarms: on the dead-letter queue and the runs here, on the functions in
 * {@link FunctionAlarms}.
 *
 * @example
 * ```ts
 * const { deadLetterQueueAlarm } = createPipelineAlarms(pipeline, options);
 * ```
 */
export interface PipelineAlarms extends FunctionAlarms {
  /** Alarm on any message in the dead-letter queue. */
  readonly deadLetterQueueAlarm: cloudwatch.Alarm;
  /** Alarm on new dead-letter messages in the last 5 minutes (fires again while the queue grows). */
  readonly deadLetterArrivalsAlarm: cloudwatch.Alarm;
  /** Alarm on a skipped run. */
  readonly skippedRunsAlarm: cloudwatch.Alarm;
  /** Alarm on no successful run within `runDeadline`; undefined without it. */
  readonly missedDeadlineAlarm: cloudwatch.Alarm | undefined;
}
