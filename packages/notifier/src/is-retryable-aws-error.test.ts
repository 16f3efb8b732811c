import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { AuthorizationErrorException } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { isRetryableAwsError } from './is-retryable-aws-error';

describe('isRetryableAwsError', () => {
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

  it('does not retry a client error such as a missing permission', () => {
    expect(
      isRetryableAwsError(new AuthorizationErrorException({ message: 'not allowed', $metadata: {} })),
    ).toBe(false);
  });
});
