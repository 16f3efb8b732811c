/**
 * The notifier's Data API calls per announcement, counted at the real local Data API endpoint by
 * a proxy in front of it: one GetStatementResult for a finished run (its result row), and for a
 * failed load DescribeStatement plus one load-error query (ExecuteStatement, DescribeStatement,
 * GetStatementResult), with the first bad row's file, line and reason in the message.
 *
 * The load-error rows are written by the test into a table of its own with the columns of
 * Redshift's sys_load_error_detail, the way the local engine records them for a failed COPY
 * (session_id = the statement's RedshiftPid, start_time = when the COPY ran).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { parsePipelineConfig, snsMessageStructureSchema } from '@shiftflow/events';
import {
  type CountingProxy,
  type LocalRedshift,
  type StatementStatusChangeEnvelope,
  startCountingProxy,
  startLocalRedshift,
} from '@shiftflow/redshift-local';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNotifierDependencies } from '../src/create-notifier-dependencies';
import type { NotifierDependencies } from '../src/notifier-dependencies';
import { notifyStatusChange } from '../src/notify-status-change';
import { type SnsQueryServer, startSnsQueryServer } from './sns-query-server';

import { localDataClient, runStatement, stubNotifierEnvironment } from './support/local-notifier-harness';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow-nyc-taxi';
const config = parsePipelineConfig({
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'America/New_York' },
  target: { type: 'serverless', workgroupName: 'local', database: 'dev' },
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-copy',
});
const loadErrorTable = 'test_load_error_detail';
const loadError =
  "Load into table 'nyc_yellow_taxi' failed.  Check 'stl_load_errors' system table for details.";

let root: string;
let redshift: LocalRedshift;
let proxy: CountingProxy;
let sns: SnsQueryServer;
let client: RedshiftDataClient;
let direct: RedshiftData;
const events: StatementStatusChangeEnvelope[] = [];

const run = (sql: string, statementName?: string) => runStatement(client, sql, statementName);

async function eventFor(statementId: string): Promise<StatementStatusChangeEnvelope> {
  await vi.waitFor(
    () => {
      if (!events.some((event) => event.detail.statementId === statementId)) throw new Error('no event yet');
    },
    { timeout: 60_000 },
  );
  const event = events.find((candidate) => candidate.detail.statementId === statementId);
  if (!event) throw new Error('unreachable');
  return event;
}

/** The notifier's dependencies, its Data API client talking through the counting proxy. */
function countedNotifier(): NotifierDependencies {
  const { dependencies } = createNotifierDependencies(process.env, {
    logger: new Logger({ serviceName: 'notifier-call-budget-test', logLevel: 'SILENT' }),
    dataApi: new RedshiftData({
      client: new RedshiftDataClient({
        endpoint: proxy.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
      target: { workgroupName: 'local', database: 'dev' },
    }),
    loadErrors: { table: loadErrorTable },
  });
  return dependencies;
}

function lastMessage() {
  const publish = sns.publishes.at(-1);
  if (!publish) throw new Error('nothing was published');
  return snsMessageStructureSchema.parse(JSON.parse(publish.message ?? ''));
}

function totalCalls(): number {
  return Object.values(proxy.counts()).reduce((sum, count) => sum + count, 0);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'notifier-call-budget-'));
  mkdirSync(path.join(root, 's3'));
  redshift = await startLocalRedshift({ s3Root: path.join(root, 's3') });
  redshift.onStatusChange((event) => events.push(event));
  proxy = await startCountingProxy(redshift.endpoint);
  sns = await startSnsQueryServer();
  client = localDataClient(redshift);
  direct = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });
  stubNotifierEnvironment({
    redshift,
    snsEndpoint: sns.endpoint,
    config,
    topicArn,
    ledgerPath: path.join(root, 'ledger'),
  });
  await run(`CREATE TABLE ${loadErrorTable} (
  user_id INTEGER, query_id BIGINT, transaction_id BIGINT, session_id INTEGER, database_name CHAR(64),
  table_id INTEGER, start_time TIMESTAMP, file_name CHAR(256), line_number BIGINT, column_name CHAR(127),
  column_type CHAR(10), column_length CHAR(10), position INTEGER, error_code INTEGER, error_message CHAR(512))`);
});

