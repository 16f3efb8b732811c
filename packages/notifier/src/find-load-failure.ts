/**
 * Redshift's text when a COPY fails on bad rows:
 * `Load into table '<table>' failed.  Check 'stl_load_errors' system table for details.`
 * (the message that "directs you to consult the STL_LOAD_ERRORS table",
 * https://docs.aws.amazon.com/redshift/latest/dg/system-tables-for-troubleshooting-data-loads.html). The Data API
 * passes it on as the statement's `Error`, usually prefixed with `ERROR: `.
 */
const loadFailurePattern =
  /Load into table '([^']+)' failed\.\s+Check 'stl_load_errors' system table for details/i;

/**
 * The table a failed statement's load was for, when its error text is Redshift's load error;
 * undefined for any other error.
 *
 * @example
 * ```ts
 * findLoadFailure("ERROR: Load into table 'nyc_yellow_taxi' failed.  Check 'stl_load_errors' system table for details.");
 * // { table: 'nyc_yellow_taxi' }
 * ```
 */
export function findLoadFailure(error: string | undefined): { table: string } | undefined {
  const match = error === undefined ? null : loadFailurePattern.exec(error);
  return match?.[1] === undefined ? undefined : { table: match[1] };
}
