/**
 * UNLOAD into the local S3 folder through the real @aws-sdk/client-redshift-data over HTTP: the SELECT runs
 * on the engine (in Redshift's dialect), its rows land in `<s3Root>/<bucket>/<prefix>…` named and formatted
 * as Redshift writes them (https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html), COPY loads them
 * back, existing files fail the UNLOAD unless ALLOWOVERWRITE, and nothing is written outside the folder.
 * Defined once and run on each engine.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshiftOptions } from '../../src/index';
import { type Fixture, startFixture } from './local-redshift-fixture';

const target = { WorkgroupName: 'local', Database: 'dev' };
/** Redshift's message for an UNLOAD onto existing files without ALLOWOVERWRITE. */
const notEmpty = 'ERROR: Specified unload destination on S3 is not empty.';

export function defineUnloadSuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`UNLOAD to the local S3 folder on ${engineName}`, () => {
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

    async function finished(sql: string) {
      const description = await run(sql);
      expect(description.Status, description.Error).toBe('FINISHED');
      return description;
    }

    const object = (key: string) => path.join(fixture.s3Root, 'unloads', key);
    const text = (key: string) => readFileSync(object(key), 'utf8');

    beforeAll(async () => {
      const engine = options();
      if (engine === undefined) throw new Error(`${engineName} engine unavailable`);
      fixture = await startFixture(engine);
      client = fixture.client;
      mkdirSync(path.join(fixture.s3Root, 'unloads'), { mode: 0o755 });
      await finished(
        `create table venue (id int, name varchar(40), note varchar(20));
         insert into venue values (1, 'Stadium | North', null), (2, 'Hall "B", east', 'x'), (3, 'Arena', 'y')`,
      );
    });

    afterAll(async () => fixture?.dispose());

    it('writes one pipe-delimited file with PARALLEL OFF, reports the rows, and COPY loads it back', async () => {
      const unload = await finished(
        `unload ('select id, name, nvl(note, \\'none\\') from venue order by id') to 's3://unloads/text/venue_'
         iam_role 'arn:aws:iam::123456789012:role/MyRedshiftRole' parallel off`,
      );
      expect(unload.HasResultSet).toBe(false);
      expect(unload.ResultRows).toBe(3);
      expect(text('text/venue_000')).toBe('1|Stadium | North|none\n2|Hall "B", east|x\n3|Arena|y\n');
    });

    // NULL is unloaded as an empty field, which COPY loads as NULL into a VARCHAR only with EMPTYASNULL.
    it('writes CSV with a header, GZIP and a MANIFEST that COPY loads back', async () => {
      await finished(
        `unload ('select * from venue order by id') to 's3://unloads/csv/venue_' iam_role default csv header gzip manifest`,
      );
      const data = readFileSync(object('csv/venue_0000_part_00.gz'));
      expect(gunzipSync(data).toString('utf8')).toBe(
        'id,name,note\n1,Stadium | North,\n2,"Hall ""B"", east",x\n3,Arena,y\n',
      );
      expect(JSON.parse(text('csv/venue_manifest'))).toEqual({
        entries: [{ url: 's3://unloads/csv/venue_0000_part_00.gz', meta: { content_length: data.length } }],
      });
      await finished('create table venue_copy (id int, name varchar(40), note varchar(20))');
      await finished(
        `copy venue_copy from 's3://unloads/csv/venue_manifest' iam_role default csv ignoreheader 1 gzip manifest emptyasnull`,
      );
      const check = await finished(
        'select count(*) from (select * from venue except select * from venue_copy) d',
      );
      const result = await client.send(new GetStatementResultCommand({ Id: check.Id }));
      expect(result.Records?.[0]?.[0]?.longValue).toBe(0);
    });

    it('fails on existing files unless ALLOWOVERWRITE (a batch runs nothing), with NULL AS', async () => {
      const sql = `unload ('select id, note from venue order by id') to 's3://unloads/again/v_' iam_role default null as 'NULL'`;
      await finished(sql);
      const second = await run(sql);
      expect(second.Status).toBe('FAILED');
      expect(second.Error).toContain(notEmpty);
      // Checked before anything runs: the batch's INSERT is not run either.
      const submitted = await client.send(
        new BatchExecuteStatementCommand({
          ...target,
          Sqls: ["insert into venue values (9, 'Never', null)", sql],
        }),
      );
      const batch = await ended(submitted.Id!);
      expect(batch.Status).toBe('FAILED');
      expect(batch.SubStatements?.[1]?.Error).toContain(notEmpty);
      expect(batch.SubStatements?.[0]?.Status).toBe('ABORTED');
      const count = await finished('select count(*) from venue where id = 9');
      const counted = await client.send(new GetStatementResultCommand({ Id: count.Id }));
      expect(counted.Records?.[0]?.[0]?.longValue).toBe(0);
      await finished(`${sql} allowoverwrite`);
      expect(text('again/v_0000_part_00')).toBe('1|NULL\n2|x\n3|y\n');
    });

    it('runs an UNLOAD inside a batch', async () => {
      const submitted = await client.send(
        new BatchExecuteStatementCommand({
          ...target,
          Sqls: [
            "insert into venue values (4, 'Dome', null)",
            `unload ('select id from venue where id > 2 order by id') to 's3://unloads/batch/v_' iam_role default parallel off`,
            'delete from venue where id = 4',
          ],
        }),
      );
      const batch = await ended(submitted.Id!);
      expect(batch.Status, batch.Error).toBe('FINISHED');
      expect(batch.SubStatements?.[1]?.ResultRows).toBe(2);
      expect(text('batch/v_000')).toBe('3\n4\n');
    });

    it('refuses to write outside the local S3 folder, into a missing bucket, or from a procedure body', async () => {
      const escaped = await run(`unload ('select 1') to 's3://unloads/../escaped_' iam_role default`);
      expect(escaped.Status).toBe('FAILED');
      expect(escaped.Error).toContain('would leave the bucket');
      expect(existsSync(path.join(fixture.s3Root, 'escaped_0000_part_00'))).toBe(false);
      const missing = await run(`unload ('select 1') to 's3://no-such-bucket/x_' iam_role default`);
      expect(missing.Status).toBe('FAILED');
      expect(missing.Error).toContain('no bucket no-such-bucket');
      const body = await run(
        `create procedure unload_it() as $$ begin unload ('select 1') to 's3://unloads/p_' iam_role default; end $$ language plpgsql`,
      );
      expect(body.Status).toBe('FAILED');
      expect(body.Error).toContain('UNLOAD is not emulated');
      const parquet = await run(`unload ('select 1') to 's3://unloads/q_' iam_role default parquet`);
      expect(parquet.Error).toContain('UNLOAD … PARQUET is not emulated');
    });
  });
}
