/**
 * The dialect layer's integration tests, run against one engine (PGlite in-process or a PostgreSQL
 * server): compatibility SQL applied, Redshift SQL translated and executed for real, local S3 files read.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatibilitySql, maxExpressionDepth, translateRedshiftSql } from '../../src/dialect/index';
import { seedSetupSql, writeSeedTrips } from './seed-data';

export interface DialectEngine {
  readonly name: 'pglite' | 'postgres';
  /** Runs one or more statements. */
  exec(sql: string): Promise<void>;
  /** Runs one statement and returns its rows. */
  rows<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
  /** PGlite only: installs the gzip hook of `enablePgliteGzip`. */
  enableGzip?(): Promise<void>;
  close(): Promise<void>;
}

export interface DialectEngineFactory {
  /** Opens the engine with the host folder `s3Root` reachable; returns the value for `shiftflow.s3_root`. */
  open(s3Root: string): Promise<{ engine: DialectEngine; s3RootSetting: string }>;
}

/** A temp folder readable by every user (the PostgreSQL server runs as `postgres`). */
export function makeSharedTempDirectory(prefix: string): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(directory, 0o755);
  return directory;
}

function writeObject(s3Root: string, bucketAndKey: string, content: string | Buffer): void {
  const file = path.join(s3Root, bucketAndKey);
  let directory = path.dirname(file);
  mkdirSync(directory, { recursive: true });
  while (directory.startsWith(s3Root) && directory !== s3Root) {
    chmodSync(directory, 0o755);
    directory = path.dirname(directory);
  }
  writeFileSync(file, content);
  chmodSync(file, 0o644);
}

