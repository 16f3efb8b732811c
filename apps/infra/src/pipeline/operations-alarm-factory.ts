import type { PipelineConfig } from '@shiftflow/events';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * Makes the pipeline's alarms alike: each one notifies the operations topic, its description
 * names the pipeline, and by default it fires on one period with the metric at 1 or more, a period
 * without data being no breach (`tuning` overrides any of these).
 *
 * @example
 * ```ts
 * const alarm = operationsAlarmFactory(pipeline, { config, topic: operationsTopic });
 * alarm('RunnerErrorsAlarm', 'the runner failed', runnerFunction.metricErrors());
 * ```
 */
export function operationsAlarmFactory(scope: Construct, options: OperationsAlarmOptions): OperationsAlarm {
  return (id, what, metric, tuning = {}) => {
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
}

/**
 * What every alarm of {@link operationsAlarmFactory} shares.
 *
 * @example
 * ```ts
 * const options: OperationsAlarmOptions = { config, topic: operationsTopic };
 * ```
 */
export interface OperationsAlarmOptions {
  /** The configuration whose `name` the alarm descriptions carry. */
  readonly config: PipelineConfig;
  /** The operations topic every alarm notifies. */
  readonly topic: sns.ITopic;
}

/**
 * Creates one alarm (construct ID `id`) on `metric`, described by `what`.
 *
 * @example
 * ```ts
 * const skipped = alarm('SkippedRunsAlarm', 'a scheduled run was skipped', runMetrics.skippedRuns());
 * ```
 */
export type OperationsAlarm = (
  id: string,
  what: string,
  metric: cloudwatch.IMetric,
  tuning?: Partial<cloudwatch.AlarmProps>,
) => cloudwatch.Alarm;
