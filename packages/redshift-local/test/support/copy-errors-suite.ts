/**
 * COPY's load errors as Redshift reports them, through the real @aws-sdk/client-redshift-data over
 * HTTP: a load with a bad row FAILS with Redshift's message, rolls back, and leaves one row per rejected
 * line in stl_load_errors and sys_load_error_detail, keyed by the statement's RedshiftPid and
 * RedshiftQueryId; MAXERROR skips and records up to that many rows; the rows stay when the COPY runs in a
 * stored procedure or a failed transaction batch; GZIP, BZIP2, ZSTD and LZOP objects load. Defined once
 * and run on each engine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  type Field,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshiftOptions } from '../../src/index';
import { type Fixture, startFixture } from './local-redshift-fixture';

const target = { WorkgroupName: 'local', Database: 'dev' };

/** Redshift's message for a failed load (its JDBC/Python drivers show it with SQLSTATE XX000). */
export const loadFailedMessage = (table: string) =>
  `ERROR: Load into table '${table}' failed.  Check 'stl_load_errors' system table for details.`;

/** Five lines for `trips (id int, vendor varchar(3), fare numeric(6,2), day date)`: lines 3 and 5 are bad. */
export const tripsWithTwoBadLines = [
  '1|ABC|10.50|2024-01-01',
  '2|DEF|11.00|2024-01-02',
  'x3|GHI|12.00|2024-01-03',
  '4|JKL|13.00|2024-01-04',
  '5|MN',
].join('\n');

/** Compresses `text` with a machine program (`bzip2`, `lzop`); fails the test naming what to install. */
export function compressWithProgram(program: 'bzip2' | 'lzop', text: string): Buffer {
  const result = spawnSync(program, ['-c'], { input: text });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      `this test needs the ${program} program (Debian: apt-get install ${program}): ${result.error?.message ?? result.stderr}`,
    );
  }
  return result.stdout;
}

function fieldValue(field: Field | undefined): string | number | boolean | null {
  if (field === undefined || field.isNull) return null;
  return field.stringValue ?? field.longValue ?? field.doubleValue ?? field.booleanValue ?? null;
}

