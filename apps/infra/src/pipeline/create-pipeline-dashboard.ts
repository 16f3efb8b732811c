import type { PipelineConfig } from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PipelineAlarms } from './create-pipeline-alarms.ts';
import type { RunMetrics } from './create-run-metrics.ts';

const HOUR = Duration.hours(1);

/**
 * The pipeline's CloudWatch dashboard: runs by outcome (succeeded, failed,
 * skipped), rows loaded and run duration (from the "statement announced" log lines), errors and
 * throttles of each function, the functions' own durations, the dead-letter queue's depth and
 * arrivals, and the state of every alarm.
 *
 * @example
 * ```ts
 * const dashboard = createPipelineDashboard(pipeline, { config, runMetrics, alarms, deadLetterQueue, runnerFunction, notifierFunction, reconcilerFunction });
 * ```
 */
export function createPipelineDashboard(
  scope: Construct,
  options: PipelineDashboardOptions,
): cloudwatch.Dashboard {
  const { runMetrics, deadLetterQueue } = options;
  const functions = [options.runnerFunction, options.notifierFunction, options.reconcilerFunction];
  const perFunction = (
    title: string,
    metricOf: (fn: lambda.IFunction) => cloudwatch.IMetric,
  ): cloudwatch.GraphWidget => new cloudwatch.GraphWidget({ title, left: functions.map(metricOf), width: 8 });
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', { defaultInterval: Duration.days(7) });
  dashboard.addWidgets(
    new cloudwatch.TextWidget({
      markdown: `# shiftflow ${options.config.name}\nRuns, rows loaded and run durations come from the notifier's and reconciler's "statement announced" log lines (namespace \`${runMetrics.namespace}\`, dimension \`Outcome\` for rows and duration).`,
      width: 24,
      height: 2,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Runs by outcome (per hour)',
      left: [
        runMetrics.succeededRuns(HOUR).with({ label: 'succeeded' }),
        runMetrics.failedRuns(HOUR).with({ label: 'failed' }),
        runMetrics.skippedRuns(HOUR).with({ label: 'skipped' }),
      ],
      stacked: true,
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Dead-letter queue',
      left: [
        deadLetterQueue.metricApproximateNumberOfMessagesVisible({ label: 'messages', statistic: 'Maximum' }),
      ],
      right: [deadLetterQueue.metricNumberOfMessagesSent({ label: 'arrived', statistic: 'Sum' })],
      width: 12,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Rows loaded (per hour)',
      left: [runMetrics.rowsLoaded('success', 'Sum', HOUR).with({ label: 'rows loaded' })],
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Run duration (longest run per hour, ms)',
      left: [
        runMetrics.runDuration('success', 'Maximum', HOUR).with({ label: 'succeeded' }),
        runMetrics.runDuration('failure', 'Maximum', HOUR).with({ label: 'failed' }),
      ],
      width: 12,
    }),
  );
  dashboard.addWidgets(
    perFunction('Errors', (fn) => fn.metricErrors({ statistic: 'Sum' })),
    perFunction('Throttles', (fn) => fn.metricThrottles({ statistic: 'Sum' })),
    perFunction('Function duration (p90)', (fn) => fn.metricDuration({ statistic: 'p90' })),
  );
  dashboard.addWidgets(
    new cloudwatch.AlarmStatusWidget({
      title: 'Alarms',
      alarms: Object.values(options.alarms).filter((alarm): alarm is cloudwatch.Alarm => alarm !== undefined),
      width: 24,
    }),
  );
  return dashboard;
}

/**
 * What {@link createPipelineDashboard} shows.
 *
 * @example
 * ```ts
 * const options: PipelineDashboardOptions = { config, runMetrics, alarms, deadLetterQueue, runnerFunction, notifierFunction, reconcilerFunction };
 * ```
 */
export interface PipelineDashboardOptions {
  /** The configuration whose `name` the title carries. */
  readonly config: PipelineConfig;
  /** Runs by outcome. */
  readonly runMetrics: RunMetrics;
  /** The alarms whose states are shown. */
  readonly alarms: PipelineAlarms;
  /** The dead-letter queue. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The runner. */
  readonly runnerFunction: lambda.IFunction;
  /** The notifier. */
  readonly notifierFunction: lambda.IFunction;
  /** The reconciler. */
  readonly reconcilerFunction: lambda.IFunction;
}
