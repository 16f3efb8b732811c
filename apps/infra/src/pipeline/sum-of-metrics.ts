import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * One metric: the sum of `metrics` over `period`, a metric math expression `m0 + m1 + …`.
 *
 * @example
 * ```ts
 * const throttles = sumOfMetrics([runner.metricThrottles(), notifier.metricThrottles()], Duration.minutes(5));
 * ```
 */
export function sumOfMetrics(metrics: readonly cloudwatch.IMetric[], period: Duration): cloudwatch.IMetric {
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric]));
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics).join(' + '),
    usingMetrics,
    period,
  });
}