afterEach(() => {
  sns.publishes.length = 0;
  proxy.reset();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await proxy?.close();
  await sns?.close();
  await redshift?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the notifier’s Data API calls, counted at the local endpoint', () => {
  it('announces a finished run with one GetStatementResult of its result row', async () => {
    await run('DROP PROCEDURE IF EXISTS run_elt_process()');
    await run(`CREATE OR REPLACE PROCEDURE run_elt_process(INOUT rows_loaded BIGINT DEFAULT NULL, INOUT started_at TIMESTAMP DEFAULT NULL, INOUT ended_at TIMESTAMP DEFAULT NULL) AS $$
BEGIN
  rows_loaded := 20000;
  started_at := CAST('2026-11-30 16:00:01' AS TIMESTAMP);
  ended_at := CAST('2026-11-30 16:00:03.25' AS TIMESTAMP);
END;
$$ LANGUAGE plpgsql`);
    const statementId = await run('CALL run_elt_process();', 'nyc-taxi/2026-11-30T16:00:00.000Z');
    const event = await eventFor(statementId);
    proxy.reset();

    const outcome = await notifyStatusChange(event, countedNotifier());

    expect(outcome.status).toBe('announced');
    expect(proxy.counts()).toEqual({ GetStatementResult: 1 });
    const message = lastMessage();
    expect(message.email).toContain('Rows loaded:     20,000');
    expect(message.email).toContain('Duration:        2.3 s');
  });

  it('names the file, line and reason of a failed load’s first bad row in at most four calls', async () => {
    await run('DROP PROCEDURE IF EXISTS run_elt_process(BIGINT, TIMESTAMP, TIMESTAMP)');
    await run(`CREATE OR REPLACE PROCEDURE run_elt_process() AS $$
BEGIN
  RAISE EXCEPTION '${loadError.replaceAll("'", "''")}';
END;
$$ LANGUAGE plpgsql`);
    const statementId = await run('CALL run_elt_process();', 'nyc-taxi/2026-12-01T16:00:00.000Z');
    const event = await eventFor(statementId);
    const described = await direct.describe(statementId);
    const pid = described.raw.RedshiftPid;
    expect(pid).toBeGreaterThan(0);
    const copyStarted = new Date(described.createdAt.getTime() + 5)
      .toISOString()
      .replace('T', ' ')
      .replace('Z', '');
    const earlierRun = new Date(described.createdAt.getTime() - 60_000)
      .toISOString()
      .replace('T', ' ')
      .replace('Z', '');
    // Rows as the engine records them for the failed COPY, plus one of an earlier run in the same
    // process (process ids are reused) that must not show up.
    await run(`INSERT INTO ${loadErrorTable} (session_id, query_id, start_time, file_name, line_number, column_name, column_type, position, error_code, error_message) VALUES
  (${pid}, 7, CAST('${earlierRun}' AS TIMESTAMP), 's3://shiftflow-sample/nyc_yellow_taxi_raw/old.txt', 3, 'vendorid', 'int2', 0, 1207, 'Invalid digit, Value ''q'', Pos 0, Type: Short'),
  (${pid}, 8, CAST('${copyStarted}' AS TIMESTAMP), 's3://shiftflow-sample/nyc_yellow_taxi_raw/2015-01.txt', 17, 'fare_amount', 'float4', 0, 1208, 'Invalid digit, Value ''x'', Pos 0, Type: Float'),
  (${pid}, 8, CAST('${copyStarted}' AS TIMESTAMP), 's3://shiftflow-sample/nyc_yellow_taxi_raw/2015-01.txt', 23, 'trip_distance', 'float4', 1, 1208, 'Invalid digit, Value ''1.x'', Pos 1, Type: Float')`);
    proxy.reset();

    const outcome = await notifyStatusChange(event, countedNotifier());

    expect(outcome.status).toBe('announced');
    expect(totalCalls()).toBeLessThanOrEqual(4);
    expect(proxy.counts()).toMatchObject({
      DescribeStatement: expect.any(Number),
      ExecuteStatement: 1,
      GetStatementResult: 1,
    });
    const message = lastMessage();
    expect(message.email).toContain(loadError);
    expect(message.email).toContain('1. File:    s3://shiftflow-sample/nyc_yellow_taxi_raw/2015-01.txt');
    expect(message.email).toContain('Line:    17');
    expect(message.email).toContain('Column:  fare_amount (float4), position 0');
    expect(message.email).toContain("Reason:  Invalid digit, Value 'x', Pos 0, Type: Float (error 1208)");
    expect(message.email).toContain('2. File:');
    expect(message.email).not.toContain('old.txt');
  });

  it('still announces a failed load with its error text when the load-error table cannot be read', async () => {
    const statementId = await run('CALL run_elt_process();', 'nyc-taxi/2026-12-02T16:00:00.000Z');
    const event = await eventFor(statementId);
    const dependencies = { ...countedNotifier(), loadErrors: { table: 'no_such_load_error_table' } };

    const outcome = await notifyStatusChange(event, dependencies);

    expect(outcome.status).toBe('announced');
    const message = lastMessage();
    expect(message.email).toContain(loadError);
    expect(message.email).toMatch(
      /Load errors \(could not be read from no_such_load_error_table \(.*no_such_load_error_table/,
    );
    expect(totalCalls()).toBeLessThanOrEqual(4);
  });
});
