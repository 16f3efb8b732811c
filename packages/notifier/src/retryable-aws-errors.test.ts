import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
} from '@aws-sdk/client-dynamodb';
import {
  AuthorizationErrorException,
  InternalErrorException,
  KMSThrottlingException,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { isRetryableAwsError } from '@shiftflow/data-api';
import { describe, expect, it } from 'vitest';

// The notifier classifies its SNS and DynamoDB failures with @shiftflow/data-api's classifier.
describe('isRetryableAwsError on the errors of the SNS and DynamoDB calls the notifier makes', () => {
  it('retries throttling, server faults and network failures', () => {
    expect(
      isRetryableAwsError(new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} })),
    ).toBe(true);
    expect(
      isRetryableAwsError(Object.assign(new Error('boom'), { name: 'Whatever', $fault: 'server' })),
    ).toBe(true);
    expect(
      isRetryableAwsError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
  });

  it("retries SNS Publish's and DynamoDB's throttling and internal errors as the SDK builds them", () => {
    for (const error of [
      new ThrottledException({ message: 'Rate exceeded', $metadata: {} }),
      new KMSThrottlingException({ message: 'slow', $metadata: {} }),
      new InternalErrorException({ message: 'oops', $metadata: {} }),
      new RequestLimitExceeded({ message: 'slow', $metadata: {} }),
      new InternalServerError({ message: 'oops', $metadata: {} }),
    ]) {
      expect(isRetryableAwsError(error)).toBe(true);
    }
  });

  it('retries a thrown value that is not an Error', () => {
    expect(isRetryableAwsError({ reason: 'unknown' })).toBe(true);
  });

  it('does not retry a client error such as a missing permission', () => {
    expect(
      isRetryableAwsError(new AuthorizationErrorException({ message: 'not allowed', $metadata: {} })),
    ).toBe(false);
  });
});
