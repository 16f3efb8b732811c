import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The CloudWatch Logs filter patterns of the run metrics, matching the functions' JSON log lines
 * (Powertools Logger writes `message` and the context at the top level): the notifier's and the
 * reconciler's "statement announced" line, and the runner's "run skipped" line.
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html)
 *
 * @example
 * ```ts
 * runLogPatterns.announced('success').logPatternString;
 * // '{ ($.message = "statement announced") && ($.outcome = "success") }'
 * ```
 */
export const runLogPatterns = {
  /** A "statement announced" line of a run that ended with `outcome`. */
  announced: (outcome: 'success' | 'failure'): logs.IFilterPattern =>
    logs.FilterPattern.all(
      logs.FilterPattern.stringValue('$.message', '=', 'statement announced'),
      logs.FilterPattern.stringValue('$.outcome', '=', outcome),
    ),
  /** A "statement announced" line carrying the number `field` (0 or more). */
  announcedValue: (field: 'rowsLoaded' | 'durationMs'): logs.IFilterPattern =>
    logs.FilterPattern.all(
      logs.FilterPattern.stringValue('$.message', '=', 'statement announced'),
      logs.FilterPattern.numberValue(`$.${field}`, '>=', 0),
    ),
  /** The runner's line of a scheduled run it skipped. */
  skipped: (): logs.IFilterPattern =>
    logs.FilterPattern.stringValue(
      '$.message',
      '=',
      'run skipped: a statement of this pipeline is still active',
    ),
};
