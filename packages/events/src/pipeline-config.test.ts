import { describe, expect, it } from 'vitest';
import configFile from './__fixtures__/pipeline-config.json';
import { EventParseError } from './errors';
import { parsePipelineConfig } from './pipeline-config';
import { scheduleExpressionProblem } from './schedule-expression-problem';

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
      sourceRegion: 'US West 2',
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
      'sourceRegion',
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

describe('parsePipelineConfig and unknown keys', () => {
  const issuesOf = (input: unknown) => {
    try {
      parsePipelineConfig(input);
    } catch (error) {
      if (error instanceof EventParseError) return error;
      throw error;
    }
    throw new Error('expected the config to be refused');
  };

  it('refuses a mistyped top-level key, naming it and the key it most likely meant', () => {
    const notificationEmail = 'data-team@example.com';
    const error = issuesOf({ ...configFile, notificationEmial: notificationEmail });
    expect(error.issues).toEqual([
      {
        path: '',
        message: 'unknown key "notificationEmial": did you mean "notificationEmail"?',
        value: { notificationEmial: notificationEmail },
      },
    ]);
    expect(error.message).toBe(
      'invalid pipeline config: (root): unknown key "notificationEmial": did you mean "notificationEmail"? (got {"notificationEmial":"data-team@example.com"})',
    );
  });

  it.each([
    [{ shedule: { expression: 'rate(1 hour)' } }, '', '"shedule": did you mean "schedule"?'],
    [{ setup_files: [] }, '', '"setup_files": did you mean "setupFiles"?'],
    [{ SourceS3Uri: 's3://b/p/' }, '', '"SourceS3Uri": did you mean "sourceS3Uri"?'],
    [
      { schedule: { expression: 'rate(1 hour)', timezone: 'UTC' } },
      'schedule',
      '"timezone": did you mean "timeZone"?',
    ],
    [
      { target: { type: 'cluster', clusterId: 'analytics', database: 'dev' } },
      'target',
      '"clusterId": did you mean "clusterIdentifier"?',
    ],
    [
      { target: { type: 'serverless', workgroup: 'wg1', workgroupName: 'wg1', database: 'dev' } },
      'target',
      '"workgroup": did you mean "workgroupName"?',
    ],
  ])('refuses %j at "%s" with a suggestion', (change, path, message) => {
    const error = issuesOf({ ...configFile, ...change });
    expect(error.issues).toContainEqual(expect.objectContaining({ path, message: `unknown key ${message}` }));
  });

  it('lists the known keys when no key is close', () => {
    const error = issuesOf({ ...configFile, retries: 3 });
    expect(error.issues[0]?.message).toBe(
      'unknown key "retries": expected only "name", "schedule", "target", "eltSql", "setupFiles", "sourceS3Uri", "redshiftIamRoleArn", "sourceRegion", "notificationEmail"',
    );
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
    ['cron(0 25 * * ? *)', /^has hours value "25" outside 0-23$/],
    ['cron(60 0 * * ? *)', /minutes value "60" outside 0-59/],
    ['cron(0 0 32 * ? *)', /day-of-month value "32" outside 1-31/],
    ['cron(0 0 0 * ? *)', /day-of-month value "0" outside 1-31/],
    ['cron(0 0 1 13 ? *)', /month value "13" outside 1-12/],
    ['cron(0 0 1 FOO ? *)', /month value "FOO", which is not a number 1-12 or JAN\|FEB/],
    ['cron(0 0 ? * 8 *)', /day-of-week value "8" outside 1-7/],
    ['cron(0 0 ? * MON#6 *)', /occurrence after "#" must be 1-5/],
    ['cron(0 0 1 * ? 2200)', /year value "2200" outside 1970-2199/],
    ['cron(0 10-5 * * ? *)', /range "10-5" that ends before it starts/],
    ['cron(0/0 * * * ? *)', /increment must be at least 1/],
    ['cron(0 0 L * ? *)', undefined],
    ['cron(0 0 15W * ? *)', undefined],
    ['cron(0 0 ? * 6L *)', undefined],
    ['cron(0 0 ? * L *)', undefined],
    ['cron(0 L * * ? *)', /hours does not allow L, W or #/],
    ['cron(0 0 30 2 ? *)', /^never fires: day-of-month "30" does not occur in month "2"/],
    ['cron(0 0 31 APR,JUN ? *)', /never fires/],
    ['cron(0 0 29 2 ? *)', undefined],
    ['cron(0 0 31 1-2 ? *)', undefined],
    ['at(2026-02-30T10:00:00)', /not a real date and time/],
    ['at(2026-12-01T24:00:00)', /not a real date and time/],
  ])('rejects %s', (expression, problem) => {
    if (problem === undefined) {
      expect(scheduleExpressionProblem(expression)).toBeUndefined();
      return;
    }
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

  it("takes the source bucket Region for COPY, and none by default (the cluster's own Region)", () => {
    expect(parsePipelineConfig(configFile).sourceRegion).toBeUndefined();
    for (const sourceRegion of ['us-west-2', 'eu-central-1', 'us-gov-west-1', 'ap-southeast-3']) {
      expect(parsePipelineConfig({ ...configFile, sourceRegion }).sourceRegion).toBe(sourceRegion);
    }
    for (const sourceRegion of ["us-west-2'", 'us-west-2; drop table t', 'US-WEST-2', 'uswest2', '']) {
      expect(() => parsePipelineConfig({ ...configFile, sourceRegion })).toThrow(
        /sourceRegion: must be an AWS Region such as us-west-2/,
      );
    }
  });
});
