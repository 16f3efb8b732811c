/**
 * Exception names (and Node.js error codes) that mean "try again later", by service:
 * - Redshift Data API: throttling, the active statement / session / waiting-request quotas, server
 *   and database-connection faults
 *   (https://docs.aws.amazon.com/redshift-data/latest/APIReference/CommonErrors.html and each
 *   action's "Errors" section, e.g. API_ExecuteStatement.html).
 * - SNS Publish: `ThrottledException`, `KMSThrottlingException`, `InternalErrorException`
 *   (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html, "Errors").
 * - DynamoDB: `ProvisionedThroughputExceededException`, `RequestLimitExceeded`,
 *   `ThrottlingException`, `InternalServerError`
 *   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
 * - The SDK's own transient errors and Node.js network failures, as `@smithy/service-error-classification`
 *   lists them (`TimeoutError`, `RequestTimeout`, `ECONNRESET`, `EPIPE`, …).
 */
const retryableNames = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ActiveStatementsExceededException',
  'ActiveSessionsExceededException',
  'ActiveWaitingRequestsExceededException',
  'InternalServerException',
  'DatabaseConnectionException',
  'ThrottledException',
  'KMSThrottlingException',
  'InternalErrorException',
  'ProvisionedThroughputExceededException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Any other throttling name a service may use (`Throttled`, `KMSThrottling`, …). */
const throttlingName = /Throttl/;

/**
 * Whether a failed AWS SDK call is worth trying again: the SDK marked the error retryable
 * (`$retryable`), the service faulted (`$fault: 'server'`, HTTP 5xx), the call was throttled (HTTP
 * 429 or a throttling exception name), a service quota of concurrent work was hit, or the network
 * failed (`ECONNRESET`, `ETIMEDOUT`, …). Names and codes are read, never the message, which may
 * quote anything. A thrown value that is not an `Error` counts as retryable: nothing says it is
 * permanent. Used by `RedshiftData` for `RedshiftDataServiceError.isRetryable` and by the notifier
 * for its SNS and DynamoDB calls.
 *
 * @example
 * ```ts
 * try {
 *   await sns.send(new PublishCommand(input));
 * } catch (error) {
 *   throw new NotificationPublishError(topicArn, statementId, { cause: error, isRetryable: isRetryableAwsError(error) });
 * }
 * ```
 */
export function isRetryableAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  const code = fieldOf(error, 'code');
  const metadata = fieldOf(error, '$metadata');
  const statusCode =
    typeof metadata === 'object' && metadata !== null && 'httpStatusCode' in metadata
      ? metadata.httpStatusCode
      : undefined;
  return (
    Boolean(fieldOf(error, '$retryable')) ||
    fieldOf(error, '$fault') === 'server' ||
    (typeof statusCode === 'number' && (statusCode >= 500 || statusCode === 429)) ||
    isRetryableName(error.name) ||
    (typeof code === 'string' && isRetryableName(code))
  );
}

function isRetryableName(name: string): boolean {
  return retryableNames.has(name) || throttlingName.test(name);
}

function fieldOf(error: Error, key: string): unknown {
  return key in error ? Reflect.get(error, key) : undefined;
}
