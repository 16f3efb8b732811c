import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RedshiftData } from '@shiftflow/data-api';
import { type RunnerSettings, runnerEnvironment } from '@shiftflow/events';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schedulerDefaultEvent from '../src/__fixtures__/scheduler-default-event.json';
import { applySetup } from '../src/apply-setup';
import { SetupStatementFailedError } from '../src/errors';
import { readSetupFiles } from '../src/read-setup-files';
import { type RunLogger, startEltRun } from '../src/start-elt-run';
import { localRedshiftDataApi, repository, repositoryConfig } from './local-redshift-data-api';

type StatusChange = Parameters<Parameters<LocalRedshift['onStatusChange']>[0]>[0];

const silentLogger: RunLogger = { info: () => {}, warn: () => {} };

/** Two pipe-delimited trips in January and one in February 2015, columns in the table's order. */
const trips = [
  '2015-01-05|2015-01-05 08:10:00|2015-01-05 08:25:00|1|1|2.5|12.5|15.8|1|1',
  '2015-01-20|2015-01-20 09:00:00|2015-01-20 09:30:00|1|2|7.5|24.5|30.84|2|2',
  '2015-02-03|2015-02-03 18:45:00|2015-02-03 19:00:00|1|1|1.25|7|10.3|1|1',
];