export function defineDialectSuite(factory: DialectEngineFactory): void {
  let engine: DialectEngine;
  let s3Root: string;
  const run = (sql: string): Promise<void> => engine.exec(translateRedshiftSql(sql));
  const query = <Row = Record<string, unknown>>(sql: string): Promise<Row[]> =>
    engine.rows<Row>(translateRedshiftSql(sql));
  const one = async <Row = Record<string, unknown>>(sql: string): Promise<Row> => {
    const rows = await query<Row>(sql);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };
  const failure = async (sql: string): Promise<string> => {
    try {
      await run(sql);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    throw new Error(`expected the statement to fail: ${sql}`);
  };

  beforeAll(async () => {
    s3Root = makeSharedTempDirectory('shiftflow-dialect-s3-');
    const opened = await factory.open(s3Root);
    engine = opened.engine;
    await engine.exec(compatibilitySql);
    await engine.exec(compatibilitySql); // idempotent: a second open runs it again
    await engine.exec(`SET shiftflow.s3_root = '${opened.s3RootSetting}'`);
  });

  afterAll(async () => {
    await engine?.close();
    rmSync(s3Root, { recursive: true, force: true });
  });

  describe('the seed pipeline', () => {
    it('runs the setup SQL unmodified, CALLs the procedure and the view equals an independent computation', async () => {
      const { expected, rows } = writeSeedTrips(s3Root, { rows: 3000, parts: 4 });
      for (const file of ['part-0000.txt', 'part-0001.txt', 'part-0002.txt', 'part-0003.txt']) {
        chmodSync(
          path.join(s3Root, 'event-driven-app-with-lambda-redshift', 'nyc_yellow_taxi_raw', file),
          0o644,
        );
      }
      chmodSync(path.join(s3Root, 'event-driven-app-with-lambda-redshift', 'nyc_yellow_taxi_raw'), 0o755);
      chmodSync(path.join(s3Root, 'event-driven-app-with-lambda-redshift'), 0o755);

      await run(seedSetupSql);
      await run('CALL run_elt_process();');

      const view = await query<{
        month: string;
        avg_distance: number;
        avg_fare: number;
        total_trips: string | number;
        total_distance_per_month: number;
        total_fare_per_month: number;
      }>(
        `select pickup_month::text as month, avg_distance, avg_fare, total_trips, total_distance_per_month, total_fare_per_month
         from nyc_yellow_taxi_volume_analysis order by pickup_month`,
      );
      expect(
        view.map((row) => ({
          month: row.month,
          avgDistance: row.avg_distance,
          avgFare: row.avg_fare,
          trips: Number(row.total_trips),
          totalDistance: row.total_distance_per_month,
          totalFare: row.total_fare_per_month,
        })),
      ).toEqual(expected);
      expect(await one('select pg_last_copy_count() as count')).toEqual({ count: rows });
    });

    it('gives the view Redshift types: timestamp month, double precision averages and sums', async () => {
      const types = await one<Record<string, string>>(
        `select pg_typeof(pickup_month)::text as month, pg_typeof(avg_distance)::text as average,
                pg_typeof(total_distance_per_month)::text as total
         from nyc_yellow_taxi_volume_analysis limit 1`,
      );
      expect(types).toEqual({
        month: 'timestamp without time zone',
        average: 'double precision',
        total: 'double precision',
      });
    });

    it('loads an empty passenger count as NULL and an empty vendor as an empty string', async () => {
      const counts = await one<{
        null_passengers: string | number;
        empty_vendors: string | number;
        null_vendors: string | number;
      }>(
        `select count(*) filter (where passenger_count is null) as null_passengers,
                count(*) filter (where vendorid = '') as empty_vendors,
                count(*) filter (where vendorid is null) as null_vendors
         from nyc_yellow_taxi`,
      );
      expect(Number(counts.null_passengers)).toBeGreaterThan(0);
      expect(Number(counts.empty_vendors)).toBeGreaterThan(0);
      expect(Number(counts.null_vendors)).toBe(0);
    });
  });

  describe('COPY from local S3', () => {
    beforeAll(async () => {
      await run(
        `create table copy_target (id int, name varchar(10), amount numeric(10,2), day date, at timestamp)`,
      );
    });
    const reset = () => run('truncate copy_target');
    const rowsOf = () =>
      query<Record<string, unknown>>(
        `select id, name, amount::text as amount, day::text as day, at::text as at from copy_target order by id`,
      );

    it('loads empty non-character fields as NULL, empty character fields as empty strings and \\N as NULL', async () => {
      writeObject(
        s3Root,
        'nulls/default/a.txt',
        '1||||\n2|x|1.50|2020-01-02|2020-01-02 03:04:05\n3|\\N|\\N|\\N|\\N\n',
      );
      await reset();
      await run(`copy copy_target from 's3://nulls/default/' iam_role default`);
      expect(await rowsOf()).toEqual([
        { id: 1, name: '', amount: null, day: null, at: null },
        { id: 2, name: 'x', amount: '1.50', day: '2020-01-02', at: '2020-01-02 03:04:05' },
        { id: 3, name: null, amount: null, day: null, at: null },
      ]);
      expect(await one('select pg_last_copy_count() as count')).toEqual({ count: 3 });
    });

    it('loads empty character fields as NULL with EMPTYASNULL', async () => {
      writeObject(s3Root, 'nulls/empty/a.txt', '1||||\n2| |||\n');
      await reset();
      await run(
        `copy copy_target from 's3://nulls/empty/a.txt' access_key_id 'test' secret_access_key 'test' emptyasnull`,
      );
      expect((await rowsOf()).map((row) => row.name)).toEqual([null, ' ']);
    });

    it('loads blank fields as NULL with BLANKSASNULL, and blank numbers as NULL always', async () => {
      writeObject(s3Root, 'nulls/blank/a.txt', '1|  | 2 ||\n2|| |  |\n');
      await reset();
      await run(`copy copy_target from 's3://nulls/blank/' blanksasnull`);
      expect(await rowsOf()).toEqual([
        { id: 1, name: null, amount: '2.00', day: null, at: null },
        { id: 2, name: '', amount: null, day: null, at: null },
      ]);
    });

    it('uses the NULL AS string', async () => {
      writeObject(s3Root, 'nulls/custom/a.txt', '1|NA|NA||\n2||3|NA|\n');
      await reset();
      await run(`copy copy_target from 's3://nulls/custom/' null as 'NA'`);
      expect(await rowsOf()).toEqual([
        { id: 1, name: null, amount: null, day: null, at: null },
        { id: 2, name: '', amount: '3.00', day: null, at: null },
      ]);
    });

    it('reads CSV with QUOTE AS, DELIMITER AS and IGNOREHEADER n', async () => {
      writeObject(
        s3Root,
        'csv/a.csv',
        'header one\nheader two\n1;%a;b%;1.25;;\n2;%say %%hi%%%;;2021-05-06;\n',
      );
      await reset();
      await run(
        `copy copy_target from 's3://csv/a.csv' csv quote as '%' delimiter as ';' ignoreheader as 2 region 'eu-west-1'`,
      );
      expect(await rowsOf()).toEqual([
        { id: 1, name: 'a;b', amount: '1.25', day: null, at: null },
        { id: 2, name: 'say %hi%', amount: null, day: '2021-05-06', at: null },
      ]);
    });

    it('reads FORMAT AS CSV with a header line and a column list in its own order', async () => {
      writeObject(s3Root, 'csv/b.csv', 'name,id\n"x, y",7\n');
      await reset();
      await run(
        `copy copy_target (name, id) from 's3://csv/b.csv' credentials 'aws_access_key_id=test;aws_secret_access_key=test'
         format as csv ignoreheader 1 encoding utf8 compupdate off statupdate off`,
      );
      expect(await rowsOf()).toEqual([{ id: 7, name: 'x, y', amount: null, day: null, at: null }]);
    });

    it('parses DATEFORMAT and TIMEFORMAT, including epochsecs', async () => {
      // Fractional seconds under SS are kept, as Redshift's TIMEFORMAT reads them (found by the conformance work).
      writeObject(
        s3Root,
        'formats/a.txt',
        '1|a|1|12/31/2019|2019-12-31 23:59:58.125\n3|c|1|01/01/2020|2020-01-01 01:02:03\n',
      );
      writeObject(s3Root, 'formats/b.txt', '2|b|1||1577836800\n');
      await reset();
      await run(
        `copy copy_target from 's3://formats/a.txt' dateformat as 'MM/DD/YYYY' timeformat 'YYYY-MM-DD HH:MI:SS'`,
      );
      await run(`copy copy_target from 's3://formats/b.txt' timeformat 'epochsecs' dateformat 'auto'`);
      expect((await rowsOf()).map((row) => [row.day, row.at])).toEqual([
        ['2019-12-31', '2019-12-31 23:59:58.125'],
        [null, '2020-01-01 00:00:00'],
        ['2020-01-01', '2020-01-01 01:02:03'],
      ]);
    });

    it('uses S3 prefix semantics: plain prefix, recursive, sorted by key', async () => {
      await run('create table prefix_target (id bigint identity(1, 1), line varchar(20))');
      writeObject(s3Root, 'prefix/data/part-0002', 'part-0002\n');
      writeObject(s3Root, 'prefix/data/part-0001', 'part-0001\n');
      writeObject(s3Root, 'prefix/data/parts/x', 'parts/x\n');
      writeObject(s3Root, 'prefix/data/parts/a/b', 'parts/a/b\n');
      writeObject(s3Root, 'prefix/data/other', 'other\n');
      writeObject(s3Root, 'prefix/data-p', 'data-p\n');
      await run(
        `copy prefix_target (line) from 's3://prefix/data/part' iam_role 'arn:aws:iam::123456789012:role/r'`,
      );
      const lines = await query<{ line: string }>('select line from prefix_target order by id');
      expect(lines.map((row) => row.line)).toEqual(['part-0001', 'part-0002', 'parts/a/b', 'parts/x']);
    });

    it('names a column of the column list that the table lacks', async () => {
      const message = await failure(`copy copy_target (id, nope) from 's3://nulls/default/'`);
      expect(message).toContain('column "nope" of relation copy_target does not exist');
    });

    it('fails like Redshift when no object is under the prefix', async () => {
      const message = await failure(`copy copy_target from 's3://nulls/nothing-here' iam_role default`);
      expect(message).toContain('S3ServiceException');
      expect(message).toContain('no objects found under s3://nulls/nothing-here');
    });

    it('loads the entries of a MANIFEST and fails on a missing mandatory entry', async () => {
      writeObject(s3Root, 'manifest/files/one', '1|one|||\n');
      writeObject(s3Root, 'manifest/files/two', '2|two|||\n');
      writeObject(
        s3Root,
        'manifest/good.manifest',
        JSON.stringify({
          entries: [
            { url: 's3://manifest/files/two', mandatory: true },
            { url: 's3://manifest/files/one', mandatory: true },
            { url: 's3://manifest/files/absent', mandatory: false },
          ],
        }),
      );
      writeObject(
        s3Root,
        'manifest/bad.manifest',
        JSON.stringify({ entries: [{ url: 's3://manifest/files/absent', mandatory: true }] }),
      );
      await reset();
      await run(`copy copy_target from 's3://manifest/good.manifest' manifest`);
      expect((await rowsOf()).map((row) => row.name)).toEqual(['one', 'two']);
      expect(await one('select pg_last_copy_count() as count')).toEqual({ count: 2 });
      const message = await failure(`copy copy_target from 's3://manifest/bad.manifest' manifest`);
      expect(message).toContain('s3://manifest/files/absent');
    });

    it('rejects a value too long for its varchar column, and cuts it with TRUNCATECOLUMNS', async () => {
      writeObject(s3Root, 'long/a.txt', '1|abcdefghijklmnop|||\n');
      await reset();
      const message = await failure(`copy copy_target from 's3://long/a.txt'`);
      expect(message).toBe(
        "Load into table 'copy_target' failed.  Check 'stl_load_errors' system table for details.",
      );
      expect(await rowsOf()).toEqual([]);
      await run(`copy copy_target from 's3://long/a.txt' truncatecolumns`);
      expect((await rowsOf()).map((row) => row.name)).toEqual(['abcdefghij']);
    });

    it('GZIP: decompresses on PostgreSQL; on PGlite fails as not emulated until enablePgliteGzip', async () => {
      writeObject(s3Root, 'gzip/a.txt.gz', gzipSync('1|zipped|||\n'));
      await reset();
      if (engine.name === 'postgres') {
        await run(`copy copy_target from 's3://gzip/' gzip`);
        expect((await rowsOf()).map((row) => row.name)).toEqual(['zipped']);
      } else {
        const message = await failure(`copy copy_target from 's3://gzip/' gzip`);
        expect(message).toContain('GZIP is not emulated locally on the PGlite engine');
        await engine.enableGzip?.();
        await run(`copy copy_target from 's3://gzip/' gzip delimiter '|'`);
        expect((await rowsOf()).map((row) => row.name)).toEqual(['zipped']);
        writeObject(s3Root, 'gzip-bad/a.txt.gz', 'not gzip');
        expect(await failure(`copy copy_target from 's3://gzip-bad/' gzip`)).toContain('gzip -dc');
        // The engine still works after a failed decompression.
        expect(await one('select 1 as one')).toEqual({ one: 1 });
      }
    });

    it('runs a COPY inside procedure bodies ($-quoted and single-quoted) and a DO block', async () => {
      writeObject(s3Root, 'proc/a.txt', '5|proc|||\n');
      writeObject(s3Root, 'proc-id/a.txt', '6\n');
      await reset();
      await run(`create or replace procedure load_copy_target() as $body$
        begin
          if true then copy copy_target from 's3://proc/' delimiter '|' ; end if;
        end $body$ language plpgsql;
        call load_copy_target();
        do $$ begin copy copy_target (id) from 's3://proc-id/a.txt' ; exception when others then raise; end $$;
        create or replace procedure load_quoted() as ' begin copy copy_target from ''s3://proc/''; end ' language plpgsql;
        call load_quoted();`);
      expect(await rowsOf()).toEqual([
        { id: 5, name: 'proc', amount: null, day: null, at: null },
        { id: 5, name: 'proc', amount: null, day: null, at: null },
        { id: 6, name: null, amount: null, day: null, at: null },
      ]);
    });
  });

  describe('compatibility functions', () => {
    it('returns Redshift results for GETDATE, SYSDATE, NVL, NVL2, DECODE, LEN and CONVERT_TIMEZONE', async () => {
      const row = await one<Record<string, unknown>>(
        `select pg_typeof(getdate())::text as getdate_type, getdate() = date_trunc('second', getdate()) as whole_seconds,
                pg_typeof(sysdate)::text as sysdate_type,
                nvl(null::int, 2) as nvl, nvl2(null, 'a', 'b') as nvl2_null, nvl2(1, 'a', 'b') as nvl2_value,
                decode(2, 1, 'one', 2, 'two', 'other') as decoded, decode(9, 1, 'one', 'other') as decoded_default,
                decode(null, null, 'null matched') as decoded_null,
                len('abc') as len, pg_typeof(cast('{}' as super))::text as super_type,
                convert_timezone('America/New_York', '2020-07-01 12:00:00'::timestamp)::text as converted,
                convert_timezone('UTC', 'Asia/Tokyo', '2020-01-01 00:00:00'::timestamp)::text as converted_from`,
      );
      expect(row).toEqual({
        getdate_type: 'timestamp without time zone',
        whole_seconds: true,
        sysdate_type: 'timestamp without time zone',
        nvl: 2,
        nvl2_null: 'b',
        nvl2_value: 'a',
        decoded: 'two',
        decoded_default: 'other',
        decoded_null: 'null matched',
        len: 3,
        super_type: 'jsonb',
        converted: '2020-07-01 08:00:00',
        converted_from: '2020-01-01 09:00:00',
      });
    });

    it('counts boundaries in DATEDIFF and adds calendar parts in DATEADD with bare date parts', async () => {
      const row = await one<Record<string, unknown>>(
        `select datediff(year, '2019-12-31'::date, '2020-01-01'::date)::int as years,
                datediff(month, '2020-01-31'::date, '2020-02-01'::date)::int as months,
                datediff(qtr, '2020-03-31'::date, '2020-04-01'::date)::int as quarters,
                datediff(day, '2020-01-01 23:59:59'::timestamp, '2020-01-02 00:00:00'::timestamp)::int as days,
                datediff(hours, '2020-01-01 10:59:00'::timestamp, '2020-01-01 11:00:00'::timestamp)::int as hours,
                datediff(week, '2009-01-01'::date, '2009-12-31'::date)::int as weeks,
                dateadd(month, 1, '2008-01-31'::date)::text as month_end,
                pg_typeof(dateadd(day, 1, '2020-01-01'::date))::text as dateadd_type,
                dateadd('mins', -30, '2020-01-01 00:00:00'::timestamp)::text as minus_minutes,
                pg_typeof(dateadd(day, 1, '2020-01-01'))::text as literal_type,
                datediff(day, '2020-01-01', '2020-02-01')::int as literal_days,
                convert_timezone('UTC', 'Asia/Tokyo', '2020-01-01 00:00:00')::text as literal_converted`,
      );
      expect(row).toEqual({
        years: 1,
        months: 1,
        quarters: 1,
        days: 1,
        hours: 1,
        weeks: 52,
        month_end: '2008-02-29 00:00:00',
        dateadd_type: 'timestamp without time zone',
        minus_minutes: '2019-12-31 23:30:00',
        literal_type: 'timestamp without time zone',
        literal_days: 31,
        literal_converted: '2020-01-01 09:00:00',
      });
    });

    it('returns timestamp from DATE_TRUNC on a date and double precision from ROUND(double, int)', async () => {
      const row = await one<Record<string, unknown>>(
        `select date_trunc('mon', '2020-05-17'::date)::text as truncated, pg_typeof(date_trunc('mon', '2020-05-17'::date))::text as type,
                round(2.675::double precision, 2) as rounded, pg_typeof(round(1.5::double precision, 1))::text as round_type`,
      );
      expect(row).toEqual({
        truncated: '2020-05-01 00:00:00',
        type: 'timestamp without time zone',
        rounded: 2.68,
        round_type: 'double precision',
      });
    });

    it('sums real values in double precision', async () => {
      const row = await one<{ total: number; type: string; average: number }>(
        `select sum(v) as total, pg_typeof(sum(v))::text as type, avg(v) as average
         from (select 0.1::real as v from generate_series(1, 100000)) t`,
      );
      let expected = 0;
      for (let index = 0; index < 100_000; index++) expected += Math.fround(0.1);
      expect(row.type).toBe('double precision');
      expect(row.total).toBe(expected);
      expect(row.average).toBe(expected / 100_000);
    });

    it('answers MEDIAN, APPROXIMATE COUNT, CONVERT, MONTHS_BETWEEN and the JSON functions on text', async () => {
      const row = await one<Record<string, unknown>>(
        `select median(v) as median, approximate count(distinct v) as distinct_values, convert(integer, '42') as converted,
                months_between('2020-03-31'::date, '2020-01-31'::date) as whole_months,
                json_extract_path_text('{"a":{"b":"x"}}', 'a', 'b') as extracted, json_array_length('[1,2,3]') as length,
                is_valid_json('{"a":1}') as valid, is_valid_json('{a') as invalid
         from (values (1), (2), (10), (2)) as t(v)`,
      );
      expect({ ...row, distinct_values: Number(row.distinct_values) }).toEqual({
        median: 2,
        distinct_values: 3,
        converted: 42,
        whole_months: 2,
        extracted: 'x',
        length: 3,
        valid: true,
        invalid: false,
      });
    });

    it('limits SELECT TOP n', async () => {
      const rows = await query<{ n: number }>(
        'select top 2 n from generate_series(1, 5) as g(n) order by n desc',
      );
      expect(rows).toEqual([{ n: 5 }, { n: 4 }]);
    });

    it(`runs NVL and DECODE nested ${maxExpressionDepth} deep, the deepest expression the dialect translates`, async () => {
      const depth = maxExpressionDepth;
      const nvls = await one<{ value: number }>(
        `select ${'nvl(null, '.repeat(depth)}7${')'.repeat(depth)} as value`,
      );
      expect(nvls).toEqual({ value: 7 });
      const decodes = await one<{ value: number }>(
        `select ${'decode(1, 1, '.repeat(depth)}8${', 0)'.repeat(depth)} as value`,
      );
      expect(decodes).toEqual({ value: 8 });
    });

    it('aggregates with LISTAGG … WITHIN GROUP (ORDER BY …)', async () => {
      const row = await one<{ names: string; plain: string }>(
        `select listagg(name, ', ') within group (order by name desc) as names, listagg(id) within group (order by id) as plain
         from (values (1, 'a'), (2, 'c'), (3, 'b')) as t(id, name)`,
      );
      expect(row).toEqual({ names: 'c, b, a', plain: '123' });
    });
  });

  describe('table definitions', () => {
    it('accepts DISTSTYLE, DISTKEY, SORTKEY, ENCODE, BACKUP and IDENTITY and maps Redshift types', async () => {
      await run(`create table if not exists attributes_target (
          id bigint identity(100, 5) encode az64,
          body varchar(max) encode lzo distkey,
          doc super,
          raw varbyte(16),
          amount numeric,
          title nvarchar(5) sortkey
        ) backup no diststyle key distkey(id) compound sortkey(id, title)`);
      await run(
        `insert into attributes_target (body, doc, raw, amount, title) values ('x', json_parse('{"a":1}'), 'ab'::varbyte, 12.6, 'hello')`,
      );
      const row = await one<Record<string, unknown>>(
        `select id::text as id, pg_typeof(doc)::text as doc_type, pg_typeof(raw)::text as raw_type, amount::text as amount,
                (select character_maximum_length from information_schema.columns
                 where table_name = 'attributes_target' and column_name = 'body') as body_length
         from attributes_target`,
      );
      expect(row).toEqual({
        id: '100',
        doc_type: 'jsonb',
        raw_type: 'bytea',
        amount: '13',
        body_length: 65535,
      });
    });

    it('accepts physical-layout ALTER TABLE statements and still rejects a missing table', async () => {
      await run('alter table attributes_target alter diststyle even');
      await run('alter table attributes_target alter compound sortkey (id)');
      await run('alter table attributes_target alter column body encode zstd');
      expect(await failure('alter table no_such_table alter sortkey none')).toContain('no_such_table');
    });

    it('accepts Redshift date part names in DATE_PART, DATE_TRUNC and EXTRACT', async () => {
      const row = await one<Record<string, unknown>>(
        `select date_part(dw, '2020-05-17'::date)::int as dow, date_trunc('qtrs', '2020-05-17'::date)::text as quarter,
                extract(dayofyear from '2020-02-01'::date)::int as doy`,
      );
      expect(row).toEqual({ dow: 0, quarter: '2020-04-01 00:00:00', doy: 32 });
    });

    it('accepts late-binding views and Redshift-only session settings', async () => {
      await run('create view attributes_late as select id from attributes_target with no schema binding');
      await run("set query_group to 'nightly'");
      expect(await one('select count(*)::int as n from attributes_late')).toEqual({ n: 1 });
      expect(await one('show query_group')).toEqual({ 'shiftflow.query_group': 'nightly' });
    });

    it('accepts CREATE MATERIALIZED VIEW with BACKUP and AUTO REFRESH', async () => {
      await run(
        `create materialized view attributes_view backup no auto refresh yes as select count(*) as n from attributes_target`,
      );
      expect(await one('select n::int as n from attributes_view')).toEqual({ n: 1 });
    });
  });
}
