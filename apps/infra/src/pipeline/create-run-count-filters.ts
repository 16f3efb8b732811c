import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { runLogPatterns } from './run-log-patterns.ts';

/**
 * The metric filters counting runs (value 1 a line) in `namespace`: `SucceededRuns` and
 * `FailedRuns` from the "statement announced" lines of the notifier and the reconciler, by
 * outcome, and `SkippedRuns` from the runner's "run skipped" line. Returns the notifier's two and
 * the runner's one, whose metrics cover the reconciler's too (same namespace and name).
 *
 * @example
 * ```ts
 * const { succeeded } = createRunCountFilters(pipeline, { namespace: 'shiftflow/nyc-taxi', runnerFunction, notifierFunction, reconcilerFunction });
 * ```
 */
export function createRunCountFilters(scope: Construct, options: RunCountFiltersOptions): RunCountFilters {
  const filter = (
    id: string,
    fn: lambda.Function,
    metricName: string,
    pattern: logs.IFilterPattern,
  ): logs.MetricFilter =>
    new logs.MetricFilter(scope, id, {
      logGroup: fn.logGroup,
      metricNamespace: options.namespace,
      metricName,
      filterPattern: pattern,
      metricValue: '1',
    });
  const { announced } = runLogPatterns;
  const succeeded = filter(
    'SucceededRunsFilter',
    options.notifierFunction,
    'SucceededRuns',
    announced('success'),
  );
  filter('SucceededRunsRecoveredFilter', options.reconcilerFunction, 'SucceededRuns', announced('success'));
  const failed = filter('FailedRunsFilter', options.notifierFunction, 'FailedRuns', announced('failure'));
  filter('FailedRunsRecoveredFilter', options.reconcilerFunction, 'FailedRuns', announced('failure'));
  const skipped = filter(
    'SkippedRunsFilter',
    options.runnerFunction,
    'SkippedRuns',
    runLogPatterns.skipped(),
  );
  return { succeeded, failed, skipped };
}

/**
 * Whose logs {@link createRunCountFilters} counts, and where the metrics go.
 *
 * @example
 * ```ts
 * const options: RunCountFiltersOptions = { namespace: 'shiftflow/nyc-taxi', runnerFunction, notifierFunction, reconcilerFunction };
 * ```
 */
export interface RunCountFiltersOptions {
  /** The metrics' namespace, `shiftflow/<pipeline>`. */
  readonly namespace: string;
  /** Logs "run skipped". */
  readonly runnerFunction: lambda.Function;
  /** Logs "statement announced". */
  readonly notifierFunction: lambda.Function;
  /** Logs "statement announced" for runs whose event was lost. */
  readonly reconcilerFunction: lambda.Function;
}

/**
 * The filters whose metrics count runs (`SucceededRuns`, `FailedRuns`, `SkippedRuns`).
 *
 * @example
 * ```ts
 * const metric = filters.skipped.metric({ statistic: 'Sum' });
 * ```
 */
export interface RunCountFilters {
  /** The notifier's `SucceededRuns` filter. */
  readonly succeeded: logs.MetricFilter;
  /** The notifier's `FailedRuns` filter. */
  readonly failed: logs.MetricFilter;
  /** The runner's `SkippedRuns` filter. */
  readonly skipped: logs.MetricFilter;
}
