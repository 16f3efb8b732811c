import { describe, expect, it } from 'vitest';
import { NotifierConfigurationError } from './errors';
import { redshiftConsoleUrls } from './redshift-console-urls';

describe('redshiftConsoleUrls', () => {
  it('links a cluster and the query editor in its region', () => {
    const urls = redshiftConsoleUrls({
      region: 'us-west-2',
      target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev' },
    });

    expect(urls.target).toBe(
      'https://us-west-2.console.aws.amazon.com/redshiftv2/home?region=us-west-2#cluster-details?cluster=analytics',
    );
    expect(urls.queryEditor).toBe(
      'https://us-west-2.console.aws.amazon.com/sqlworkbench/home?region=us-west-2#/client',
    );
  });

  it('links a Serverless workgroup on the console of its partition', () => {
    const urls = redshiftConsoleUrls({
      region: 'cn-north-1',
      target: { type: 'serverless', workgroupName: 'etl', database: 'dev' },
    });

    expect(urls.target).toBe(
      'https://cn-north-1.console.amazonaws.cn/redshiftv2/home?region=cn-north-1#serverless-workgroup?workgroup=etl',
    );
  });

  it('rejects a region that is not an AWS region name, naming it', () => {
    expect(() =>
      redshiftConsoleUrls({
        region: 'evil.com/x',
        target: { type: 'serverless', workgroupName: 'etl', database: 'dev' },
      }),
    ).toThrow(NotifierConfigurationError);
  });
});
