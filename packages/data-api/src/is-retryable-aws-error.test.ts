import { RedshiftDataServiceException, ValidationException } from '@aws-sdk/client-redshift-data';
import { describe, expect, it } from 'vitest';
import { isRetryableAwsError } from './is-retryable-aws-error';

function serviceError(name: string, fields: { $fault?: 'client' | 'server'; httpStatusCode?: number } = {}) {
  return new RedshiftDataServiceException({
    name,
    message: `${name} happened`,
    $fault: fields.$fault ?? 'client',
    $metadata: fields.httpStatusCode === undefined ? {} : { httpStatusCode: fields.httpStatusCode },
  });
}

describe('isRetryableAwsError', () => {
  it.each([
    'ThrottlingException',
    'ActiveStatementsExceededException',
    'ActiveSessionsExceededException',
    'DatabaseConnectionException',
    'ThrottledException',
    'KMSThrottlingException',
    'InternalErrorException',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'InternalServerError',
    'SomeNewThrottledThing',
  ])('retries %s, a throttling, quota or service fault name of the Data API, SNS or DynamoDB', (name) => {
    expect(isRetryableAwsError(serviceError(name))).toBe(true);
  });

  it('retries a server fault, an HTTP 5xx and an HTTP 429 whatever the name', () => {
    expect(isRetryableAwsError(serviceError('Whatever', { $fault: 'server' }))).toBe(true);
    expect(isRetryableAwsError(serviceError('Whatever', { httpStatusCode: 503 }))).toBe(true);
    expect(isRetryableAwsError(serviceError('Whatever', { httpStatusCode: 429 }))).toBe(true);
  });

  it('retries what the SDK marked $retryable and a network failure named by its code', () => {
    expect(isRetryableAwsError(Object.assign(serviceError('Whatever'), { $retryable: {} }))).toBe(true);
    expect(isRetryableAwsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      true,
    );
    expect(isRetryableAwsError(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe(true);
  });

  it('does not retry a client error, even when its message mentions throttling', () => {
    const validation = new ValidationException({
      message: 'Sql "select throttle_rate from socket_stats" is invalid',
      $metadata: { httpStatusCode: 400 },
    });
    expect(isRetryableAwsError(validation)).toBe(false);
    expect(isRetryableAwsError(serviceError('AuthorizationErrorException', { httpStatusCode: 403 }))).toBe(
      false,
    );
  });

  it('retries a thrown value that is not an Error, since nothing says it is permanent', () => {
    expect(isRetryableAwsError('connection lost')).toBe(true);
  });
});
