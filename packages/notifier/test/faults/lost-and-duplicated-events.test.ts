/**
 * Completion events lost or delivered twice by the event bus, injected with the
 * local Redshift's `faults` option. Every delivered event goes to the notifier as the event rule
 * would hand it over (concurrently for a duplicate); the reconciler then sweeps. Each run must be
 * announced exactly once: lost ones by the reconciler, duplicated ones by one of the two deliveries.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { parsePipelineConfig } from '@shiftflow/events';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type NotifyOutcome, notifyStatusChange } from '../../src/notify-status-change';
import { reconcile } from '../../src/reconcile';
import { type SnsQueryServer, startSnsQueryServer } from '../sns-query-server';
import {
  createRunLogTableSql,
  localDataClient,
  recordRunStarted,
  runStatement,
  silentNotifierDependencies,
  stubNotifierEnvironment,
} from '../support/local-notifier-harness';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow-nyc-taxi';
const config = parsePipelineConfig({
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'UTC' },
  target: { type: 'serverless', workgroupName: 'local', database: 'dev' },
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-copy',
});

let root: string;
let redshift: LocalRedshift;
let sns: SnsQueryServer;
let client: RedshiftDataClient;
const deliveries: { statementId: string; outcome: Promise<NotifyOutcome> }[] = [];
const delivered: string[] = [];

const notifier = () => silentNotifierDependencies('shiftflow-notifier-faults');

/** Runs SQL as the runner does; a run of the pipeline is recorded as its on-success destination records it. */
async function run(sql: string, statementName?: string): Promise<string> {
  const statementId = await runStatement(client, sql, statementName);
  if (statementName?.startsWith('nyc-taxi/')) await recordRunStarted(statementId, statementName);
  return statementId;
}

function publishesFor(statementId: string) {
  return sns.publishes.filter((publish) => publish.message?.includes(statementId));
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'notifier-faults-'));
  mkdirSync(path.join(root, 's3'));
  redshift = await startLocalRedshift({
    s3Root: path.join(root, 's3'),
    faults: {
      dropEvents: { statementNamePrefix: 'nyc-taxi/', states: ['FINISHED'], count: 1 },
      duplicateEvents: { statementNamePrefix: 'nyc-taxi/', states: ['FAILED'], count: 1 },
    },
  });
  // The event rule: every delivered event invokes the notifier, duplicates concurrently.
  redshift.onStatusChange((event) => {
    delivered.push(event.detail.statementId);
    deliveries.push({
      statementId: event.detail.statementId,
      outcome: notifyStatusChange(event, notifier()),
    });
  });
  sns = await startSnsQueryServer();
  client = localDataClient(redshift);
  stubNotifierEnvironment({
    redshift,
    snsEndpoint: sns.endpoint,
    config,
    topicArn,
    ledgerPath: path.join(root, 'ledger'),
  });
  await run(createRunLogTableSql, 'setup/log-table');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await sns?.close();
  await redshift?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('lost and duplicated completion events', () => {
  it('announces a lost event through the reconciler and a duplicated one once', async () => {
    const succeeded = await run(
      "INSERT INTO elt_run_log VALUES ('nyc_yellow_taxi', 7, CAST(CURRENT_TIMESTAMP AS TIMESTAMP))",
      'nyc-taxi/2026-11-30T16:00:00.000Z',
    );
    const failed = await run('SELECT 1 / 0', 'nyc-taxi/2026-12-01T16:00:00.000Z');
    await vi.waitFor(() => expect(delivered.filter((id) => id === failed)).toHaveLength(2), {
      timeout: 60_000,
    });
    const outcomes = await Promise.all(
      deliveries.filter((delivery) => delivery.statementId === failed).map((delivery) => delivery.outcome),
    );

    // The FINISHED event was lost, the FAILED one delivered twice: one announcement.
    expect(redshift.faultCounts()).toMatchObject({ droppedEvents: 1, duplicatedEvents: 1 });
    expect(delivered).not.toContain(succeeded);
    // Concurrent duplicates: one announces, the other finds the claim held (or already done).
    const statuses = outcomes.map((outcome) => outcome.status);
    expect(statuses.filter((status) => status === 'announced')).toHaveLength(1);
    expect(statuses.filter((status) => status !== 'announced')).toSatisfy(
      (rest: string[]) => rest.length === 1 && ['in-progress', 'already-announced'].includes(rest[0] ?? ''),
    );
    expect(publishesFor(failed)).toHaveLength(1);
    expect(publishesFor(succeeded)).toHaveLength(0);

    const report = await reconcile(notifier(), { lookbackHours: 1 });

    expect(report.announced).toEqual([succeeded]);
    expect(publishesFor(succeeded).map((publish) => publish.subject)).toEqual([
      '[shiftflow] nyc-taxi run succeeded (2026-11-30T16:00:00.000Z)',
    ]);
    expect(publishesFor(failed)).toHaveLength(1);
    expect((await reconcile(notifier(), { lookbackHours: 1 })).announced).toEqual([]);
    expect(sns.publishes).toHaveLength(2);
  });
});
