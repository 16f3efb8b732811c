import { readFileSync } from 'node:fs';
import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { parsePipelineConfig } from '@shiftflow/events';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applySetup, planSetup } from './apply-setup';
import {
  SetupStatementFailedError,
  SetupStatementTooLargeError,
  SetupTimeoutError,
  SetupTooLargeError,
} from './errors';

const repository = new URL('../../../', import.meta.url);
const config = parsePipelineConfig(
  JSON.parse(readFileSync(new URL('shiftflow.config.json', repository), 'utf8')),
);
const files = config.setupFiles.map((name) => ({
  name,
  sql: readFileSync(new URL(name, repository), 'utf8'),
}));
const batchId = 'b65a1a96-be05-4a27-96ee-f12326dc712c';
const created = new Date('2026-11-30T16:00:00Z');

const sdk = mockClient(RedshiftDataClient);

function dataApi(): RedshiftData {
  const client = new RedshiftDataClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return new RedshiftData({ client, target: { workgroupName: 'shiftflow', database: 'dev' } });
}

describe('planSetup', () => {
  it('renders the repository setup into ordered statements with the config values quoted', () => {
    const plan = planSetup(files, config);
    expect(plan.statements.map((statement) => `${statement.file}#${statement.number}`)).toEqual([
      'sql/setup/001_nyc_yellow_taxi.sql#1',
      'sql/setup/002_nyc_yellow_taxi_volume_analysis.sql#1',
      'sql/setup/002_nyc_yellow_taxi_volume_analysis.sql#2',
      'sql/setup/003_elt_run_log.sql#1',
      'sql/setup/004_run_elt_process.sql#1',
    ]);
    const procedure = plan.statements[4]?.sql ?? '';
    expect(procedure).toContain("FROM 's3://shiftflow-sample/nyc_yellow_taxi_raw/'");
    expect(procedure).toContain("IAM_ROLE 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy'");
    expect(procedure).not.toContain('{{');
    expect(procedure).not.toContain('REGION'); // no sourceRegion in the config: the cluster's own Region
    const withRegion = planSetup(files, { ...config, sourceRegion: 'us-west-2' }).statements[4]?.sql ?? '';
    expect(withRegion).toMatch(/IAM_ROLE '[^']+'\s+REGION 'us-west-2'\s+DELIMITER '\|'/);
    expect(plan.sqlHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the hash when a value changes', () => {
    const other = planSetup(files, { ...config, sourceS3Uri: 's3://other-bucket/raw/' });
    expect(other.sqlHash).not.toBe(planSetup(files, config).sqlHash);
  });

  it('refuses a statement longer than the Data API takes, naming its file and line', () => {
    const long = [
      { name: 'sql/setup/005_big.sql', sql: `select 1;\n\ninsert into t values ('${'x'.repeat(102_400)}');` },
    ];
    const error = (() => {
      try {
        planSetup(long, config);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SetupStatementTooLargeError);
    expect(error).toMatchObject({
      file: 'sql/setup/005_big.sql',
      statementNumber: 2,
      line: 3,
      limitBytes: 102_400,
    });
    expect((error as Error).message).toMatch(
      /^sql\/setup\/005_big\.sql:3 \(statement 2 of the file\) is 1024\d\d bytes/,
    );
  });

  it('accepts a statement of exactly 100 KB', () => {
    const sql = `select '${'x'.repeat(102_400 - 9)}'`;
    expect(Buffer.byteLength(sql)).toBe(102_400);
    expect(planSetup([{ name: 'edge.sql', sql }], config).statements).toHaveLength(1);
  });

  it('refuses more statements than one batch takes', () => {
    const many = [{ name: 'many.sql', sql: 'select 1;'.repeat(41) }];
    expect(() => planSetup(many, config)).toThrow(SetupTooLargeError);
  });
});

describe('applySetup', () => {
  beforeEach(() => {
    sdk.reset();
    sdk.on(BatchExecuteStatementCommand).resolves({ Id: batchId, CreatedAt: created });
  });

  it('sends every statement in order in one batch and waits until it finishes', async () => {
    sdk.on(DescribeStatementCommand).resolves({
      Id: batchId,
      Status: 'FINISHED',
      Duration: 2_500_000_000,
      CreatedAt: created,
      UpdatedAt: created,
    });
    const applied = await applySetup({ dataApi: dataApi(), files, values: config });
    const input = sdk.commandCalls(BatchExecuteStatementCommand)[0]?.args[0].input;
    expect(input?.Sqls).toEqual(planSetup(files, config).statements.map((statement) => statement.sql));
    expect(input?.StatementName).toBe(`shiftflow-setup/${applied.sqlHash.slice(0, 12)}`);
    expect(applied).toMatchObject({ statementId: batchId, statementCount: 5, durationMs: 2500 });
  });

  it('names the file and statement that failed', async () => {
    sdk.on(DescribeStatementCommand).resolves({
      Id: batchId,
      Status: 'FAILED',
      Error: 'ERROR: syntax error at or near "SORTKEY"',
      CreatedAt: created,
      UpdatedAt: created,
      SubStatements: [
        { Id: `${batchId}:1`, Status: 'FINISHED' },
        { Id: `${batchId}:2`, Status: 'FINISHED' },
        { Id: `${batchId}:3`, Status: 'FINISHED' },
        { Id: `${batchId}:4`, Status: 'FAILED', Error: 'ERROR: syntax error at or near "SORTKEY"' },
        { Id: `${batchId}:5`, Status: 'ABORTED' },
      ],
    });
    const error = await applySetup({ dataApi: dataApi(), files, values: config }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SetupStatementFailedError);
    expect(error).toMatchObject({
      file: 'sql/setup/003_elt_run_log.sql',
      statementNumber: 1,
      state: 'FAILED',
      serviceMessage: 'ERROR: syntax error at or near "SORTKEY"',
      statementId: batchId,
    });
    expect((error as Error).message).toMatch(
      /^sql\/setup\/003_elt_run_log\.sql:6 \(statement 1 of the file\) FAILED: ERROR: syntax/,
    );
    expect((error as Error).message).toContain('fix that statement in sql/setup/003_elt_run_log.sql');
  });

  it('names the statement that FAILED even when an earlier one of the batch is ABORTED', async () => {
    sdk.on(DescribeStatementCommand).resolves({
      Id: batchId,
      Status: 'FAILED',
      Error: 'ERROR: CREATE EXTERNAL SCHEMA is not emulated locally',
      CreatedAt: created,
      UpdatedAt: created,
      SubStatements: [
        { Id: `${batchId}:1`, Status: 'ABORTED' },
        { Id: `${batchId}:2`, Status: 'ABORTED' },
        {
          Id: `${batchId}:3`,
          Status: 'FAILED',
          Error: 'ERROR: CREATE EXTERNAL SCHEMA is not emulated locally',
        },
        { Id: `${batchId}:4`, Status: 'ABORTED' },
        { Id: `${batchId}:5`, Status: 'ABORTED' },
      ],
    });
    const error = await applySetup({ dataApi: dataApi(), files, values: config }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      file: 'sql/setup/002_nyc_yellow_taxi_volume_analysis.sql',
      statementNumber: 2,
      line: 8,
    });
  });
});

describe('applySetup while the batch runs', () => {
  beforeEach(() => {
    sdk.reset();
    sdk.on(BatchExecuteStatementCommand).resolves({ Id: batchId, CreatedAt: created });
  });

  it('polls until the batch finishes', async () => {
    sdk
      .on(DescribeStatementCommand)
      .resolvesOnce({ Id: batchId, Status: 'SUBMITTED', CreatedAt: created, UpdatedAt: created })
      .resolvesOnce({ Id: batchId, Status: 'STARTED', CreatedAt: created, UpdatedAt: created })
      .resolves({ Id: batchId, Status: 'FINISHED', CreatedAt: created, UpdatedAt: created });
    const applied = await applySetup({ dataApi: dataApi(), files, values: config, pollIntervalMs: 1 });
    expect(applied.statementId).toBe(batchId);
    expect(sdk.commandCalls(DescribeStatementCommand)).toHaveLength(3);
  });

  it('throws SetupTimeoutError when the batch does not end in time', async () => {
    sdk
      .on(DescribeStatementCommand)
      .resolves({ Id: batchId, Status: 'STARTED', CreatedAt: created, UpdatedAt: created });
    await expect(
      applySetup({ dataApi: dataApi(), files, values: config, pollIntervalMs: 5, timeoutMs: 30 }),
    ).rejects.toBeInstanceOf(SetupTimeoutError);
  });
});
