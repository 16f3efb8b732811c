import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * A log group of the pipeline, kept for `retention` and deleted with the stack.
 *
 * @example
 * ```ts
 * const logGroup = createPipelineLogGroup(pipeline, 'RunnerLogs', logs.RetentionDays.ONE_MONTH);
 * ```
 */
export function createPipelineLogGroup(
  scope: Construct,
  id: string,
  retention: logs.RetentionDays,
): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
