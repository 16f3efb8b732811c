/**
 * PGlite runs PostgreSQL in single-user mode, where autovacuum never starts: without the worker's own
 * vacuum, a table replaced by DELETE + INSERT on every run (as the pipeline's run_elt_process does)
 * keeps every old copy of its rows and grows by its whole size each run. Driven at the engine seam.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteEngine, type Engine, type EngineStatementOutcome, redshiftDialect } from '../src/index';

let root: string;
let engine: Engine;
let counter = 0;

async function one(sql: string): Promise<EngineStatementOutcome & { status: 'finished' }> {
  counter++;
  const [outcome] = await engine.run({
    executionId: `vacuum-${counter}`,
    statements: [{ sql, values: [] }],
    transaction: false,
  });
  if (outcome?.status !== 'finished') throw new Error(`${sql}: ${JSON.stringify(outcome)}`);
  return outcome;
}

/** One run of the pipeline's pattern: copy the rows aside, DELETE them all, INSERT them back, in one transaction. */
const replaceRows = `begin;
create temp table staging as select * from trips;
delete from trips;
insert into trips select * from staging;
drop table staging;
commit;`;

/** 100 small requests: the worker checks for due vacuums at least every 100th request, whatever their duration. */
async function manySmallRequests(): Promise<void> {
  for (let index = 0; index < 100; index++) await one('select 1');
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-vacuum-'));
  engine = createPgliteEngine({
    dataDir: path.join(root, 'data'),
    s3Root: root,
    database: 'dev',
    setupSql: redshiftDialect.compatibilitySql,
    searchPath: redshiftDialect.searchPath,
  });
  await engine.open();
  await one(
    `create table trips as select g as id, md5(g::text) as note from pg_catalog.generate_series(1, 50000) as g`,
  );
});

afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a PGlite table whose rows are deleted and inserted again on every run', () => {
  it('is vacuumed between requests: old rows do not pile up and the table stops growing', async () => {
    const sizeOf = async () =>
      Number((await one(`select pg_catalog.pg_total_relation_size('trips')::text`)).rows[0]?.[0]);
    await one(replaceRows);
    await manySmallRequests();
    const afterFirstRun = await sizeOf();
    // Back to back, as the runs of a busy schedule or a benchmark come: each run is checked straight after
    // it ends, before the engine has flushed its statistics on its own (at most once a second).
    for (let run = 0; run < 3; run++) await one(replaceRows);
    const dead = await one(
      `select n_dead_tup::text from pg_catalog.pg_stat_user_tables where relname = 'trips'`,
    );
    // Without a vacuum: 200,000 dead rows (4 runs × 50,000) and a table four times its size.
    expect(Number(dead.rows[0]?.[0])).toBeLessThan(10_000);
    expect(await sizeOf()).toBeLessThanOrEqual(afterFirstRun * 1.2);
    expect((await one('select count(*)::text from trips')).rows).toEqual([['50000']]);
  });
});
