import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { parsePipelineConfig, snsMessageStructureSchema } from '@shiftflow/events';
import {
  type LocalRedshift,
  type StatementStatusChangeEnvelope,
  startLocalRedshift,
} from '@shiftflow/redshift-local';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NotificationPublishError } from '../src/errors';
import { notifyStatusChange } from '../src/notify-status-change';
import { reconcile } from '../src/reconcile';
import { type SnsQueryServer, startSnsQueryServer } from './sns-query-server';
import {
  createRunLogTableSql,
  localDataClient,
  recordRunStarted,
  runStatement,
  silentNotifierDependencies,
  stubNotifierEnvironment,
} from './support/local-notifier-harness';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow-nyc-taxi';
const config = parsePipelineConfig({
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'America/New_York' },
  target: { type: 'serverless', workgroupName: 'local', database: 'dev' },
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-copy',
});

let root: string;
let redshift: LocalRedshift;
let sns: SnsQueryServer;
let client: RedshiftDataClient;
const events: StatementStatusChangeEnvelope[] = [];

/** Runs SQL as the runner does; a run of the pipeline is recorded as its on-success destination records it. */
async function run(sql: string, statementName?: string): Promise<string> {
  const statementId = await runStatement(client, sql, statementName);
  if (statementName?.startsWith('nyc-taxi/')) await recordRunStarted(statementId, statementName);
  return statementId;
}

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

const notifier = () => silentNotifierDependencies('shiftflow-notifier-test');

function lastMessage() {
  const publish = sns.publishes.at(-1);
  if (!publish) throw new Error('nothing was published');
  return { publish, message: snsMessageStructureSchema.parse(JSON.parse(publish.message ?? '')) };
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'notifier-integration-'));
  mkdirSync(path.join(root, 's3'));
  redshift = await startLocalRedshift({ s3Root: path.join(root, 's3') });
  redshift.onStatusChange((event) => events.push(event));
  sns = await startSnsQueryServer();
  client = localDataClient(redshift);
  stubNotifierEnvironment({
    redshift,
    snsEndpoint: sns.endpoint,
    config,
    topicArn,
    ledgerPath: path.join(root, 'ledger'),
  });
  await run(createRunLogTableSql);
});

