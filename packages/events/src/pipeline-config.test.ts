import { describe, expect, it } from 'vitest';
import configFile from './__fixtures__/pipeline-config.json';
import { EventParseError } from './errors';
import { parsePipelineConfig, scheduleExpressionProblem } from './pipeline-config';

describe('parsePipelineConfig', () => {
  it('applies the defaults for eltSql', () => {
    const config = parsePipelineConfig(configFile);
    expect(config.eltSql).toBe('CALL run_elt_process();');
    expect(config.schedule.timeZone).toBe('America/New_York');
    expect(config.target).toEqual({ type: 'serverless', workgroupName: 'shiftflow', database: 'dev' });
  });

  it('defaults the time zone to UTC', () => {
    const config = parsePipelineConfig({ ...configFile, schedule: { expression: 'rate(1 hour)' } });
    expect(config.schedule.timeZone).toBe('UTC');
  });

  it('accepts a cluster target with a database user', () => {
    const target = { type: 'cluster', clusterIdentifier: 'analytics-1', database: 'dev', dbUser: 'etl' };
    expect(parsePipelineConfig({ ...configFile, target }).target).toEqual(target);
  });

  it('refuses a cluster target with both dbUser and secretArn, which the Data API client would refuse later', () => {
    const target = {
      type: 'cluster',
      clusterIdentifier: 'analytics-1',
      database: 'dev',
      dbUser: 'etl',
      secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift-AbCdEf',
    };
    expect(() => parsePipelineConfig({ ...configFile, target })).toThrow(
      /target: has both dbUser and secretArn/,
    );
  });

  it('reports every bad field with its value', () => {
    const bad = {
      ...configFile,
      name: 'NYC Taxi',
      schedule: { expression: 'cron(0 11 * * *)', timeZone: 'Mars/Olympus' },
      sourceS3Uri: 'https://bucket/key',
      redshiftIamRoleArn: 'arn:aws:iam::123:role/x',
      setupFiles: ['../secret.sql'],
      notificationEmail: 'not-an-email',
    };
    let caught: unknown;
    try {
      parsePipelineConfig(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventParseError);
    const error = caught as EventParseError;
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'name',
      'notificationEmail',
      'redshiftIamRoleArn',
      'schedule.expression',
      'schedule.timeZone',
      'setupFiles.0',
      'sourceS3Uri',
    ]);
    expect(error.message).toContain('schedule "cron(0 11 * * *)" has 5 fields; EventBridge cron needs 6');
    expect(error.message).toContain('"Mars/Olympus"');
  });

  it('rejects unknown target fields and a missing target', () => {
    const { target: _target, ...withoutTarget } = configFile;
    expect(() => parsePipelineConfig(withoutTarget)).toThrow(/target/);
    expect(() =>
      parsePipelineConfig({
        ...configFile,
        target: { type: 'serverless', workgroupName: 'wg1', database: 'dev', dbUser: 'x' },
      }),
    ).toThrow(/dbUser/);
  });
});

describe('scheduleExpressionProblem', () => {
  it.each([
    'cron(0 11 ? * MON-FRI *)',
    'cron(0/15 * * * ? *)',
    'rate(1 minute)',
    'rate(5 minutes)',
    'at(2026-12-01T09:00:00)',
  ])('accepts %s', (expression) => {
    expect(scheduleExpressionProblem(expression)).toBeUndefined();
  });

  it.each([
    ['cron(0 11 * * * *)', /exactly one/],
    ['cron(0 11 ? * ? *)', /exactly one/],
    ['rate(1 minutes)', /singular/],
    ['rate(2 hour)', /plural/],
    ['rate(0 hours)', /at least 1/],
    ['rate(2 weeks)', /unit "weeks"/],
    ['0 11 * * *', /not cron/],
  ])('rejects %s', (expression, problem) => {
    expect(scheduleExpressionProblem(expression)).toMatch(problem);
  });
});

describe('shiftflow.config.json', () => {
  it('is a valid pipeline config', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../../shiftflow.config.json', import.meta.url), 'utf8');
    const config = parsePipelineConfig(JSON.parse(text));
    expect(config.name).toBe('nyc-taxi');
    expect(config.setupFiles.length).toBeGreaterThan(0);
  });

  it('rejects S3 URIs with quotes, backslashes or dollars', () => {
    for (const sourceS3Uri of ["s3://bucket/a'b", 's3://bucket/a\\b', 's3://bucket/$$x']) {
      expect(() => parsePipelineConfig({ ...configFile, sourceS3Uri })).toThrow(/sourceS3Uri/);
    }
  });
});
