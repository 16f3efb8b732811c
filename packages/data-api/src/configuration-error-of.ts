import { regionFix } from './check-client-config';
import { ConfigurationError } from './errors';

/**
 * The {@link ConfigurationError} an AWS SDK failure stands for, or `undefined` when it is not a set-up
 * mistake: the SDK's "Region is missing" / "Region not accepted" errors, and `CredentialsProviderError`
 * (no credential provider in the chain found credentials).
 */
export function configurationErrorOf(error: unknown): ConfigurationError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'CredentialsProviderError') {
    return new ConfigurationError(
      'credentials',
      `no AWS credentials were found (${error.message}); set clientConfig.credentials, the ` +
        'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables, AWS_PROFILE, or run where a role ' +
        'provides them (Lambda, ECS, EC2)',
      { cause: error },
    );
  }
  if (/^Region (is missing|not accepted)/.test(error.message)) {
    return new ConfigurationError('region', `${error.message}; ${regionFix}`, { cause: error });
  }
  return undefined;
}
