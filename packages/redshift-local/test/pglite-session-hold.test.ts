/**
 * PGlite has one connection: a kept-alive session whose transaction is open holds it, and the others
 * wait. So that no client can leave the engine unusable, a hold that keeps others waiting longer than
 * `sessionTransactionHoldMs` is rolled back: the waiting statements run, the session's next statement
 * fails saying why, and nothing of the rolled-back transaction stays. Driven at the engine seam with a
 * short limit (the Data API uses 60 s).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteEngine, type Engine, type EngineStatementOutcome, redshiftDialect } from '../src/index';

let root: string;
let engine: Engine;
let counter = 0;

function run(sql: string, sessionKey?: string): Promise<EngineStatementOutcome[]> {
  counter++;
  return engine.run({
    executionId: `hold-${counter}`,
    ...(sessionKey !== undefined ? { sessionKey } : {}),
    statements: [{ sql, values: [] }],
    transaction: false,
  });
}

async function one(sql: string, sessionKey?: string): Promise<EngineStatementOutcome> {
  const [outcome] = await run(sql, sessionKey);
  if (outcome === undefined) throw new Error(`no outcome for ${sql}`);
  return outcome;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-hold-'));
  engine = createPgliteEngine({
    dataDir: path.join(root, 'data'),
    s3Root: root,
    database: 'dev',
    setupSql: redshiftDialect.compatibilitySql,
    searchPath: redshiftDialect.searchPath,
    sessionTransactionHoldMs: 200,
  });
  await engine.open();
  expect((await one('create table held (id int)')).status).toBe('finished');
});

afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a PGlite session holding an open transaction', () => {
  it('is rolled back once it kept others waiting past the limit; its next statement says so', async () => {
    expect((await one('begin', 'idle')).status).toBe('finished');
    expect((await one('insert into held values (1)', 'idle')).status).toBe('finished');
    const waiting = await one('select count(*)::text from held');
    expect(waiting).toMatchObject({ status: 'finished', rows: [['0']] });
    const next = await one('commit', 'idle');
    expect(next.status).toBe('failed');
    expect(next.status === 'failed' ? next.message : '').toMatch(
      /open transaction was rolled back: it kept other statements waiting/,
    );
    expect(await one('select count(*)::text from held')).toMatchObject({ rows: [['0']] });
    expect((await one('select 1', 'idle')).status).toBe('finished');
  });

  it('keeps the others waiting while it commits in time, and its write stays', async () => {
    expect((await one('begin', 'quick')).status).toBe('finished');
    expect((await one('insert into held values (2)', 'quick')).status).toBe('finished');
    const other = one('select count(*)::text from held');
    expect((await one('commit', 'quick')).status).toBe('finished');
    expect(await other).toMatchObject({ status: 'finished', rows: [['1']] });
  });

  it('answers a detached request at once instead of holding it (and its caller) behind the transaction', async () => {
    expect((await one('begin', 'loading')).status).toBe('finished');
    expect((await one('insert into held values (4)', 'loading')).status).toBe('finished');
    counter++;
    const [answered] = await engine.run({
      executionId: `hold-${counter}`,
      statements: [{ sql: 'insert into held values (5)', values: [] }],
      transaction: false,
      detached: true,
    });
    expect(answered?.status).toBe('finished');
    expect((await one('commit', 'loading')).status).toBe('finished');
    expect(await one('select count(*)::text from held where id in (4, 5)')).toMatchObject({ rows: [['2']] });
  });

  it('ends a session: its transaction rolled back, its temp tables dropped, its name free again', async () => {
    expect((await one('create temp table mine as select 1 as v', 'ending')).status).toBe('finished');
    expect((await one('begin', 'ending')).status).toBe('finished');
    expect((await one('insert into held values (3)', 'ending')).status).toBe('finished');
    await engine.endSession('ending');
    expect(await one('select count(*)::text from held where id = 3')).toMatchObject({ rows: [['0']] });
    expect((await one('create temp table mine as select 2 as v', 'another')).status).toBe('finished');
  });
});
