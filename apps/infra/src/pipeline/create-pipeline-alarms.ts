import type { PipelineConfig } from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { RunMetrics } from './create-run-metrics.ts';

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
  const alarm = (
    id: string,
    what: string,
    metric: cloudwatch.IMetric,
    tuning: Partial<cloudwatch.AlarmProps> = {},
  ): cloudwatch.Alarm => {
    const created = new cloudwatch.Alarm(scope, id, {
      alarmDescription: `shiftflow ${options.config.name}: ${what}`,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...tuning,
    });
    created.addAlarmAction(new cloudwatchActions.SnsAction(options.topic));
    return created;
  };
  const errors = (fn: lambda.IFunction): cloudwatch.IMetric =>
    fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
  const functions = [options.runnerFunction, options.notifierFunction, options.reconcilerFunction];
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
    runnerErrorsAlarm: alarm('RunnerErrorsAlarm', 'the runner failed', errors(options.runnerFunction)),
    // The reconciler finds runs only through the runner's on-success destination: a record Lambda
    // could not deliver is a run a lost completion event would leave unannounced.
    // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)
    runRecordDeliveryAlarm: alarm(
      'RunRecordDeliveryAlarm',
      'Lambda could not hand a started run to the reconciler (DestinationDeliveryFailures of the runner)',
      options.runnerFunction.metric('DestinationDeliveryFailures', {
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
    ),
    notifierErrorsAlarm: alarm(
      'NotifierErrorsAlarm',
      'the notifier failed',
      errors(options.notifierFunction),
    ),
    reconcilerErrorsAlarm: alarm(
      'ReconcilerErrorsAlarm',
      'the reconciler failed',
      errors(options.reconcilerFunction),
    ),
    throttlesAlarm: alarm(
      'ThrottlesAlarm',
      'Lambda throttled the runner, the notifier or the reconciler (account concurrency)',
      sumOf(functions.map((fn) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }))),
    ),
    setupErrorsAlarm:
      options.setupFunctions.length === 0
        ? undefined
        : alarm(
            'SetupErrorsAlarm',
            'the setup SQL failed at deploy (the deployment rolled back)',
            sumOf(options.setupFunctions.map(errors)),
          ),
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

/** One metric: the sum of `metrics` (a metric math expression `m0 + m1 + …`). */
function sumOf(metrics: readonly cloudwatch.IMetric[]): cloudwatch.IMetric {
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric]));
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics).join(' + '),
    usingMetrics,
    period: FIVE_MINUTES,
  });
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
 * The pipeline's alarms.
 *
 * @example
 * ```ts
 * const { deadLetterQueueAlarm } = createPipelineAlarms(pipeline, options);
 * ```
 */
export interface PipelineAlarms {
  /** Alarm on any message in the dead-letter queue. */
  readonly deadLetterQueueAlarm: cloudwatch.Alarm;
  /** Alarm on new dead-letter messages in the last 5 minutes (fires again while the queue grows). */
  readonly deadLetterArrivalsAlarm: cloudwatch.Alarm;
  /** Alarm on runner errors. */
  readonly runnerErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on records of started runs Lambda could not deliver to the reconciler. */
  readonly runRecordDeliveryAlarm: cloudwatch.Alarm;
  /** Alarm on notifier errors. */
  readonly notifierErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on reconciler errors. */
  readonly reconcilerErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on throttles of the three functions. */
  readonly throttlesAlarm: cloudwatch.Alarm;
  /** Alarm on errors of the setup functions; undefined without setup files. */
  readonly setupErrorsAlarm: cloudwatch.Alarm | undefined;
  /** Alarm on a skipped run. */
  readonly skippedRunsAlarm: cloudwatch.Alarm;
  /** Alarm on no successful run within `runDeadline`; undefined without it. */
  readonly missedDeadlineAlarm: cloudwatch.Alarm | undefined;
}