afterEach(() => {
  sns.publishes.length = 0;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await sns?.close();
  await redshift?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('notifier against the local Redshift', () => {
  it('announces a failing procedure as a failure with the error text', async () => {
    await run(`CREATE OR REPLACE PROCEDURE run_elt_process() AS $$
BEGIN
  RAISE EXCEPTION 'no files under s3://shiftflow-sample/nyc_yellow_taxi_raw/';
END;
$$ LANGUAGE plpgsql`);
    const statementId = await run('CALL run_elt_process();', 'nyc-taxi/2026-11-30T16:00:00.000Z');
    const event = await eventFor(statementId);

    const outcome = await notifyStatusChange(event, notifier());

    expect(event.detail.state).toBe('FAILED');
    expect(outcome.status).toBe('announced');
    const { publish, message } = lastMessage();
    expect(publish.topicArn).toBe(topicArn);
    expect(publish.messageStructure).toBe('json');
    expect(publish.subject).toBe('[shiftflow] nyc-taxi run FAILED (2026-11-30T16:00:00.000Z)');
    expect(message.email).toContain('no files under s3://shiftflow-sample/nyc_yellow_taxi_raw/');
    expect(message.email).toContain('Failing SQL:\n  CALL run_elt_process();');
    expect(message.email).toContain(`Statement id:    ${statementId}`);
    expect(message.sms).toContain('FAILED');
    expect(`${publish.subject} ${message.default}`.toLowerCase()).not.toContain('completed');

    // The same event delivered again is not announced twice.
    expect((await notifyStatusChange(event, notifier())).status).toBe('already-announced');
    expect(sns.publishes).toHaveLength(1);
  });

  it('recovers a lost event with the reconciler, reporting the rows loaded', async () => {
    // The procedure reports its run through output arguments, which a CALL returns as one row.
    // INOUT with defaults is how PostgreSQL lets `CALL run_elt_process()` omit them.
    await run(`DROP PROCEDURE IF EXISTS run_elt_process()`);
    await run(`CREATE OR REPLACE PROCEDURE run_elt_process(INOUT rows_loaded BIGINT DEFAULT NULL, INOUT started_at TIMESTAMP DEFAULT NULL, INOUT ended_at TIMESTAMP DEFAULT NULL) AS $$
BEGIN
  rows_loaded := 4242;
  started_at := CAST('2026-11-30 17:00:01' AS TIMESTAMP);
  ended_at := CAST('2026-11-30 17:00:13.5' AS TIMESTAMP);
END;
$$ LANGUAGE plpgsql`);
    const statementId = await run('CALL run_elt_process();', 'nyc-taxi/2026-11-30T17:00:00.000Z');
    await eventFor(statementId); // emitted, but never handed to the notifier: the event is lost

    const report = await reconcile(notifier(), { lookbackHours: 1 });

    expect(report.announced).toContain(statementId);
    const announcement = sns.publishes.find((publish) => publish.subject?.includes('17:00:00'));
    expect(announcement?.subject, announcement?.message ?? '').toBe(
      '[shiftflow] nyc-taxi run succeeded (2026-11-30T17:00:00.000Z)',
    );
    const message = snsMessageStructureSchema.parse(JSON.parse(announcement?.message ?? ''));
    expect(message.email).toContain('Rows loaded:     4,242');
    expect(message.email).toContain('Duration:        12.5 s');
    expect(message.email).toContain(`Statement id:    ${statementId}`);

    // A second sweep finds nothing new.
    const again = await reconcile(notifier(), { lookbackHours: 1 });
    expect(again.announced).toEqual([]);
  });

  it('releases the claim when SNS keeps failing, so the reconciler announces the statement later', async () => {
    const statementId = await run('CALL run_elt_process();', 'nyc-taxi/2026-11-30T18:00:00.000Z');
    const event = await eventFor(statementId);
    sns.failNext(3); // the SDK tries three times

    await expect(notifyStatusChange(event, notifier())).rejects.toThrow(NotificationPublishError);
    expect(sns.publishes).toHaveLength(0);

    const report = await reconcile(notifier(), { lookbackHours: 1 });
    expect(report.announced).toEqual([statementId]);
    expect(sns.publishes.map((publish) => publish.subject)).toEqual([
      '[shiftflow] nyc-taxi run succeeded (2026-11-30T18:00:00.000Z)',
    ]);
  });

  it('runs the same way from the single-file Lambda bundle (handler and reconcile exports)', async () => {
    const bundlePath = path.join(import.meta.dirname, '../dist/lambda/index.mjs');
    const bundle: unknown = await import(pathToFileURL(bundlePath).href);
    if (
      typeof bundle !== 'object' ||
      bundle === null ||
      !('handler' in bundle) ||
      typeof bundle.handler !== 'function' ||
      !('reconcile' in bundle) ||
      typeof bundle.reconcile !== 'function'
    ) {
      throw new Error(`${bundlePath} does not export handler and reconcile (run the build first)`);
    }
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    const statementId = await run('SELECT 1 / 0', 'nyc-taxi/manual/2026-11-30T19:00:00.000Z');
    const event = await eventFor(statementId);

    const outcome: unknown = await bundle.handler(event);
    const report: unknown = await bundle.reconcile({});

    expect(outcome).toMatchObject({
      status: 'announced',
      notification: { state: 'FAILED', trigger: 'manual' },
    });
    expect(report).toMatchObject({ announced: [] });
    const { publish, message } = lastMessage();
    expect(publish.subject).toBe(
      '[shiftflow] nyc-taxi run FAILED (manual run requested 2026-11-30T19:00:00.000Z)',
    );
    expect(message.email).toContain('division by zero');
  });
});
