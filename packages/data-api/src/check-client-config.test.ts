import { DescribeStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { checkClientConfig } from './check-client-config';
import { ConfigurationError } from './errors';
import { RedshiftData } from './redshift-data';
import { RedshiftDataApi } from './redshift-data-api';

const target = { workgroupName: 'wg', database: 'dev' };
const noConfigFile = { AWS_CONFIG_FILE: '/nonexistent/shiftflow/aws-config' };

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checkClientConfig', () => {
  it('throws ConfigurationError when no region is set anywhere the SDK looks', () => {
    const error = caught(() => checkClientConfig({}, noConfigFile));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', setting: 'region' });
    expect((error as Error).message).toMatch(/no AWS region is set; set clientConfig.region .*AWS_REGION/);
  });

  it('throws ConfigurationError for an empty or malformed region', () => {
    expect(() => checkClientConfig({ region: '' }, {})).toThrow(
      /clientConfig.region is "", which is not an AWS region/,
    );
    expect(() => checkClientConfig({ region: 'eu west 1' }, {})).toThrow(ConfigurationError);
  });

  it('leaves to the SDK what it may still resolve: environment, profile, config file, provider', () => {
    expect(() => checkClientConfig({ region: 'eu-west-1' }, noConfigFile)).not.toThrow();
    expect(() => checkClientConfig({}, { ...noConfigFile, AWS_REGION: 'eu-west-1' })).not.toThrow();
    expect(() => checkClientConfig({}, { ...noConfigFile, AWS_DEFAULT_REGION: 'eu-west-1' })).not.toThrow();
    expect(() => checkClientConfig({}, { ...noConfigFile, AWS_PROFILE: 'dev' })).not.toThrow();
    expect(() => checkClientConfig({}, { AWS_CONFIG_FILE: import.meta.filename })).not.toThrow();
    expect(() => checkClientConfig({ region: async () => 'eu-west-1' }, noConfigFile)).not.toThrow();
  });
});

describe('RedshiftDataApi configuration errors', () => {
  const mock = mockClient(RedshiftDataClient);
  afterEach(() => {
    mock.reset();
  });

  it('rejects a malformed region at creation', () => {
    expect(() => new RedshiftDataApi({ target, clientConfig: { region: '' } })).toThrow(ConfigurationError);
  });

  it('turns the SDK refusing for lack of credentials into ConfigurationError at the first call', async () => {
    const failure = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    mock.on(DescribeStatementCommand).rejects(failure);
    const data = new RedshiftDataApi({ target, clientConfig: { region: 'eu-west-1' } });
    const error = await data
      .describe('d9b6c0c9-0747-4bf4-b142-e8883122f766')
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ setting: 'credentials', cause: failure });
    expect((error as Error).message).toMatch(/no AWS credentials were found .*set clientConfig.credentials/);
  });

  it("turns the SDK's missing-region error into ConfigurationError at the first call", async () => {
    mock.on(DescribeStatementCommand).rejects(new Error('Region is missing'));
    const data = new RedshiftDataApi({ target, client: new RedshiftDataClient({}) });
    await expect(data.describe('d9b6c0c9-0747-4bf4-b142-e8883122f766')).rejects.toMatchObject({
      code: 'CONFIGURATION',
      setting: 'region',
      message: expect.stringMatching(/^Region is missing; set clientConfig.region/),
    });
  });

  it('keeps RedshiftData as a deprecated alias of the same class', () => {
    const data = new RedshiftData({ target, clientConfig: { region: 'eu-west-1' } });
    expect(data).toBeInstanceOf(RedshiftDataApi);
    expect(RedshiftData).toBe(RedshiftDataApi);
  });
});
