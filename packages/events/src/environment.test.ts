import { describe, expect, it } from 'vitest';
import configFile from './__fixtures__/pipeline-config.json';
import {
  notifierEnvironment,
  parseNotifierEnvironment,
  parseRunnerEnvironment,
  runnerEnvironment,
} from './environment';
import { EventParseError } from './errors';
import { parsePipelineConfig } from './pipeline-config';

const config = parsePipelineConfig(configFile);
const clusterConfig = parsePipelineConfig({
  ...configFile,
  target: {
    type: 'cluster',
    clusterIdentifier: 'analytics',
    database: 'dev',
    secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift-AbCdEf',
  },
});
const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow-nyc-taxi';

describe('runnerEnvironment', () => {
  it('round-trips a serverless config through parseRunnerEnvironment', () => {
    const environment = runnerEnvironment(config);
    expect(environment).toMatchObject({
      SHIFTFLOW_PIPELINE_NAME: 'nyc-taxi',
      SHIFTFLOW_TARGET_TYPE: 'serverless',
      SHIFTFLOW_WORKGROUP_NAME: 'shiftflow',
      SHIFTFLOW_DATABASE: 'dev',
      SHIFTFLOW_ELT_SQL: 'CALL run_elt_process();',
    });
    expect(parseRunnerEnvironment(environment)).toEqual({
      pipelineName: 'nyc-taxi',
      target: config.target,
      eltSql: config.eltSql,
    });
  });

  it('round-trips a cluster config with user and secret', () => {
    expect(parseRunnerEnvironment(runnerEnvironment(clusterConfig)).target).toEqual(clusterConfig.target);
  });
});

describe('parseRunnerEnvironment', () => {
  it('names every missing or bad variable', () => {
    let caught: unknown;
    try {
      parseRunnerEnvironment({ SHIFTFLOW_PIPELINE_NAME: 'Bad Name', SHIFTFLOW_TARGET_TYPE: 'cluster' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventParseError);
    const paths = (caught as EventParseError).issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['SHIFTFLOW_DATABASE', 'SHIFTFLOW_PIPELINE_NAME']);
    expect((caught as EventParseError).message).toContain('"Bad Name"');
  });

  it('requires the cluster identifier for a cluster target', () => {
    const { SHIFTFLOW_CLUSTER_IDENTIFIER: _removed, ...environment } = runnerEnvironment(clusterConfig);
    expect(() => parseRunnerEnvironment(environment)).toThrow(
      /SHIFTFLOW_CLUSTER_IDENTIFIER: is required when SHIFTFLOW_TARGET_TYPE is cluster/,
    );
  });
});

describe('notifierEnvironment', () => {
  it('round-trips a DynamoDB ledger', () => {
    const environment = notifierEnvironment(config, {
      topicArn,
      ledger: { type: 'dynamodb', tableName: 'shiftflow-ledger' },
    });
    expect(parseNotifierEnvironment(environment)).toEqual({
      pipelineName: 'nyc-taxi',
      target: config.target,
      topicArn,
      ledger: { type: 'dynamodb', tableName: 'shiftflow-ledger' },
      reconcileWindowHours: 6,
    });
  });

  it('round-trips a file ledger and a custom window', () => {
    const environment = notifierEnvironment(config, {
      topicArn,
      ledger: { type: 'file', path: '/tmp/ledger.json' },
      reconcileWindowHours: 12,
    });
    const settings = parseNotifierEnvironment(environment);
    expect(settings.ledger).toEqual({ type: 'file', path: '/tmp/ledger.json' });
    expect(settings.reconcileWindowHours).toBe(12);
  });

  it('requires the table of a DynamoDB ledger and a valid topic ARN', () => {
    const environment = {
      ...runnerEnvironment(config),
      SHIFTFLOW_TOPIC_ARN: 'topic',
      SHIFTFLOW_LEDGER_TYPE: 'dynamodb',
    };
    let caught: unknown;
    try {
      parseNotifierEnvironment(environment);
    } catch (error) {
      caught = error;
    }
    const paths = (caught as EventParseError).issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['SHIFTFLOW_LEDGER_TABLE', 'SHIFTFLOW_TOPIC_ARN']);
    expect(() => parseNotifierEnvironment({ ...environment, SHIFTFLOW_TOPIC_ARN: topicArn })).toThrow(
      /SHIFTFLOW_LEDGER_TABLE/,
    );
  });

  it('accepts the ARN of a FIFO topic (name ending in .fifo) and rejects other dotted names', () => {
    const environment = {
      ...runnerEnvironment(config),
      SHIFTFLOW_LEDGER_TYPE: 'memory',
      SHIFTFLOW_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:shiftflow-nyc-taxi.fifo',
    };
    expect(parseNotifierEnvironment(environment).topicArn).toBe(
      'arn:aws:sns:eu-west-1:123456789012:shiftflow-nyc-taxi.fifo',
    );
    expect(() =>
      parseNotifierEnvironment({ ...environment, SHIFTFLOW_TOPIC_ARN: `${topicArn}.txt` }),
    ).toThrow(/SHIFTFLOW_TOPIC_ARN: must be an SNS topic ARN/);
  });
});