export function defineCopyErrorsSuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`COPY load errors on ${engineName}`, () => {
    let fixture: Fixture;
    let client: RedshiftDataClient;

    async function ended(id: string): Promise<DescribeStatementCommandOutput> {
      for (;;) {
        const description = await client.send(new DescribeStatementCommand({ Id: id, WaitTimeSeconds: 20 }));
        if (['FINISHED', 'FAILED', 'ABORTED'].includes(description.Status ?? '')) return description;
      }
    }

    async function run(sql: string) {
      const submitted = await client.send(new ExecuteStatementCommand({ ...target, Sql: sql }));
      return ended(submitted.Id!);
    }

    /** The rows `sql` returns, each as an object of its column names. */
    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      const description = await run(sql);
      expect(description.Status, description.Error).toBe('FINISHED');
      const result = await client.send(new GetStatementResultCommand({ Id: description.Id }));
      const names = (result.ColumnMetadata ?? []).map((column) => column.name ?? '');
      return (result.Records ?? []).map((record) =>
        Object.fromEntries(names.map((name, index) => [name, fieldValue(record[index])])),
      );
    }

    function writeObject(key: string, body: string | Buffer): void {
      const file = path.join(fixture.s3Root, 'loads', key);
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
      writeFileSync(file, body, { mode: 0o644 });
    }

    const loadErrorsOf = (queryId: number) =>
      rows(`select session, query, trim(filename) as filename, line_number, trim(colname) as colname,
                   trim(type) as type, trim(col_length) as col_length, position, trim(raw_line) as raw_line,
                   trim(raw_field_value) as raw_field_value, err_code, trim(err_reason) as err_reason
            from stl_load_errors where query = ${queryId} order by line_number`);

    beforeAll(async () => {
      const engine = options();
      if (engine === undefined) throw new Error(`${engineName} engine unavailable`);
      fixture = await startFixture(engine);
      client = fixture.client;
      writeObject('bad/trips.txt', tripsWithTwoBadLines);
      const create = await run(
        "create table trips (id int, vendor varchar(3), fare numeric(6,2), day date); insert into trips values (0, 'OLD', 1, null)",
      );
      expect(create.Status, create.Error).toBe('FINISHED');
    });

    afterAll(async () => fixture?.dispose());

    it("fails a load with a bad row with Redshift's message, rolls it back and records the row with the statement's ids", async () => {
      const copy = await run(`copy trips from 's3://loads/bad/' iam_role default delimiter '|'`);

      expect(copy.Status).toBe('FAILED');
      expect(copy.Error).toBe(loadFailedMessage('trips'));
      expect(await rows('select count(*) as n from trips')).toEqual([{ n: 1 }]);
      expect(await loadErrorsOf(copy.RedshiftQueryId!)).toEqual([
        {
          session: copy.RedshiftPid,
          query: copy.RedshiftQueryId,
          filename: 's3://loads/bad/trips.txt',
          line_number: 3,
          colname: 'id',
          type: 'int4',
          col_length: '0',
          position: 0,
          raw_line: 'x3|GHI|12.00|2024-01-03',
          raw_field_value: 'x3',
          err_code: 1207,
          err_reason: "Invalid digit, Value 'x', Pos 0, Type: Integer",
        },
      ]);
    });

    it('fills sys_load_error_detail with the same row, found by session_id and start_time as a notifier does', async () => {
      const copy = await run(`copy trips from 's3://loads/bad/trips.txt' delimiter '|'`);
      const found = await rows(
        `select user_id, query_id, session_id, trim(database_name) as database_name, table_id, trim(file_name) as file_name,
                line_number, trim(column_name) as column_name, trim(column_type) as column_type, error_code,
                trim(error_message) as error_message, start_time::text as start_time
         from sys_load_error_detail
         where session_id = ${copy.RedshiftPid} and query_id = ${copy.RedshiftQueryId}`,
      );
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        query_id: copy.RedshiftQueryId,
        session_id: copy.RedshiftPid,
        file_name: 's3://loads/bad/trips.txt',
        line_number: 3,
        column_name: 'id',
        column_type: 'int4',
        error_code: 1207,
        error_message: "Invalid digit, Value 'x', Pos 0, Type: Integer",
      });
      const startTime = Date.parse(`${String(found[0]?.start_time).replace(' ', 'T')}Z`);
      expect(startTime).toBeGreaterThanOrEqual(copy.CreatedAt!.getTime() - 1000);
      expect(startTime).toBeLessThanOrEqual(copy.UpdatedAt!.getTime() + 1000);
    });

    it('MAXERROR 2 skips and records the two bad rows and loads the rest; MAXERROR 1 fails recording both', async () => {
      const tolerated = await run(`copy trips from 's3://loads/bad/' delimiter '|' maxerror 2`);
      expect(tolerated.Status, tolerated.Error).toBe('FINISHED');
      expect(await rows('select id from trips where id > 0 order by id')).toEqual([
        { id: 1 },
        { id: 2 },
        { id: 4 },
      ]);
      const skipped = await loadErrorsOf(tolerated.RedshiftQueryId!);
      expect(
        skipped.map((row) => [
          row.line_number,
          row.colname,
          row.err_code,
          row.err_reason,
          row.raw_field_value,
        ]),
      ).toEqual([
        [3, 'id', 1207, "Invalid digit, Value 'x', Pos 0, Type: Integer", 'x3'],
        [5, 'vendor', 1214, 'Delimiter not found', 'MN'],
      ]);

      const failed = await run(`copy trips from 's3://loads/bad/' delimiter '|' maxerror as 1`);
      expect(failed.Status).toBe('FAILED');
      expect(failed.Error).toBe(loadFailedMessage('trips'));
      expect((await loadErrorsOf(failed.RedshiftQueryId!)).map((row) => row.line_number)).toEqual([3, 5]);
      expect(await rows('select count(*) as n from trips where id > 0')).toEqual([{ n: 3 }]);
      await run('delete from trips where id > 0');
    });

    it('keeps the rows of a COPY that fails inside a stored procedure, even one that catches the error', async () => {
      const created = await run(`create or replace procedure load_trips(swallow boolean) as $$
        begin
          if swallow then
            begin
              copy trips from 's3://loads/bad/' delimiter '|';
            exception when others then
              raise info 'load failed: %', sqlerrm;
            end;
          else
            copy trips from 's3://loads/bad/' delimiter '|';
          end if;
        end $$ language plpgsql`);
      expect(created.Status, created.Error).toBe('FINISHED');

      const failing = await run('call load_trips(false)');
      expect(failing.Status).toBe('FAILED');
      expect(failing.Error).toBe(loadFailedMessage('trips'));
      expect(
        (await loadErrorsOf(failing.RedshiftQueryId!)).map((row) => [row.session, row.line_number]),
      ).toEqual([[failing.RedshiftPid, 3]]);

      const swallowed = await run('call load_trips(true)');
      expect(swallowed.Status, swallowed.Error).toBe('FINISHED');
      expect((await loadErrorsOf(swallowed.RedshiftQueryId!)).map((row) => row.raw_line)).toEqual([
        'x3|GHI|12.00|2024-01-03',
      ]);
    });

    it('keeps the rows of a COPY in a failed transaction batch, under the sub-statement that ran it', async () => {
      const submitted = await client.send(
        new BatchExecuteStatementCommand({
          ...target,
          Sqls: [
            `insert into trips values (9, 'NEW', 1, null)`,
            `copy trips from 's3://loads/bad/' delimiter '|'`,
          ],
        }),
      );
      const batch = await ended(submitted.Id!);
      expect(batch.Status).toBe('FAILED');
      const copySub = batch.SubStatements?.[1];
      expect(copySub?.Status).toBe('FAILED');
      expect(copySub?.Error).toBe(loadFailedMessage('trips'));
      expect(await rows('select count(*) as n from trips where id = 9')).toEqual([{ n: 0 }]);
      expect(
        (await loadErrorsOf(copySub!.RedshiftQueryId!)).map((row) => [row.session, row.line_number]),
      ).toEqual([[batch.RedshiftPid, 3]]);
    });

    it('records the rows of a COPY that fails in the open transaction of a kept-alive session', async () => {
      const begun = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'begin', SessionKeepAliveSeconds: 60 }),
      );
      expect((await ended(begun.Id!)).Status).toBe('FINISHED');
      const submitted = await client.send(
        new ExecuteStatementCommand({
          SessionId: begun.SessionId,
          Sql: `copy trips from 's3://loads/bad/' delimiter '|'`,
        }),
      );
      const copy = await ended(submitted.Id!);
      expect(copy.Error).toBe(loadFailedMessage('trips'));
      expect(
        (await loadErrorsOf(copy.RedshiftQueryId!)).map((row) => [row.session, row.line_number]),
      ).toEqual([[copy.RedshiftPid, 3]]);
      const rolledBack = await client.send(
        new ExecuteStatementCommand({ SessionId: begun.SessionId, Sql: 'rollback' }),
      );
      expect(['FINISHED', 'FAILED']).toContain((await ended(rolledBack.Id!)).Status);
    });

    it('reports a CSV record over several lines at its first line, with its quoted fields unquoted', async () => {
      writeObject(
        'csv/trips.csv',
        'id,vendor,fare,day\n1,"A,B",1.00,2024-01-01\n2,"two\nlines",2.00,2024-01-02\n',
      );
      const copy = await run(`copy trips from 's3://loads/csv/trips.csv' csv ignoreheader 1`);
      expect(copy.Error).toBe(loadFailedMessage('trips'));
      expect(
        (await loadErrorsOf(copy.RedshiftQueryId!)).map((row) => [
          row.line_number,
          row.colname,
          row.err_code,
          row.raw_field_value,
        ]),
      ).toEqual([[3, 'vendor', 1204, 'two\nlines']]);
    });

    it.each([
      ['gzip', () => gzipSync('21|GZ|1.00|2024-02-01\n')],
      ['bzip2', () => compressWithProgram('bzip2', '22|BZ|1.00|2024-02-02\n')],
      ['zstd', () => zstdCompressSync('23|ZS|1.00|2024-02-03\n')],
      ['lzop', () => compressWithProgram('lzop', '24|LZ|1.00|2024-02-04\n')],
    ] as const)('loads a %s object', async (compression, body) => {
      writeObject(`compressed/${compression}/part-0`, body());
      const copy = await run(
        `copy trips from 's3://loads/compressed/${compression}/' ${compression} delimiter '|'`,
      );
      expect(copy.Status, copy.Error).toBe('FINISHED');
      const vendor = { gzip: 'GZ', bzip2: 'BZ', zstd: 'ZS', lzop: 'LZ' }[compression];
      expect(await rows(`select vendor from trips where id between 21 and 24`)).toEqual([{ vendor }]);
      await run('delete from trips where id between 21 and 24');
    });
  });
}
