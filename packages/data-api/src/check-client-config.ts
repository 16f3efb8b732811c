import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RedshiftDataClientConfig } from '@aws-sdk/client-redshift-data';
import { ConfigurationError } from './errors';

// What the AWS SDK accepts as a region: a host name label (it builds the endpoint host from it).
const regionPattern = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

/** The fix a missing or bad region error names. */
export const regionFix =
  "set clientConfig.region (new RedshiftDataApi({ clientConfig: { region: 'eu-west-1' }, target })), " +
  'the AWS_REGION environment variable, or region in your AWS config profile';

/**
 * Throws {@link ConfigurationError} at creation when the configuration certainly cannot reach AWS: a
 * region given but empty or not a host name label, or no region anywhere the SDK looks (the `region`
 * setting, `AWS_REGION`, `AWS_DEFAULT_REGION`, a profile in the AWS config file). Anything the SDK might
 * still resolve (a config file that may hold a region, a region provider function) is left to the first
 * call, where `callDataApi` turns the SDK's refusal into the same error.
 */
export function checkClientConfig(
  config: RedshiftDataClientConfig,
  environment: Readonly<Record<string, string | undefined>>,
): void {
  const { region } = config;
  if (typeof region === 'string') {
    if (!regionPattern.test(region)) {
      throw new ConfigurationError(
        'region',
        `clientConfig.region is ${JSON.stringify(region)}, which is not an AWS region; ${regionFix}`,
      );
    }
    return;
  }
  if (region !== undefined) return; // a provider function: resolved by the SDK at the first call
  if (environment.AWS_REGION || environment.AWS_DEFAULT_REGION || environment.AWS_PROFILE) return;
  const configFile = environment.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config');
  if (existsSync(configFile)) return;
  throw new ConfigurationError('region', `no AWS region is set; ${regionFix}`);
}
