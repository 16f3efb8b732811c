import { describe, expect, it } from 'vitest';
import { InvalidTargetError } from './errors';
import { resolveTarget } from './resolve-target';

const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:etl-AbCdEf';

describe('resolveTarget', () => {
  it('maps a cluster with dbUser to the Data API connection fields', () => {
    expect(resolveTarget({ clusterIdentifier: 'c1', database: 'dev', dbUser: 'etl' })).toEqual({
      ClusterIdentifier: 'c1',
      Database: 'dev',
      DbUser: 'etl',
    });
  });

  it('maps a cluster with a secret', () => {
    expect(resolveTarget({ clusterIdentifier: 'c1', database: 'dev', secretArn })).toEqual({
      ClusterIdentifier: 'c1',
      Database: 'dev',
      SecretArn: secretArn,
    });
  });

  it('maps a cluster without dbUser or secret to the caller IAM identity (no credential fields)', () => {
    expect(resolveTarget({ clusterIdentifier: 'c1', database: 'dev' })).toEqual({
      ClusterIdentifier: 'c1',
      Database: 'dev',
    });
  });

  it('maps a workgroup with and without a secret', () => {
    expect(resolveTarget({ workgroupName: 'wg', database: 'dev' })).toEqual({
      WorkgroupName: 'wg',
      Database: 'dev',
    });
    expect(resolveTarget({ workgroupName: 'wg', database: 'dev', secretArn })).toEqual({
      WorkgroupName: 'wg',
      Database: 'dev',
      SecretArn: secretArn,
    });
  });

  it('accepts the pipeline configuration form with a matching type', () => {
    expect(resolveTarget({ type: 'serverless', workgroupName: 'wg', database: 'dev' })).toEqual({
      WorkgroupName: 'wg',
      Database: 'dev',
    });
    expect(
      resolveTarget({ type: 'cluster', clusterIdentifier: 'c1', database: 'dev', dbUser: 'u' }),
    ).toMatchObject({
      ClusterIdentifier: 'c1',
    });
  });

  it.each([
    ['a missing target', undefined, /target is missing/],
    ['a string target', 'c1', /target is "c1"/],
    [
      'both a cluster and a workgroup',
      { clusterIdentifier: 'c1', workgroupName: 'wg', database: 'dev' },
      /both clusterIdentifier "c1" and workgroupName "wg"; give exactly one/,
    ],
    ['neither a cluster nor a workgroup', { database: 'dev' }, /neither clusterIdentifier nor workgroupName/],
    ['a missing database', { workgroupName: 'wg' }, /workgroup "wg" has no database/],
    [
      'an empty database',
      { workgroupName: 'wg', database: ' ' },
      /target.database is " "; it must be a non-empty string/,
    ],
    [
      'a numeric cluster id',
      { clusterIdentifier: 7, database: 'dev', dbUser: 'u' },
      /target.clusterIdentifier is a number/,
    ],
    [
      'a cluster with dbUser and secret',
      { clusterIdentifier: 'c1', database: 'dev', dbUser: 'u', secretArn },
      /has both dbUser "u" and secretArn/,
    ],
    [
      'a workgroup with dbUser',
      { workgroupName: 'wg', database: 'dev', dbUser: 'u' },
      /workgroup "wg" has dbUser "u", which Serverless workgroups do not support/,
    ],
    [
      'a secret that is not an ARN',
      { workgroupName: 'wg', database: 'dev', secretArn: 'my-secret' },
      /secretArn "my-secret" is not an ARN/,
    ],
    ['a misspelt field', { clusterId: 'c1', database: 'dev', dbUser: 'u' }, /unknown field "clusterId"/],
    [
      'a type that disagrees',
      { type: 'cluster', workgroupName: 'wg', database: 'dev' },
      /target.type is "cluster" but the target names workgroup "wg"/,
    ],
  ])('rejects %s with InvalidTargetError', (_label, target, message) => {
    expect(() => resolveTarget(target)).toThrow(InvalidTargetError);
    expect(() => resolveTarget(target)).toThrow(message);
  });

  it('keeps the bad target on the error', () => {
    const target = { database: 'dev' };
    try {
      resolveTarget(target);
      expect.unreachable('resolveTarget should have thrown');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_TARGET', target });
    }
  });
});
