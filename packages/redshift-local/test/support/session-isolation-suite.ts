/**
 * Sessions and TRUNCATE as Redshift has them, through the real @aws-sdk/client-redshift-data over
 * HTTP: a statement without SessionId runs in a session of its own that ends with it; a session kept
 * with SessionKeepAliveSeconds keeps its own settings, temp tables and transaction, seen by no other;
 * a FINISHED write is never undone by another client; no client leaves the engine unusable for others;
 * TRUNCATE commits the transaction it runs in (top level, transaction block, stored procedure).
 * Defined once and run on each engine.
 */
import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListSessionsCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshiftOptions } from '../../src/index';
import { type Fixture, startFixture } from './local-redshift-fixture';

const target = { WorkgroupName: 'local', Database: 'dev' };

async function ended(client: RedshiftDataClient, id: string): Promise<DescribeStatementCommandOutput> {
  for (;;) {
    const description = await client.send(new DescribeStatementCommand({ Id: id, WaitTimeSeconds: 20 }));
    if (['FINISHED', 'FAILED', 'ABORTED'].includes(description.Status ?? '')) return description;
  }
}

export function defineSessionIsolationSuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`Data API sessions and TRUNCATE on ${engineName}`, () => {
    let fixture: Fixture;
    let client: RedshiftDataClient;

    /** Runs `sql` (in `sessionId`, or a session of its own) and waits for its end. */
    async function run(sql: string, sessionId?: string, keepAlive?: number) {
      const submitted = await client.send(
        new ExecuteStatementCommand({
          Sql: sql,
          ...(sessionId === undefined ? target : { SessionId: sessionId }),
          ...(keepAlive !== undefined ? { SessionKeepAliveSeconds: keepAlive } : {}),
        }),
      );
      const description = await ended(client, submitted.Id!);
      return { ...description, SessionId: submitted.SessionId ?? description.SessionId };
    }

    /** The single value `sql` returns, as text; fails the test when the statement does not finish. */
    async function value(sql: string, sessionId?: string): Promise<string | undefined> {
      const description = await run(sql, sessionId);
      expect(description.Status, description.Error).toBe('FINISHED');
      const result = await client.send(new GetStatementResultCommand({ Id: description.Id }));
      const field = result.Records?.[0]?.[0];
      if (field === undefined || field.isNull) return undefined;
      return field.stringValue ?? String(field.longValue ?? field.booleanValue ?? field.doubleValue);
    }

    /** Opens a session kept alive for `seconds`; returns its id. */
    async function openSession(seconds = 120): Promise<string> {
      const opened = await run('select 1', undefined, seconds);
      expect(opened.Status, opened.Error).toBe('FINISHED');
      return opened.SessionId!;
    }

    beforeAll(async () => {
      const engineOptions = options();
      if (engineOptions === undefined) return;
      fixture = await startFixture(engineOptions);
      client = fixture.client;
      for (const sql of [
        'create table if not exists ledger (id int, note varchar(20))',
        'create schema if not exists sales',
        'create table if not exists reloaded (id int)',
        'create table if not exists batch_target (id int)',
        'create table if not exists block_target (id int)',
        `create or replace procedure reload_then_fail() as $$
         begin
           truncate reloaded;
           insert into reloaded values (2);
           perform 1 / 0;
         end $$ language plpgsql`,
      ]) {
        const created = await run(sql);
        expect(created.Status, created.Error).toBe('FINISHED');
      }
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('ends a session-less statement with its session: temp tables dropped, settings and transaction gone', async () => {
      const temporary = await run('create temp table left_behind as select 1 as a');
      expect(temporary.Status, temporary.Error).toBe('FINISHED');
      const seen = await run('select a from left_behind');
      expect(seen.Status).toBe('FAILED');
      expect(seen.Error).toMatch(/left_behind/);

      const zone = await value("select current_setting('TimeZone')");
      expect((await run("set timezone to 'Asia/Tokyo'")).Status).toBe('FINISHED');
      expect(await value("select current_setting('TimeZone')")).toBe(zone);

      const path = await value("select current_setting('search_path')");
      expect((await run('set search_path to sales')).Status).toBe('FINISHED');
      expect(await value("select current_setting('search_path')")).toBe(path);

      const open = await run("begin; insert into ledger values (100, 'never committed')");
      expect(open.Status, open.Error).toBe('FINISHED');
      expect(await value('select count(*) from ledger where id = 100')).toBe('0');
    });

    it('lets no session-less BEGIN and failing statement poison the statements after it', async () => {
      expect((await run('begin')).Status).toBe('FINISHED');
      expect((await run('select 1 / 0')).Status).toBe('FAILED');
      expect(await value('select 42')).toBe('42');
    });

    it('resets SET SESSION AUTHORIZATION at the end of a session-less statement', async () => {
      const user = await value('select session_user');
      await run('create user session_probe_user');
      const switched = await run('set session authorization session_probe_user');
      expect(switched.Status, switched.Error).toBe('FINISHED');
      expect(await value('select session_user')).toBe(user);
    });

    it('keeps each session its own temp table of the same name, settings and RedshiftPid', async () => {
      const first = await openSession();
      const second = await openSession();
      expect((await run('create temp table scratch as select 1 as v', first)).Status).toBe('FINISHED');
      const other = await run('create temp table scratch as select 2 as v', second);
      expect(other.Status, other.Error).toBe('FINISHED');
      expect(await value('select v from scratch', first)).toBe('1');
      expect(await value('select v from scratch', second)).toBe('2');
      expect((await run('select v from scratch')).Status).toBe('FAILED');

      const zone = await value("select current_setting('TimeZone')");
      expect((await run("set timezone to 'Asia/Tokyo'", first)).Status).toBe('FINISHED');
      expect(await value("select current_setting('TimeZone')", second)).toBe(zone);
      expect(await value("select current_setting('TimeZone')")).toBe(zone);
      expect(await value("select current_setting('TimeZone')", first)).toBe('Asia/Tokyo');

      const pids = await Promise.all([
        run('select 1', first),
        run('select 1', first),
        run('select 1', second),
        run('select 1'),
      ]);
      const [a, b, c, d] = pids.map((description) => description.RedshiftPid);
      expect(a).toBe(b);
      expect(new Set([a, c, d]).size).toBe(3);
      expect(await value("select current_setting('shiftflow.session_pid')", first)).toBe(String(a));
    });

    it('resolves GETDATE and DATEADD after a session sets its search_path', async () => {
      const session = await openSession();
      expect((await run('set search_path to sales', session)).Status).toBe('FINISHED');
      expect(await value("select dateadd(day, 1, '2024-01-31'::date)::date", session)).toBe('2024-02-01');
      expect(await value('select getdate() is not null', session)).toBe('true');
      expect(await value('select current_schema()', session)).toBe('sales');
    });

    it('never lets another client undo a FINISHED write, and keeps a session transaction to itself', async () => {
      const session = await openSession();
      expect((await run('begin', session)).Status).toBe('FINISHED');
      expect((await run("insert into ledger values (1, 'in session')", session)).Status).toBe('FINISHED');
      // Another client writes while the session's transaction is open (on PGlite it waits for it).
      const other = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: "insert into ledger values (2, 'other client')" }),
      );
      const rolledBack = await run('rollback', session);
      expect(rolledBack.Status, rolledBack.Error).toBe('FINISHED');
      expect((await ended(client, other.Id!)).Status).toBe('FINISHED');
      expect((await run('rollback', session)).Status).toBe('FINISHED');
      expect(await value('select count(*) from ledger where id = 2')).toBe('1');
      expect(await value('select count(*) from ledger where id = 1')).toBe('0');
    });

    it("lets no session's failed transaction hold up other clients", async () => {
      const session = await openSession();
      expect((await run('begin', session)).Status).toBe('FINISHED');
      expect((await run('select 1 / 0', session)).Status).toBe('FAILED');
      expect(await value('select 7')).toBe('7');
      const rolledBack = await run('rollback', session);
      expect(rolledBack.Status, rolledBack.Error).toBe('FINISHED');
      expect(await value('select 8', session)).toBe('8');
    });

    it('ends an expired session: its open transaction rolled back, its temp table dropped', async () => {
      const session = await openSession(1);
      expect((await run('create temp table expiring as select 1 as v', session)).Status).toBe('FINISHED');
      expect((await run('begin', session)).Status).toBe('FINISHED');
      expect((await run("insert into ledger values (3, 'expires')", session)).Status).toBe('FINISHED');
      for (;;) {
        const listed = await client.send(new ListSessionsCommand({ SessionId: session }));
        if (listed.Sessions?.[0]?.Status === 'CLOSED') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await value('select count(*) from ledger where id = 3')).toBe('0');
      const again = await openSession();
      expect((await run('create temp table expiring as select 2 as v', again)).Status).toBe('FINISHED');
    });

    it('commits at a TRUNCATE inside a TRANSACTION batch: what follows runs in a new transaction', async () => {
      expect((await run('insert into batch_target values (0)')).Status).toBe('FINISHED');
      const batch = await client.send(
        new BatchExecuteStatementCommand({
          ...target,
          Sqls: [
            'insert into batch_target values (1)',
            'truncate batch_target',
            'insert into batch_target values (2)',
            'select 1 / 0',
          ],
        }),
      );
      expect((await ended(client, batch.Id!)).Status).toBe('FAILED');
      expect(await value('select count(*) from batch_target')).toBe('0');
    });

    it('commits at a TRUNCATE in a session transaction block: ROLLBACK cannot bring the rows back', async () => {
      expect((await run('insert into block_target values (1)')).Status).toBe('FINISHED');
      const session = await openSession();
      for (const sql of ['begin', 'insert into block_target values (2)', 'truncate block_target']) {
        const step = await run(sql, session);
        expect(step.Status, step.Error).toBe('FINISHED');
      }
      expect((await run('insert into block_target values (3)', session)).Status).toBe('FINISHED');
      expect((await run('rollback', session)).Status).toBe('FINISHED');
      expect(await value('select count(*) from block_target')).toBe('0');
    });

    it('commits at a TRUNCATE inside a stored procedure: a procedure that then fails leaves the table empty', async () => {
      expect((await run('insert into reloaded values (1)')).Status).toBe('FINISHED');
      const called = await run('call reload_then_fail()');
      expect(called.Status).toBe('FAILED');
      expect(called.Error).toMatch(/division by zero/);
      expect(await value('select count(*) from reloaded')).toBe('0');
    });
  });
}
