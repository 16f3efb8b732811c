import { notifierEnvironment, parsePipelineConfig } from '@shiftflow/events';
import { describe, expect, it } from 'vitest';
import { createNotifierDependencies } from './create-notifier-dependencies';
import { DynamoDbLedger } from './dynamodb-ledger';
import { NotifierConfigurationError } from './errors';
import { FileLedger } from './file-ledger';
import { dataApiTarget, dataApiTargetOf } from './index';
import { MemoryLedger } from './memory-ledger';

const config = parsePipelineConfig({
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'America/New_York' },
  target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-copy',
});
const topicArn = 'arn:aws:sns:eu-west-1:123456789012:shiftflow-nyc-taxi';

describe('createNotifierDependencies', () => {
  it('reads the environment notifierEnvironment() writes and picks the ledger it names', () => {
    const base = { AWS_REGION: 'eu-west-1' };
    const dynamodb = createNotifierDependencies({
      ...base,
      ...notifierEnvironment(config, {
        topicArn,
        ledger: { type: 'dynamodb', tableName: 'shiftflow-ledger' },
      }),
    });
    const file = createNotifierDependencies({
      ...base,
      ...notifierEnvironment(config, { topicArn, ledger: { type: 'file', path: '/tmp/ledger' } }),
    });
    const memory = createNotifierDependencies({
      ...base,
      ...notifierEnvironment(config, { topicArn, ledger: { type: 'memory' }, reconcileWindowHours: 12 }),
    });

    expect(dynamodb.dependencies.ledger).toBeInstanceOf(DynamoDbLedger);
    expect(file.dependencies.ledger).toBeInstanceOf(FileLedger);
    expect(memory.dependencies.ledger).toBeInstanceOf(MemoryLedger);
    expect(memory.settings.reconcileWindowHours).toBe(12);
    expect(dynamodb.dependencies).toMatchObject({
      pipelineName: 'nyc-taxi',
      region: 'eu-west-1',
      topicArn,
      target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
    });
    expect(dynamodb.dependencies.loadErrors).toBeUndefined();
  });

  it('names every missing or bad variable', () => {
    const environment = notifierEnvironment(config, {
      topicArn,
      ledger: { type: 'file', path: '/tmp/ledger' },
    });
    const { SHIFTFLOW_TOPIC_ARN: _topic, ...withoutTopic } = environment;

    expect(() => createNotifierDependencies({ ...withoutTopic, AWS_REGION: 'eu-west-1' })).toThrow(
      /SHIFTFLOW_TOPIC_ARN/,
    );
    expect(() =>
      createNotifierDependencies({ ...environment, SHIFTFLOW_LEDGER_TYPE: 'redis', AWS_REGION: 'eu-west-1' }),
    ).toThrow(/SHIFTFLOW_LEDGER_TYPE.*redis/);
    expect(() => createNotifierDependencies(environment)).toThrow(NotifierConfigurationError);
    expect(() => createNotifierDependencies(environment)).toThrow(/AWS_REGION/);
  });
});

describe('dataApiTargetOf', () => {
  it('drops the type and keeps the connection fields', () => {
    expect(dataApiTargetOf({ type: 'serverless', workgroupName: 'etl', database: 'dev' })).toEqual({
      workgroupName: 'etl',
      database: 'dev',
    });
  });

  it('is still exported under its deprecated second name dataApiTarget', () => {
    expect(dataApiTarget).toBe(dataApiTargetOf);
  });
});
