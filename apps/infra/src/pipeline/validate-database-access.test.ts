import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { InvalidPipelinePropertyError } from '../errors.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';
import { validateDatabaseAccess } from './validate-database-access.ts';

const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shiftflow/etl-AbCdEf';
const cluster: EltPipelineProps['target'] = {
  type: 'cluster',
  clusterIdentifier: 'analytics',
  database: 'dev',
};
const serverless: EltPipelineProps['target'] = {
  type: 'serverless',
  workgroupName: 'shiftflow',
  database: 'dev',
};

/** What `action` throws; fails the test when it throws nothing. */
function errorOf(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('validateDatabaseAccess', () => {
  it('accepts each one way to sign in', () => {
    expect(() => validateDatabaseAccess({ target: { ...cluster, dbUser: 'etl' } })).not.toThrow();
    expect(() =>
      validateDatabaseAccess({
        target: { ...serverless, secretArn },
        secretKey: new kms.Key(new Stack(new App(), 'Keys'), 'Key'),
        roleNamePrefix: 'a'.repeat(55),
        readerSecretArn: secretArn,
        workgroupId: '3F1B2C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D',
      }),
    ).not.toThrow();
    expect(() => validateDatabaseAccess({ target: cluster, readerDbUser: 'reader' })).not.toThrow();
  });

  it.each([
    [{ target: { ...cluster, dbUser: 'etl', secretArn } }, 'target', /both dbUser and secretArn/],
    [{ target: cluster, roleNamePrefix: 'a'.repeat(56) }, 'roleNamePrefix', /1 to 55 characters/],
    [{ target: cluster, roleNamePrefix: 'has space' }, 'roleNamePrefix', /"has space"/],
    [{ target: serverless, readerDbUser: 'reader' }, 'readerDbUser', /"reader".*cluster target/],
    [
      { target: cluster, readerDbUser: 'reader', readerSecretArn: secretArn },
      'readerDbUser',
      /no readerSecretArn/,
    ],
    [{ target: cluster, readerSecretArn: 'shiftflow/reader' }, 'readerSecretArn', /"shiftflow\/reader".*ARN/],
    [{ target: serverless, workgroupId: 'shiftflow' }, 'workgroupId', /"shiftflow".*UUID/],
  ] as const)('rejects %o, naming %s and the value', (props, property, message) => {
    const error = errorOf(() => validateDatabaseAccess(props));
    expect(error).toBeInstanceOf(InvalidPipelinePropertyError);
    expect(error).toMatchObject({ property });
    expect(String(error)).toMatch(message);
  });

  it('rejects a secret key for a target without a secret', () => {
    const secretKey = new kms.Key(new Stack(new App(), 'Keys'), 'Key');
    const error = errorOf(() => validateDatabaseAccess({ target: cluster, secretKey }));
    expect(error).toMatchObject({ property: 'secretKey' });
    expect(String(error)).toMatch(/no secretArn/);
  });
});
