/**
 * Setup as migrations against the real local Redshift (PGlite engine behind the local Data API): the
 * repository's setup files applied once, an unchanged re-apply that touches nothing (the materialized view
 * keeps its oid), a changed repeatable file re-applied alone, a changed migration refused naming the file,
 * a timed-out batch cancelled, and a setup that meets an active ELT run failing or waiting.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { parsePipelineConfig } from '@shiftflow/events';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations';
import { SetupTimeoutError } from './errors';
import { SetupMigrationChangedError, SetupRunActiveError } from './migration-errors';
import { migrationsLedgerTable, readMigrationsLedger } from './migrations-ledger';
import type { SetupFile } from './read-setup-files';

const repository = new URL('../../../', import.meta.url);
const config = parsePipelineConfig(
  JSON.parse(readFileSync(new URL('shiftflow.config.json', repository), 'utf8')),
);
const files: SetupFile[] = config.setupFiles.map((name) => ({
  name,
  sql: readFileSync(new URL(name, repository), 'utf8'),
}));
const values = {
  sourceS3Uri: config.sourceS3Uri,
  redshiftIamRoleArn: config.redshiftIamRoleArn,
};
const viewFile = 'sql/setup/002_nyc_yellow_taxi_volume_analysis.sql';
const tableFile = 'sql/setup/001_nyc_yellow_taxi.sql';

let root: string;
let local: LocalRedshift;
let data: RedshiftData;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-migrations-'));
  local = await startLocalRedshift({ s3Root: path.join(root, 's3'), dataDir: path.join(root, 'data') });
  const client = new RedshiftDataClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  data = new RedshiftData({ client, target: { workgroupName: 'shiftflow', database: 'dev' } });
});

afterAll(async () => {
  await local?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const apply = (
  setupFiles: readonly SetupFile[],
  extra: Partial<Parameters<typeof applyMigrations>[0]> = {},
) =>
  applyMigrations({
    dataApi: data,
    pipelineName: config.name,
    files: setupFiles,
    values,
    appliedBy: 'apply-migrations.local.test',
    pollIntervalMs: 20,
    ...extra,
  });

const viewOid = async () =>
  (
    await data.query(
      `SELECT oid::text AS oid FROM pg_class WHERE relname = 'nyc_yellow_taxi_volume_analysis'`,
    )
  )[0]?.oid;

/** Error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('applyMigrations on the local Redshift', () => {
  it('applies the repository setup once and records each file in the ledger', async () => {
    const first = await apply(files);
    expect(first.applied.map((migration) => [migration.file.name, migration.kind])).toEqual([
      [tableFile, 'versioned'],
      [viewFile, 'repeatable'],
      ['sql/setup/003_elt_run_log.sql', 'versioned'],
      ['sql/setup/004_run_elt_process.sql', 'repeatable'],
    ]);
    const ledger = await readMigrationsLedger(data);
    expect(ledger.map((row) => [row.installedRank, row.file, row.checksum])).toEqual(
      first.applied.map((migration, index) => [index + 1, migration.file.name, migration.checksum]),
    );
    const appliedBy = await data.query(`SELECT DISTINCT applied_by FROM ${migrationsLedgerTable}`);
    expect(appliedBy).toEqual([{ applied_by: 'apply-migrations.local.test' }]);
    expect(await viewOid()).toBeDefined();
  });

  it('applies nothing the second time: no batch, the materialized view is the same object', async () => {
    const before = await viewOid();
    const again = await apply(files);
    expect(again.batchId).toBeUndefined();
    expect(again.plan.unchanged).toHaveLength(4);
    expect(await viewOid()).toBe(before);
    expect(await readMigrationsLedger(data)).toHaveLength(4);
  });

  it('re-applies a changed repeatable file alone, and records it', async () => {
    const before = await viewOid();
    const changed = files.map((file) =>
      file.name === viewFile
        ? {
            ...file,
            sql: file.sql.replace(
              'COUNT(1) AS total_trips',
              'COUNT(1) AS total_trips,\n  MAX(fare_amount) AS max_fare',
            ),
          }
        : file,
    );
    const result = await apply(changed);
    expect(result.applied.map((migration) => migration.file.name)).toEqual([viewFile]);
    expect(await viewOid()).not.toBe(before);
    const columns = await data.query(
      `SELECT attname FROM pg_attribute WHERE attrelid = 'nyc_yellow_taxi_volume_analysis'::regclass AND attname = 'max_fare'`,
    );
    expect(columns).toHaveLength(1);
    const ledger = await readMigrationsLedger(data);
    expect(ledger.at(-1)).toMatchObject({ installedRank: 5, file: viewFile, kind: 'repeatable' });
    // Back to the repository's file for the tests below (locally, older SQL is applied on purpose).
    expect((await apply(files)).applied.map((migration) => migration.file.name)).toEqual([viewFile]);
  });

  it('refuses a changed applied migration naming the file and both checksums, and applies nothing', async () => {
    const ledgerBefore = await readMigrationsLedger(data);
    const edited = files.map((file) =>
      file.name === tableFile
        ? { ...file, sql: file.sql.replace('vendorid VARCHAR(20)', 'vendorid VARCHAR(40)') }
        : file,
    );
    const error = await rejection(apply(edited));
    expect(error).toBeInstanceOf(SetupMigrationChangedError);
    const changed = error as SetupMigrationChangedError;
    expect(changed.file).toBe(tableFile);
    expect(changed.message).toContain(tableFile);
    expect(changed.message).toContain(
      ledgerBefore.find((row) => row.file === tableFile)?.checksum ?? 'missing',
    );
    expect(changed.message).toContain('new file');
    expect(await readMigrationsLedger(data)).toEqual(ledgerBefore);
  });

  it('cancels a batch that runs out of time: nothing of it committed, the ledger included', async () => {
    const slow = {
      name: 'sql/setup/009_slow.sql',
      sql: 'CREATE TABLE slow_marker (a INT);\nSELECT pg_sleep(600);\n',
    };
    const error = await rejection(apply([...files, slow], { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(SetupTimeoutError);
    const timeout = error as SetupTimeoutError;
    expect(timeout.cancelled).toBe(true);
    expect(timeout.message).toContain('cancelled it');
    await expect
      .poll(async () => (await data.describe(timeout.statementId)).status, { timeout: 60_000 })
      .toBe('ABORTED');
    const marker = await data.query(`SELECT relname FROM pg_class WHERE relname = 'slow_marker'`);
    expect(marker).toEqual([]);
    expect((await readMigrationsLedger(data)).map((row) => row.file)).not.toContain(slow.name);
  });

  it('fails naming the ELT run that is still active, and waits for one that ends', async () => {
    const added = { name: 'sql/setup/010_added.sql', sql: 'CREATE TABLE added_after_run (a INT);\n' };
    const run = await data.execute('SELECT pg_sleep(600)', {
      statementName: `${config.name}/manual/test-run`,
    });
    try {
      await expect
        .poll(async () => (await data.describe(run.id)).status, { timeout: 60_000 })
        .toBe('STARTED');
      const error = await rejection(apply([...files, added], { activeRunWait: { timeoutMs: 0 } }));
      expect(error).toBeInstanceOf(SetupRunActiveError);
      expect((error as SetupRunActiveError).statementId).toBe(run.id);
      expect((error as Error).message).toContain(`${config.name}/manual/test-run`);

      // Waiting: the run ends (cancelled here) while setup waits, then setup applies.
      const waited: string[] = [];
      const result = await apply([...files, added], {
        activeRunWait: {
          timeoutMs: 600_000,
          pollIntervalMs: 20,
          onWait: (active) => {
            waited.push(active.id);
            void data.cancel(active.id);
          },
        },
      });
      expect(waited).toEqual([run.id]);
      expect(result.applied.map((migration) => migration.file.name)).toEqual([added.name]);
    } finally {
      const status = (await data.describe(run.id)).status;
      if (status === 'STARTED' || status === 'SUBMITTED' || status === 'PICKED') await data.cancel(run.id);
    }
  });
});
