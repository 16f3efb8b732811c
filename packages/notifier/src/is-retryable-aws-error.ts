const transientPattern =
  /Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded|InternalError|InternalServerError|ServiceUnavailable|TimeoutError|ECONN|ETIMEDOUT|EPIPE|socket/i;

/**
 * Whether an AWS SDK error is worth retrying: the SDK marked it retryable, the service faulted, the
 * call was throttled or the network failed. A thrown non-`Error` counts as retryable, since nothing
 * says it is permanent.
 *
 * @example
 * ```ts
 * throw new LedgerError('claim', statementId, { cause: error, isRetryable: isRetryableAwsError(error) });
 * ```
 */
export function isRetryableAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  return (
    ('$retryable' in error && Boolean(error.$retryable)) ||
    ('$fault' in error && error.$fault === 'server') ||
    transientPattern.test(`${error.name} ${error.message}`)
  );
}
