import type { PipelineConfig } from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { createRunCountFilters } from './create-run-count-filters.ts';
import { createRunValueFilters } from './create-run-value-filters.ts';

/**
 * Metrics of runs, counted from the functions' JSON log lines (Powertools Logger writes `message`
 * and the context at the top level) by CloudWatch Logs metric filters, in namespace
 * `shiftflow/<pipeline>`: `SucceededRuns` and `FailedRuns` (the notifier's and the reconciler's
 * "statement announced" lines, by `outcome`), `SkippedRuns` (the runner's "run skipped" line), and
 * from the same "statement announced" lines the values `RowsLoaded` (Count) and `RunDuration`
 * (Milliseconds, from `durationMs`) with the dimension `Outcome` (`success` | `failure`); a line
 * without the number (a run that did not report it) publishes nothing.
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
 * dimensions from log fields, at most three, low cardinality only:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-logs-metricfilter-metrictransformation.html)
 *
 * @example
 * ```ts
 * const metrics = createRunMetrics(pipeline, { config, runnerFunction, notifierFunction, reconcilerFunction });
 * ```
 */
export function createRunMetrics(scope: Construct, options: RunMetricsOptions): RunMetrics {
  const namespace = `shiftflow/${options.config.name}`;
  const { succeeded, failed, skipped } = createRunCountFilters(scope, { ...options, namespace });
  // One value per ended run, from the announcing function's log line, by outcome.
  const valueFilters = (field: 'rowsLoaded' | 'durationMs', metricName: string, unit: cloudwatch.Unit) =>
    createRunValueFilters(scope, { ...options, namespace, field, metricName, unit });
  valueFilters('rowsLoaded', 'RowsLoaded', cloudwatch.Unit.COUNT);
  valueFilters('durationMs', 'RunDuration', cloudwatch.Unit.MILLISECONDS);
  const byOutcome = (metricName: string, outcome: RunOutcome, statistic: string, period: Duration) =>
    new cloudwatch.Metric({
      namespace,
      metricName,
      dimensionsMap: { Outcome: outcome },
      statistic,
      period,
    });
  const sum = (metricFilter: logs.MetricFilter, period: Duration): cloudwatch.Metric =>
    metricFilter.metric({ statistic: 'Sum', period });
  return {
    namespace,
    succeededRuns: (period = Duration.minutes(5)) => sum(succeeded, period),
    failedRuns: (period = Duration.minutes(5)) => sum(failed, period),
    skippedRuns: (period = Duration.minutes(5)) => sum(skipped, period),
    rowsLoaded: (outcome = 'success', statistic = 'Sum', period = Duration.hours(1)) =>
      byOutcome('RowsLoaded', outcome, statistic, period),
    runDuration: (outcome = 'success', statistic = 'Maximum', period = Duration.hours(1)) =>
      byOutcome('RunDuration', outcome, statistic, period),
  };
}

/**
 * The functions whose logs {@link createRunMetrics} counts.
 *
 * @example
 * ```ts
 * const options: RunMetricsOptions = { config, runnerFunction, notifierFunction, reconcilerFunction };
 * ```
 */
export interface RunMetricsOptions {
  /** The configuration whose `name` the namespace carries. */
  readonly config: PipelineConfig;
  /** Logs "run skipped". */
  readonly runnerFunction: lambda.Function;
  /** Logs "statement announced" with the outcome, rows loaded and duration. */
  readonly notifierFunction: lambda.Function;
  /** Logs "statement announced" for runs whose event was lost. */
  readonly reconcilerFunction: lambda.Function;
}

/**
 * The run metrics, each the Sum over a period (5 minutes by default).
 *
 * @example
 * ```ts
 * new cloudwatch.Alarm(stack, 'Skipped', { metric: metrics.skippedRuns(), threshold: 1, evaluationPeriods: 1 });
 * ```
 */
export interface RunMetrics {
  /** `shiftflow/<pipeline>`. */
  readonly namespace: string;
  /** Runs announced as succeeded. */
  readonly succeededRuns: (period?: Duration) => cloudwatch.Metric;
  /** Runs announced as failed (or aborted). */
  readonly failedRuns: (period?: Duration) => cloudwatch.Metric;
  /** Scheduled runs the runner skipped because a statement of the pipeline was still active. */
  readonly skippedRuns: (period?: Duration) => cloudwatch.Metric;
  /** Rows loaded per ended run of `outcome` (default success), `statistic` (default Sum) per `period` (default 1 hour). */
  readonly rowsLoaded: (outcome?: RunOutcome, statistic?: string, period?: Duration) => cloudwatch.Metric;
  /** Duration in milliseconds of each ended run of `outcome` (default success), `statistic` (default Maximum) per `period` (default 1 hour). */
  readonly runDuration: (outcome?: RunOutcome, statistic?: string, period?: Duration) => cloudwatch.Metric;
}

/**
 * The `Outcome` dimension of the per-run metrics: the notification's outcome.
 *
 * @example
 * ```ts
 * const outcome: RunOutcome = 'failure';
 * ```
 */
export type RunOutcome = 'success' | 'failure';
