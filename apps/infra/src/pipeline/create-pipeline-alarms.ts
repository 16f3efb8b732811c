import type { PipelineConfig } from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Alarms on any message in the dead-letter queue and on any error of the three functions, each
 * notifying the topic; a period without data is not a breach.
 *
 * @example
 * ```ts
 * const alarms = createPipelineAlarms(pipeline, { config, topic, deadLetterQueue, runnerFunction, notifierFunction, reconcilerFunction });
 * ```
 */
export function createPipelineAlarms(scope: Construct, options: PipelineAlarmsOptions): PipelineAlarms {
  const alarm = (id: string, what: string, metric: cloudwatch.IMetric): cloudwatch.Alarm => {
    const created = new cloudwatch.Alarm(scope, id, {
      alarmDescription: `shiftflow ${options.config.name}: ${what}`,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(new cloudwatchActions.SnsAction(options.topic));
    return created;
  };
  const errors = (fn: lambda.IFunction): cloudwatch.IMetric =>
    fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
  return {
    deadLetterQueueAlarm: alarm(
      'DeadLetterQueueAlarm',
      'an event or invocation of the pipeline failed for good: read the message in the dead-letter queue',
      options.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
    ),
    runnerErrorsAlarm: alarm('RunnerErrorsAlarm', 'the runner failed', errors(options.runnerFunction)),
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
  };
}

/**
 * What {@link createPipelineAlarms} watches and whom it tells.
 *
 * @example
 * ```ts
 * const options: PipelineAlarmsOptions = { config, topic, deadLetterQueue, runnerFunction, notifierFunction, reconcilerFunction };
 * ```
 */
export interface PipelineAlarmsOptions {
  /** The configuration whose `name` the alarm descriptions carry. */
  readonly config: PipelineConfig;
  /** Topic every alarm notifies. */
  readonly topic: sns.ITopic;
  /** Queue whose messages mean an event or invocation failed for good. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The runner. */
  readonly runnerFunction: lambda.IFunction;
  /** The notifier. */
  readonly notifierFunction: lambda.IFunction;
  /** The reconciler. */
  readonly reconcilerFunction: lambda.IFunction;
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
  /** Alarm on runner errors. */
  readonly runnerErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on notifier errors. */
  readonly notifierErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on reconciler errors. */
  readonly reconcilerErrorsAlarm: cloudwatch.Alarm;
}
