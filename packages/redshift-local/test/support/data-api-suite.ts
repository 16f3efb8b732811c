/**
 * The Data API suite, run through the real @aws-sdk/client-redshift-data against the local
 * endpoint. Defined once and run on each engine (PGlite always, PostgreSQL when a server starts).
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  DescribeTableCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  ListDatabasesCommand,
  ListSchemasCommand,
  ListSessionsCommand,
  ListStatementsCommand,
  ListTablesCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData, StatementAbortedError, StatementFailedError, sql } from '@shiftflow/data-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshiftOptions, StatementStatusChangeEnvelope } from '../../src/index';
import { type Fixture, startFixture } from './local-redshift-fixture';

async function finished(client: RedshiftDataClient, id: string) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const description = await client.send(new DescribeStatementCommand({ Id: id, WaitTimeSeconds: 20 }));
    if (['FINISHED', 'FAILED', 'ABORTED'].includes(description.Status ?? '')) return description;
  }
  throw new Error(`statement ${id} did not finish`);
}

async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

export function defineDataApiSuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`local Data API on ${engineName}`, () => {
    let fixture: Fixture;
    let client: RedshiftDataClient;
    const events: StatementStatusChangeEnvelope[] = [];
    const target = { WorkgroupName: 'local', Database: 'dev' };

    beforeAll(async () => {
      const engineOptions = options();
      if (engineOptions === undefined) return;
      fixture = await startFixture({ ...engineOptions, resultPageRows: 3 });
      client = fixture.client;
      fixture.redshift.onStatusChange((event) => events.push(event));
      await finished(
        client,
        (
          await client.send(
            new BatchExecuteStatementCommand({
              ...target,
              Sqls: [
                'drop table if exists items',
                'create table items (id int primary key, name varchar(20) not null, price numeric(10,2), weight float4, seen date, at timestamp, ok boolean, raw bytea)',
                `insert into items values (1, 'apple', 1.50, 0.25, '2024-01-02', '2024-01-02 03:04:05', true, '\\x0102'),
                  (2, 'pear', null, null, null, null, false, null), (3, 'fig', 3, 1.5, '2024-03-01', '2024-03-01 00:00:00', null, null),
                  (4, 'kiwi', 4, 2, '2024-04-01', '2024-04-01 00:00:00', true, null), (5, 'lime', 5, 2.5, '2024-05-01', '2024-05-01 00:00:00', true, null)`,
                `create or replace procedure slow_call(seconds float8) language plpgsql as $$ begin perform pg_sleep(seconds); insert into items values (99, 'slow', 0, 0, null, null, null, null); end $$`,
              ],
            }),
          )
        ).Id!,
      );
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('runs ExecuteStatement asynchronously and describes it with every field', async () => {
      const submitted = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'select id, name from items order by id',
          StatementName: 'describe-me',
        }),
      );
      expect(submitted.Id).toMatch(/^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/);
      expect(submitted.CreatedAt).toBeInstanceOf(Date);
      expect(submitted.WorkgroupName).toBe('local');
      const described = await finished(client, submitted.Id!);
      expect(described).toMatchObject({
        Id: submitted.Id,
        Status: 'FINISHED',
        QueryString: 'select id, name from items order by id',
        HasResultSet: true,
        ResultRows: 5,
        ResultFormat: 'JSON',
        Database: 'dev',
        WorkgroupName: 'local',
      });
      expect(described.Duration).toBeGreaterThanOrEqual(0);
      expect(described.ResultSize).toBeGreaterThan(0);
      expect(described.RedshiftQueryId).toBeGreaterThan(0);
      expect(described.RedshiftPid).toBeGreaterThan(0);
      expect(described.UpdatedAt!.getTime()).toBeGreaterThanOrEqual(described.CreatedAt!.getTime());
    });

    it('returns Field values and ColumnMetadata with Redshift type names, paged by NextToken', async () => {
      const { Id } = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'select id, name, price, weight, seen, at, ok, raw from items order by id',
        }),
      );
      await finished(client, Id!);
      const first = await client.send(new GetStatementResultCommand({ Id }));
      expect(first.TotalNumRows).toBe(5);
      expect(first.Records).toHaveLength(3);
      expect(first.ColumnMetadata?.map((column) => column.typeName)).toEqual([
        'int4',
        'varchar',
        'numeric',
        'float4',
        'date',
        'timestamp',
        'bool',
        'bytea',
      ]);
      expect(first.Records![0]).toEqual([
        { longValue: 1 },
        { stringValue: 'apple' },
        { stringValue: '1.50' },
        { doubleValue: 0.25 },
        { stringValue: '2024-01-02' },
        { stringValue: '2024-01-02 03:04:05' },
        { booleanValue: true },
        { blobValue: new Uint8Array([1, 2]) },
      ]);
      expect(first.Records![1]![2]).toEqual({ isNull: true });
      expect(first.NextToken).toBeTruthy();
      const second = await client.send(new GetStatementResultCommand({ Id, NextToken: first.NextToken }));
      expect(second.Records!.map((record) => record[0]?.longValue)).toEqual([4, 5]);
      expect(second.NextToken).toBeUndefined();
    });

    it('returns CSV through GetStatementResultV2 and refuses the JSON call for it', async () => {
      const { Id } = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: `select id, name, 'a,b' as quoted from items where id <= 2 order by id`,
          ResultFormat: 'CSV',
        }),
      );
      await finished(client, Id!);
      const result = await client.send(new GetStatementResultV2Command({ Id }));
      expect(result.ResultFormat).toBe('CSV');
      expect(result.Records).toEqual([{ CSVRecords: '1,apple,"a,b"\n2,pear,"a,b"\n' }]);
      const error = await rejection(client.send(new GetStatementResultCommand({ Id })));
      expect(error.name).toBe('ValidationException');
    });

    it('binds :name parameters as bind values, leaves :name in strings alone and applies the Data API rules', async () => {
      const { Id } = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: "select name, ':id' as literal from items where id = :id or name = :name -- :nothing",
          Parameters: [
            { name: 'id', value: '1' },
            { name: 'name', value: "pear' or '1'='1" },
          ],
        }),
      );
      await finished(client, Id!);
      const result = await client.send(new GetStatementResultCommand({ Id }));
      expect(result.Records).toEqual([[{ stringValue: 'apple' }, { stringValue: ':id' }]]);
      const unused = await rejection(
        client.send(
          new ExecuteStatementCommand({
            ...target,
            Sql: 'select 1',
            Parameters: [{ name: 'x', value: '1' }],
          }),
        ),
      );
      expect([unused.name, unused.message]).toEqual(['ValidationException', expect.stringContaining('x')]);
      const empty = await rejection(
        client.send(
          new ExecuteStatementCommand({
            ...target,
            Sql: 'select :x',
            Parameters: [{ name: 'x', value: '' }],
          }),
        ),
      );
      expect(empty.name).toBe('ValidationException');
      const badName = await rejection(
        client.send(
          new ExecuteStatementCommand({
            ...target,
            Sql: 'select :x',
            Parameters: [{ name: 'x-y', value: '1' }],
          }),
        ),
      );
      expect(badName.message).toContain('x-y');
    });

    it('reports SQL errors asynchronously as FAILED with "ERROR: …"', async () => {
      const { Id } = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select * from no_such_table' }),
      );
      const described = await finished(client, Id!);
      expect(described.Status).toBe('FAILED');
      expect(described.Error).toMatch(/^ERROR: relation "no_such_table" does not exist/);
      const error = await rejection(client.send(new GetStatementResultCommand({ Id })));
      expect(error.name).toBe('ResourceNotFoundException');
    });

    it('runs a TRANSACTION batch with sub-statements and rolls it back when one fails', async () => {
      const ok = await client.send(
        new BatchExecuteStatementCommand({
          ...target,
          Sqls: ['create temp table if not exists scratch (a int)', 'select count(*) from items'],
        }),
      );
      const described = await finished(client, ok.Id!);
      expect(described.Status).toBe('FINISHED');
      expect(described.SubStatements?.map((sub) => [sub.Id, sub.Status])).toEqual([
        [`${ok.Id}:1`, 'FINISHED'],
        [`${ok.Id}:2`, 'FINISHED'],
      ]);
      const count = await client.send(new GetStatementResultCommand({ Id: `${ok.Id}:2` }));
      expect(count.Records).toEqual([[{ longValue: 5 }]]);
      const sub = await client.send(new DescribeStatementCommand({ Id: `${ok.Id}:2` }));
      expect(sub).toMatchObject({ Id: `${ok.Id}:2`, Status: 'FINISHED', HasResultSet: true, ResultRows: 1 });

      const bad = await client.send(
        new BatchExecuteStatementCommand({
          ...target,
          Sqls: [
            "insert into items values (50, 'tx', 1, 1, null, null, null, null)",
            'select 1/0',
            'select 2',
          ],
        }),
      );
      const failed = await finished(client, bad.Id!);
      expect(failed.Status).toBe('FAILED');
      expect(failed.Error).toContain('division by zero');
      expect(failed.SubStatements?.map((item) => item.Status)).toEqual(['FINISHED', 'FAILED', 'ABORTED']);
      const check = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select count(*) from items where id = 50' }),
      );
      await finished(client, check.Id!);
      expect((await client.send(new GetStatementResultCommand({ Id: check.Id }))).Records).toEqual([
        [{ longValue: 0 }],
      ]);
    });

    it('keeps earlier statements of an AUTO_COMMIT batch when a later one fails', async () => {
      const batch = await client.send(
        new BatchExecuteStatementCommand({
          ...target,
          ExecutionMode: 'AUTO_COMMIT',
          Sqls: ["insert into items values (51, 'auto', 1, 1, null, null, null, null)", 'select 1/0'],
        }),
      );
      expect((await finished(client, batch.Id!)).Status).toBe('FAILED');
      const check = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select count(*) from items where id = 51' }),
      );
      await finished(client, check.Id!);
      expect((await client.send(new GetStatementResultCommand({ Id: check.Id }))).Records).toEqual([
        [{ longValue: 1 }],
      ]);
    });

    it('returns the same Id for the same ClientToken', async () => {
      const input = { ...target, Sql: 'select 1', ClientToken: 'a0b1c2d3-0000-4000-8000-000000000001' };
      const first = await client.send(new ExecuteStatementCommand(input));
      const second = await client.send(new ExecuteStatementCommand(input));
      expect(second.Id).toBe(first.Id);
      const other = await client.send(
        new ExecuteStatementCommand({ ...input, ClientToken: 'a0b1c2d3-0000-4000-8000-000000000002' }),
      );
      expect(other.Id).not.toBe(first.Id);
    });

    it('cancels a long CALL: ABORTED, its changes rolled back, and the engine still serves', async () => {
      const { Id } = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'call slow_call(30)',
          WithEvent: true,
          StatementName: 'slow',
        }),
      );
      for (let attempt = 0; attempt < 100; attempt++) {
        const status = (await client.send(new DescribeStatementCommand({ Id }))).Status;
        if (status === 'STARTED' || status === 'PICKED') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const cancelled = await client.send(new CancelStatementCommand({ Id }));
      expect(cancelled.Status).toBe(true);
      const described = await finished(client, Id!);
      expect(described.Status).toBe('ABORTED');
      expect(Date.now() - started).toBeLessThan(10_000);
      const again = await rejection(client.send(new CancelStatementCommand({ Id })));
      expect(again.name).toBe('ValidationException');
      const check = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select count(*) from items where id = 99' }),
      );
      expect((await finished(client, check.Id!)).Status).toBe('FINISHED');
      expect((await client.send(new GetStatementResultCommand({ Id: check.Id }))).Records).toEqual([
        [{ longValue: 0 }],
      ]);
      const event = events.find((item) => item.detail.statementId === Id);
      expect(event?.detail.state).toBe('ABORTED');
    });

    it('emits the full status-change envelope for FINISHED and FAILED statements run WithEvent', async () => {
      const ok = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'select id from items where id <= 5',
          WithEvent: true,
          StatementName: 'etl/ok',
        }),
      );
      const bad = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'select nope',
          WithEvent: true,
          StatementName: 'etl/bad',
        }),
      );
      const quiet = await client.send(new ExecuteStatementCommand({ ...target, Sql: 'select 1' }));
      await finished(client, ok.Id!);
      await finished(client, bad.Id!);
      await finished(client, quiet.Id!);
      const okEvent = events.find((event) => event.detail.statementId === ok.Id);
      expect(okEvent).toMatchObject({
        version: '0',
        'detail-type': 'Redshift Data Statement Status Change',
        source: 'aws.redshift-data',
        account: '123456789012',
        region: 'us-east-1',
        resources: ['arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/local'],
        detail: {
          principal: 'arn:aws:iam::123456789012:user/test',
          statementName: 'etl/ok',
          state: 'FINISHED',
          rows: 5,
        },
      });
      expect(okEvent!.detail.expireAt).toBe(Date.parse(okEvent!.time) / 1000 + 86400);
      expect(okEvent!.detail.redshiftQueryId).toBeGreaterThan(0);
      expect(events.find((event) => event.detail.statementId === bad.Id)?.detail.state).toBe('FAILED');
      expect(events.some((event) => event.detail.statementId === quiet.Id)).toBe(false);
    });

    it('lists statements by name prefix and status, newest first, FINISHED by default, with paging', async () => {
      const ids: string[] = [];
      for (const name of ['list/a', 'list/b', 'list/c']) {
        const { Id } = await client.send(
          new ExecuteStatementCommand({ ...target, Sql: 'select 1', StatementName: name }),
        );
        await finished(client, Id!);
        ids.push(Id!);
      }
      const failing = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select nope', StatementName: 'list/d' }),
      );
      await finished(client, failing.Id!);
      const page = await client.send(new ListStatementsCommand({ StatementName: 'list/', MaxResults: 2 }));
      expect(page.Statements?.map((statement) => statement.StatementName)).toEqual(['list/c', 'list/b']);
      const rest = await client.send(
        new ListStatementsCommand({ StatementName: 'list/', MaxResults: 2, NextToken: page.NextToken }),
      );
      expect(rest.Statements?.map((statement) => statement.Id)).toEqual([ids[0]]);
      expect(rest.NextToken).toBeUndefined();
      const all = await client.send(new ListStatementsCommand({ StatementName: 'list/', Status: 'ALL' }));
      expect(all.Statements).toHaveLength(4);
      const failed = await client.send(
        new ListStatementsCommand({ StatementName: 'list/', Status: 'FAILED' }),
      );
      expect(failed.Statements?.map((statement) => statement.Id)).toEqual([failing.Id]);
      expect(all.Statements?.[0]).toMatchObject({
        IsBatchStatement: false,
        QueryString: 'select nope',
        ResultFormat: 'JSON',
      });
    });

    it('lists databases, schemas and tables and describes a table', async () => {
      const databases = await client.send(new ListDatabasesCommand({ ...target }));
      expect(databases.Databases).toEqual(['dev']);
      const schemas = await client.send(new ListSchemasCommand({ ...target, SchemaPattern: 'pub%' }));
      expect(schemas.Schemas).toEqual(['public']);
      const tables = await client.send(
        new ListTablesCommand({ ...target, SchemaPattern: 'public', TablePattern: 'ite%' }),
      );
      expect(tables.Tables).toEqual([{ name: 'items', type: 'TABLE', schema: 'public' }]);
      const table = await client.send(
        new DescribeTableCommand({ ...target, Schema: 'public', Table: 'items' }),
      );
      expect(table.TableName).toBe('items');
      expect(table.ColumnList?.map((column) => [column.name, column.typeName, column.nullable])).toEqual([
        ['id', 'int4', 0],
        ['name', 'varchar', 0],
        ['price', 'numeric', 1],
        ['weight', 'float4', 1],
        ['seen', 'date', 1],
        ['at', 'timestamp', 1],
        ['ok', 'bool', 1],
        ['raw', 'bytea', 1],
      ]);
      expect(table.ColumnList?.[1]?.length).toBe(20);
      expect([table.ColumnList?.[2]?.precision, table.ColumnList?.[2]?.scale]).toEqual([10, 2]);
    });

    it('keeps a session: SessionKeepAliveSeconds returns a SessionId whose temp tables the next statement sees', async () => {
      const first = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'create temp table session_scratch as select 42 as answer',
          SessionKeepAliveSeconds: 60,
        }),
      );
      expect(first.SessionId).toMatch(/^[a-z0-9-]{36}$/);
      await finished(client, first.Id!);
      const second = await client.send(
        new ExecuteStatementCommand({
          Sql: 'select answer from session_scratch',
          SessionId: first.SessionId,
        }),
      );
      const described = await finished(client, second.Id!);
      expect(described).toMatchObject({ Status: 'FINISHED', SessionId: first.SessionId });
      expect((await client.send(new GetStatementResultCommand({ Id: second.Id }))).Records).toEqual([
        [{ longValue: 42 }],
      ]);
      const listed = await client.send(new ListSessionsCommand({ SessionId: first.SessionId }));
      expect(listed.Sessions).toEqual([
        expect.objectContaining({
          SessionId: first.SessionId,
          Status: 'AVAILABLE',
          SessionAliveSeconds: 60,
          Database: 'dev',
          WorkgroupName: 'local',
        }),
      ]);
      expect(listed.Sessions?.[0]?.SessionTtl?.getTime()).toBeGreaterThan(Date.now());
      const unknown = await rejection(
        client.send(
          new ExecuteStatementCommand({ Sql: 'select 1', SessionId: '00000000-0000-4000-8000-000000000000' }),
        ),
      );
      expect(unknown.name).toBe('ValidationException');
    });

    it('runs the statements of a session in submission order and cancels a queued one at once', async () => {
      const first = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'select pg_sleep(1.5), 1 as step',
          SessionKeepAliveSeconds: 60,
        }),
      );
      const second = await client.send(
        new ExecuteStatementCommand({ Sql: 'select 2 as step', SessionId: first.SessionId }),
      );
      const third = await client.send(
        new ExecuteStatementCommand({ Sql: 'select 3 as step', SessionId: first.SessionId }),
      );
      const busy = await client.send(new ListSessionsCommand({ Status: 'BUSY' }));
      expect(busy.Sessions?.find((session) => session.SessionId === first.SessionId)).toBeDefined();
      expect((await client.send(new DescribeStatementCommand({ Id: third.Id }))).Status).toBe('SUBMITTED');
      const started = Date.now();
      expect((await client.send(new CancelStatementCommand({ Id: second.Id }))).Status).toBe(true);
      expect(Date.now() - started).toBeLessThan(1000);
      expect((await finished(client, second.Id!)).Status).toBe('ABORTED');
      const thirdDone = await finished(client, third.Id!);
      const firstDone = await finished(client, first.Id!);
      expect([firstDone.Status, thirdDone.Status]).toEqual(['FINISHED', 'FINISHED']);
      expect(thirdDone.UpdatedAt!.getTime()).toBeGreaterThanOrEqual(firstDone.UpdatedAt!.getTime());
    });

    it('long-polls with WaitTimeSeconds on ExecuteStatement and DescribeStatement', async () => {
      const submitted = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select pg_sleep(0.3)', WaitTimeSeconds: 10 }),
      );
      expect(submitted.Status).toBe('FINISHED');
    });

    it('enforces the limits with the real exception names and statuses', async () => {
      const tooLong = await rejection(
        client.send(new ExecuteStatementCommand({ ...target, Sql: `select '${'x'.repeat(102_400)}'` })),
      );
      expect([tooLong.name, tooLong.$metadata?.httpStatusCode]).toEqual(['ValidationException', 400]);
      const tooMany = await rejection(
        client.send(
          new BatchExecuteStatementCommand({ ...target, Sqls: Array.from({ length: 41 }, () => 'select 1') }),
        ),
      );
      expect(tooMany.name).toBe('ValidationException');
      const missing = await rejection(
        client.send(new DescribeStatementCommand({ Id: '00000000-0000-4000-8000-000000000000' })),
      );
      expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(['ResourceNotFoundException', 400]);
      expect((missing as Error & { ResourceId?: string }).ResourceId).toBe(
        '00000000-0000-4000-8000-000000000000',
      );
      const noTarget = await rejection(
        client.send(new ExecuteStatementCommand({ Sql: 'select 1', Database: 'dev' })),
      );
      expect(noTarget.name).toBe('ValidationException');
    });

    it('COPYs gzip objects from local S3 (COPY … GZIP) through the endpoint', async () => {
      const directory = path.join(fixture.s3Root, 'bucket', 'gz');
      mkdirSync(directory, { recursive: true, mode: 0o755 });
      writeFileSync(path.join(directory, 'part-0.gz'), gzipSync('1|one\n2|\n'), { mode: 0o644 });
      writeFileSync(path.join(directory, 'part-1.gz'), gzipSync('3|three\n'), { mode: 0o644 });
      const batch = await client.send(
        new BatchExecuteStatementCommand({
          ...target,
          Sqls: [
            'create table gz_items (id int, name varchar(10)) diststyle even sortkey(id)',
            "copy gz_items from 's3://bucket/gz/' iam_role 'arn:aws:iam::123456789012:role/r' delimiter '|' gzip",
            'select id, name from gz_items order by id',
          ],
        }),
      );
      const described = await finished(client, batch.Id!);
      expect([described.Status, described.Error]).toEqual(['FINISHED', undefined]);
      const result = await client.send(new GetStatementResultCommand({ Id: `${batch.Id}:3` }));
      expect(result.Records).toEqual([
        [{ longValue: 1 }, { stringValue: 'one' }],
        [{ longValue: 2 }, { stringValue: '' }],
        [{ longValue: 3 }, { stringValue: 'three' }],
      ]);
    });

    it('works with @shiftflow/data-api: query, sql tag, batch, failure and abort errors', async () => {
      const data = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });
      const rows = await data.query<{ id: number; name: string }>(
        sql`select id, name from items where id <= ${2} order by id`,
      );
      expect(rows).toEqual([
        { id: 1, name: 'apple' },
        { id: 2, name: 'pear' },
      ]);
      await expect(data.query('select nope')).rejects.toBeInstanceOf(StatementFailedError);
      const handle = await data.execute('call slow_call(30)');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waiting = expect(data.wait(handle.id)).rejects.toBeInstanceOf(StatementAbortedError);
      await data.cancel(handle.id);
      await waiting;
    });
  });
}
