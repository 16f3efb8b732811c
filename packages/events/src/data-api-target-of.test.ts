import { describe, expect, it } from 'vitest';
import { dataApiTargetOf } from './data-api-target-of';

describe('dataApiTargetOf', () => {
  it('drops the type of a serverless target and keeps its secret', () => {
    expect(
      dataApiTargetOf({
        type: 'serverless',
        workgroupName: 'etl',
        database: 'dev',
        secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift-AbCdEf',
      }),
    ).toEqual({
      workgroupName: 'etl',
      database: 'dev',
      secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift-AbCdEf',
    });
  });

  it('keeps the database user of a cluster target and leaves absent fields out', () => {
    const target = dataApiTargetOf({
      type: 'cluster',
      clusterIdentifier: 'analytics',
      database: 'dev',
      dbUser: 'etl',
    });
    expect(target).toEqual({ clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' });
    expect(Object.keys(target)).not.toContain('secretArn');
  });
});
