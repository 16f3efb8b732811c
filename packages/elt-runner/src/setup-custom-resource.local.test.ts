/**
 * The setup custom resource's onEvent/isComplete against the real local Redshift: what a deploy, an
 * unchanged update, a rollback and a changed migration do to the warehouse and its migrations ledger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { dataApiTargetOf, type PipelineTarget } from '@shiftflow/events';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SetupMigrationChangedError, SetupRunActiveError } from './migration-errors';
import { readMigrationsLedger } from './migrations-ledger';
import { isSetupComplete, onSetupEvent, type SetupResourceEvent } from './setup-custom-resource';

let root: string;
let local: LocalRedshift;
let client: RedshiftDataClient;
const dataApiFor = (target: PipelineTarget) => new RedshiftData({ client, target: dataApiTargetOf(target) });

const table = { name: 'sql/setup/001_t.sql', sql: 'CREATE TABLE IF NOT EXISTS t (a INT);' };
const procedure = (body: string) => ({
  name: 'sql/setup/002_p.sql',
  sql: `-- shiftflow:repeatable\nCREATE OR REPLACE PROCEDURE p() AS $$ BEGIN ${body} END; $$ LANGUAGE plpgsql;`,
});
const properties = (files: readonly { name: string; sql: string }[]) => ({
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider',
  PipelineName: 'nyc-taxi',
  Target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
  Files: files,
  Values: {
    sourceS3Uri: 's3://shiftflow-sample/raw/',
    redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/copy',
  },
  SqlHash: 'abc',
  TimeoutSeconds: '1500',
  ActiveRunWaitSeconds: '0',
});

/** onEvent, then isComplete until it is complete, as the provider framework does. */
async function deploy(event: SetupResourceEvent, log: string[] = []) {
  const submitted = await onSetupEvent(event, dataApiFor, (message) => log.push(message));
  const withData = { ...event, Data: submitted.Data };
  for (;;) {
    const state = await isSetupComplete(withData, dataApiFor);
    if (state.IsComplete) return submitted;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const procedureSource = async () =>
  (
    await dataApiFor(properties([]).Target as PipelineTarget).query(
      `SELECT prosrc FROM pg_proc WHERE proname = 'p'`,
    )
  )[0]?.prosrc;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-setup-resource-'));
  local = await startLocalRedshift({ s3Root: path.join(root, 's3'), dataDir: path.join(root, 'data') });
  client = new RedshiftDataClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  await local?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the setup custom resource on the local Redshift', () => {
  const v1 = [table, procedure('PERFORM 1;')];
  const v2 = [table, procedure('PERFORM 2;')];
  const ledger = () => readMigrationsLedger(dataApiFor(properties([]).Target as PipelineTarget));

  it('Create applies every file and records it; an unchanged Update submits nothing', async () => {
    const created = await deploy({ RequestType: 'Create', ResourceProperties: properties(v1) });
    expect(created.PhysicalResourceId).toBe('shiftflow-setup/nyc-taxi');
    expect(created.Data).toMatchObject({
      Applied: 'sql/setup/001_t.sql\nsql/setup/002_p.sql',
      StatementCount: 3,
    });
    expect((await ledger()).map((row) => row.file)).toEqual(['sql/setup/001_t.sql', 'sql/setup/002_p.sql']);

    const log: string[] = [];
    const unchanged = await deploy(
      {
        RequestType: 'Update',
        ResourceProperties: properties(v1),
        PhysicalResourceId: created.PhysicalResourceId,
      },
      log,
    );
    expect(unchanged.Data).toEqual({ StatementCount: 0, Applied: '' });
    expect(log).toEqual(['nothing to apply: 2 setup file(s) already applied as they are']);
    expect(await ledger()).toHaveLength(2);
  });

  it('an Update applies the changed repeatable file alone; the rollback that follows puts nothing back and says so', async () => {
    const updated = await deploy({
      RequestType: 'Update',
      ResourceProperties: properties(v2),
      PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
    });
    expect(updated.Data.Applied).toBe('sql/setup/002_p.sql');
    expect(await procedureSource()).toContain('PERFORM 2;');

    // A later resource failed: CloudFormation rolls back with the previous properties, as an Update.
    const log: string[] = [];
    const rollback = await deploy(
      {
        RequestType: 'Update',
        ResourceProperties: properties(v1),
        PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
      },
      log,
    );
    expect(rollback.Data).toEqual({ StatementCount: 0, Applied: '' });
    expect(log[0]).toContain('sql/setup/002_p.sql: not re-applied');
    expect(log[0]).toContain('never puts older SQL back');
    expect(await procedureSource()).toContain('PERFORM 2;');
    expect(await ledger()).toHaveLength(3);
  });

  it('a Create (not a rollback) with a new procedure applies it', async () => {
    const created = await deploy({
      RequestType: 'Create',
      ResourceProperties: properties([table, procedure('PERFORM 3;')]),
    });
    expect(created.Data.Applied).toBe('sql/setup/002_p.sql');
    expect(await procedureSource()).toContain('PERFORM 3;');
  });

  it('fails the deploy naming a changed applied migration, applying nothing', async () => {
    const before = await ledger();
    const edited = [
      { ...table, sql: 'CREATE TABLE IF NOT EXISTS t (a INT, b INT);' },
      procedure('PERFORM 4;'),
    ];
    const error = await onSetupEvent(
      {
        RequestType: 'Update',
        ResourceProperties: properties(edited),
        PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
      },
      dataApiFor,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SetupMigrationChangedError);
    expect((error as Error).message).toMatch(
      /setup migration sql\/setup\/001_t\.sql \(applied .* with sha256 [0-9a-f]{64}, now sha256 [0-9a-f]{64}\)/,
    );
    expect(await ledger()).toEqual(before);
    expect(await procedureSource()).toContain('PERFORM 3;');
  });

  it('while an ELT run is active: fails when something is to be applied, succeeds when nothing is', async () => {
    // ListStatements reports a run of the pipeline as STARTED (a real one would hold the one PGlite connection).
    const busyDataApiFor = (target: PipelineTarget) => {
      const real = dataApiFor(target);
      return Object.assign(real, {
        async *listStatements() {
          yield {
            id: 'run-1',
            statementName: 'nyc-taxi/2026-12-06T06:00:00.000Z',
            status: 'STARTED' as const,
          };
        },
      });
    };
    const log: string[] = [];
    const pending = onSetupEvent(
      {
        RequestType: 'Update',
        ResourceProperties: properties([table, procedure('PERFORM 5;')]),
        PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
      },
      busyDataApiFor,
      (message) => log.push(message),
    );
    await expect(pending).rejects.toThrow(SetupRunActiveError);
    await expect(pending).rejects.toThrow(
      /ELT run nyc-taxi\/2026-12-06T06:00:00\.000Z \(statement run-1\) is still STARTED/,
    );
    expect(await procedureSource()).toContain('PERFORM 3;');

    const nothing = await onSetupEvent(
      {
        RequestType: 'Update',
        ResourceProperties: properties([table, procedure('PERFORM 3;')]),
        PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
      },
      busyDataApiFor,
      (message) => log.push(message),
    );
    expect(nothing.Data).toEqual({ StatementCount: 0, Applied: '' });
    expect(log).toContain('nothing to apply, so not waiting for ELT run nyc-taxi/2026-12-06T06:00:00.000Z');
  });
});
