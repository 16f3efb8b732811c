import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { runLogPatterns } from './run-log-patterns.ts';

/**
 * One value per ended run, from the announcing function's "statement announced" line: metric
 * `metricName` in `namespace` with the number `field` as value and the dimension `Outcome`, a
 * filter on the notifier's logs (`<metricName>Filter`) and one on the reconciler's
 * (`<metricName>RecoveredFilter`). A line without the number publishes nothing.
 *
 * @example
 * ```ts
 * createRunValueFilters(pipeline, { namespace, notifierFunction, reconcilerFunction, field: 'rowsLoaded', metricName: 'RowsLoaded', unit: cloudwatch.Unit.COUNT });
 * ```
 */
export function createRunValueFilters(scope: Construct, options: RunValueFiltersOptions): void {
  const { field, metricName } = options;
  const pattern = runLogPatterns.announcedValue(field);
  for (const [id, fn] of [
    [`${metricName}Filter`, options.notifierFunction],
    [`${metricName}RecoveredFilter`, options.reconcilerFunction],
  ] as const) {
    new logs.MetricFilter(scope, id, {
      logGroup: fn.logGroup,
      metricNamespace: options.namespace,
      metricName,
      filterPattern: pattern,
      metricValue: `$.${field}`,
      dimensions: { Outcome: '$.outcome' },
      unit: options.unit,
    });
  }
}

/**
 * Which value {@link createRunValueFilters} publishes, from whose logs, as which metric.
 *
 * @example
 * ```ts
 * const options: RunValueFiltersOptions = { namespace: 'shiftflow/nyc-taxi', notifierFunction, reconcilerFunction, field: 'durationMs', metricName: 'RunDuration', unit: cloudwatch.Unit.MILLISECONDS };
 * ```
 */
export interface RunValueFiltersOptions {
  /** The metric's namespace, `shiftflow/<pipeline>`. */
  readonly namespace: string;
  /** Logs "statement announced". */
  readonly notifierFunction: lambda.Function;
  /** Logs "statement announced" for runs whose event was lost. */
  readonly reconcilerFunction: lambda.Function;
  /** The field of the log line holding the value. */
  readonly field: 'rowsLoaded' | 'durationMs';
  /** The metric's name. */
  readonly metricName: string;
  /** The metric's unit. */
  readonly unit: cloudwatch.Unit;
}