describe('the pipeline against the local Redshift (PGlite)', () => {
  let s3Root: string;
  let local: LocalRedshift;
  let dataApi: RedshiftData;
  const events: StatusChange[] = [];

  beforeAll(async () => {
    s3Root = mkdtempSync(path.join(tmpdir(), 'shiftflow-runner-'));
    const prefix = path.join(s3Root, 'shiftflow-sample', 'nyc_yellow_taxi_raw');
    mkdirSync(prefix, { recursive: true });
    writeFileSync(path.join(prefix, 'part-0000.txt'), `${trips.slice(0, 2).join('\n')}\n`);
    writeFileSync(path.join(prefix, 'part-0001.txt'), `${trips[2]}\n`);
    local = await startLocalRedshift({ s3Root });
    local.onStatusChange((event) => events.push(event));
    dataApi = localRedshiftDataApi(local);
  });

  afterAll(async () => {
    await local?.close();
    rmSync(s3Root, { recursive: true, force: true });
  });

  async function eventFor(statementId: string, timeoutMs = 30_000): Promise<StatusChange> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = events.find((candidate) => candidate.detail.statementId === statementId);
      if (event !== undefined) return event;
      if (Date.now() > deadline) throw new Error(`no status-change event for ${statementId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('applies the repository setup files twice (re-runnable)', async () => {
    const files = await readSetupFiles(repository, repositoryConfig.setupFiles);
    const first = await applySetup({ dataApi, files, values: repositoryConfig, pollIntervalMs: 20 });
    const second = await applySetup({ dataApi, files, values: repositoryConfig, pollIntervalMs: 20 });
    expect(first.statementCount).toBe(5);
    expect(second.sqlHash).toBe(first.sqlHash);
  });

  it('runs a scheduled load end to end: event FINISHED, rows logged, view refreshed', async () => {
    const settings: RunnerSettings = {
      pipelineName: repositoryConfig.name,
      target: repositoryConfig.target,
      eltSql: repositoryConfig.eltSql,
    };
    const result = await startEltRun(
      { source: 'shiftflow.scheduler', scheduledTime: '2026-11-30T16:00:00Z' },
      { dataApi, settings, logger: silentLogger },
    );
    expect(result.status).toBe('started');
    if (result.status !== 'started') return;
    const event = await eventFor(result.statementId);
    expect(event.detail).toMatchObject({
      state: 'FINISHED',
      statementName: 'nyc-taxi/2026-11-30T16:00:00.000Z',
    });

    const [log] = await dataApi.query<{ rows_loaded: bigint | number }>(
      "SELECT rows_loaded FROM elt_run_log WHERE table_name = 'nyc_yellow_taxi' ORDER BY loaded_at DESC LIMIT 1",
    );
    expect(Number(log?.rows_loaded)).toBe(3);
    const months = await dataApi.query<{
      pickup_month: unknown;
      total_trips: bigint | number;
      avg_distance: unknown;
    }>(
      'SELECT pickup_month, total_trips, avg_distance FROM nyc_yellow_taxi_volume_analysis ORDER BY pickup_month',
    );
    expect(months.map((month) => Number(month.total_trips))).toEqual([2, 1]);
    expect(Number(months[0]?.avg_distance)).toBe(5);
  });

  it('sends the same ClientToken on a retried invocation and starts no second statement', async () => {
    const settings: RunnerSettings = {
      pipelineName: repositoryConfig.name,
      target: repositoryConfig.target,
      eltSql: repositoryConfig.eltSql,
    };
    const input = { source: 'shiftflow.scheduler', scheduledTime: '2026-11-30T16:00:00Z' };
    const retried = await startEltRun(input, { dataApi, settings, logger: silentLogger });
    const first = events.find((event) => event.detail.statementName === 'nyc-taxi/2026-11-30T16:00:00.000Z');
    expect(retried.status === 'started' && retried.statementId).toBe(first?.detail.statementId);
  });

  it('reports a failing procedure as FAILED with the error text', async () => {
    const files = await readSetupFiles(repository, repositoryConfig.setupFiles);
    await applySetup({
      dataApi,
      files,
      values: { ...repositoryConfig, sourceS3Uri: 's3://shiftflow-sample/missing_prefix/' },
      pollIntervalMs: 20,
    });
    const settings: RunnerSettings = {
      pipelineName: repositoryConfig.name,
      target: repositoryConfig.target,
      eltSql: repositoryConfig.eltSql,
    };
    const result = await startEltRun(
      { source: 'shiftflow.manual', reason: 'test a failing load', runTime: '2026-12-01T09:00:00Z' },
      { dataApi, settings, logger: silentLogger },
    );
    if (result.status !== 'started') throw new Error(`run was ${result.status}`);
    const event = await eventFor(result.statementId);
    expect(event.detail.state).toBe('FAILED');
    const description = await dataApi.describe(result.statementId);
    expect(description.error).toMatch(/missing_prefix/);
  });

  it('skips a run while another statement of the pipeline is still running', async () => {
    const settings: RunnerSettings = {
      pipelineName: repositoryConfig.name,
      target: repositoryConfig.target,
      eltSql: repositoryConfig.eltSql,
    };
    const blocker = await dataApi.execute('SELECT pg_sleep(3)', {
      statementName: 'nyc-taxi/manual/2026-12-02T00:00:00.000Z',
    });
    const result = await startEltRun(
      { source: 'shiftflow.scheduler', scheduledTime: '2026-12-02T16:00:00Z' },
      { dataApi, settings, logger: silentLogger },
    );
    expect(result).toMatchObject({ status: 'skipped', activeStatementId: blocker.id });
    await dataApi.wait(blocker.id, { timeoutMs: 30_000 });
  });

  it('runs the bundled Lambda handler with only environment variables pointing at the local endpoint', async () => {
    const files = await readSetupFiles(repository, repositoryConfig.setupFiles);
    await applySetup({ dataApi, files, values: repositoryConfig, pollIntervalMs: 20 });
    const saved = { ...process.env };
    Object.assign(process.env, runnerEnvironment(repositoryConfig), local.environment, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    try {
      const bundle: { handler: (event: unknown) => Promise<{ status: string; statementId?: string }> } =
        await import(path.join(import.meta.dirname, '../dist/lambda/index.mjs'));
      const result = await bundle.handler({ ...schedulerDefaultEvent, time: '2026-12-03T16:00:00Z' });
      expect(result.status).toBe('started');
      const event = await eventFor(result.statementId ?? '');
      expect(event.detail).toMatchObject({
        state: 'FINISHED',
        statementName: 'nyc-taxi/2026-12-03T16:00:00.000Z',
      });
    } finally {
      process.env = saved;
    }
  });

  it('applies the setup through the bundled custom-resource handlers (onEvent, then isComplete) as migrations, once', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, local.environment, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    try {
      const bundle: {
        onEvent: (event: unknown) => Promise<{ PhysicalResourceId: string; Data: Record<string, unknown> }>;
        isComplete: (event: unknown) => Promise<{ IsComplete: boolean }>;
      } = await import(path.join(import.meta.dirname, '../dist/setup/index.mjs'));
      const request = {
        RequestType: 'Update',
        PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
        ResourceProperties: {
          PipelineName: repositoryConfig.name,
          Target: repositoryConfig.target,
          Files: await readSetupFiles(repository, repositoryConfig.setupFiles),
          Values: {
            sourceS3Uri: repositoryConfig.sourceS3Uri,
            redshiftIamRoleArn: repositoryConfig.redshiftIamRoleArn,
          },
        },
      };
      const submitted = await bundle.onEvent(request);
      expect(submitted.PhysicalResourceId).toBe('shiftflow-setup/nyc-taxi');
      let complete = false;
      for (let attempt = 0; attempt < 100 && !complete; attempt++) {
        ({ IsComplete: complete } = await bundle.isComplete({ ...request, ...submitted }));
        if (!complete) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(complete).toBe(true);
      const batch = await dataApi.describe(String(submitted.Data.StatementId));
      expect(batch.status).toBe('FINISHED');
      // The 5 statements of the setup files, then the migrations ledger INSERT, in one transaction.
      expect(batch.subStatements).toHaveLength(6);
      const ledger = await dataApi.query(
        'SELECT file, kind FROM shiftflow_schema_migrations ORDER BY installed_rank',
      );
      expect(ledger.map((row) => `${row.file} ${row.kind}`)).toEqual([
        'sql/setup/001_nyc_yellow_taxi.sql versioned',
        'sql/setup/002_nyc_yellow_taxi_volume_analysis.sql repeatable',
        'sql/setup/003_elt_run_log.sql versioned',
        'sql/setup/004_run_elt_process.sql repeatable',
      ]);
      // The same properties again (an unchanged Update): nothing to apply, no batch.
      const again = await bundle.onEvent(request);
      expect(again.Data).toEqual({ StatementCount: 0, Applied: '' });
      expect((await bundle.isComplete({ ...request, ...again })).IsComplete).toBe(true);
    } finally {
      process.env = saved;
    }
  });

  it('names the file and statement of a failing setup', async () => {
    const files = [
      {
        name: 'sql/setup/999_broken.sql',
        sql: 'CREATE TABLE IF NOT EXISTS ok_table (a INT);\nSELECT * FROM no_such_table;',
      },
    ];
    const error = await applySetup({ dataApi, files, values: repositoryConfig, pollIntervalMs: 20 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SetupStatementFailedError);
    expect(error).toMatchObject({ file: 'sql/setup/999_broken.sql', statementNumber: 2 });
    expect((error as Error).message).toMatch(/no_such_table/);
  });
});
