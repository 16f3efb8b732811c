import type { LocalSns } from '../sns';
import { dummyCredentials, localRegion } from './local-aws';

/**
 * Environment variables pointing any AWS SDK, boto3 or the AWS CLI (and the Lambda functions) at
 * the local endpoints, with the dummy credentials they accept.
 *
 * @example
 * const environment = localEnvironment(sns, 'http://127.0.0.1:5439');
 */
export function localEnvironment(
  sns: Pick<LocalSns, 'environment' | 'endpoint'>,
  redshiftEndpoint: string,
): Record<string, string> {
  return {
    ...sns.environment,
    AWS_ENDPOINT_URL_REDSHIFT_DATA: redshiftEndpoint,
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
    AWS_ACCESS_KEY_ID: dummyCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: dummyCredentials.secretAccessKey,
    AWS_REGION: localRegion,
    AWS_DEFAULT_REGION: localRegion,
  };
}
