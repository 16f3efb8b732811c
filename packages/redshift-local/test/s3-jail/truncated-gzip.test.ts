/**
 * A truncated or corrupt gzip object fails the COPY that reads it, naming the object, and the table
 * keeps its rows: on the PGlite engine and on a PostgreSQL server when one can be started.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redshiftDialect } from '../../src/index';
import { type JailEngine, openPgliteJailEngine, openPostgresJailEngine, writeShared } from './jail-engines';

const engines: { name: string; open: () => Promise<JailEngine> }[] = [
  { name: 'PGlite', open: openPgliteJailEngine },
  { name: 'PostgreSQL', open: openPostgresJailEngine },
];

describe.each(engines)('COPY … GZIP of a damaged object on $name', ({ open }) => {
  let engine: JailEngine | undefined;
  const rows = '1|one\n2|two\n'.repeat(5000);

  beforeAll(async () => {
    engine = await open();
    const whole = gzipSync(rows);
    writeShared(engine.s3Root, 'bucket/good/part-0.gz', whole);
    writeShared(engine.s3Root, 'bucket/truncated/part-0.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    writeShared(
      engine.s3Root,
      'bucket/corrupt/part-0.gz',
      Buffer.concat([whole.subarray(0, 40), Buffer.alloc(200, 7)]),
    );
    writeShared(engine.s3Root, 'bucket/plain/part-0.gz', rows);
    const created = await engine.run('create table damaged_target (id int, name varchar(10))');
    expect(created.status).toBe('finished');
    const loaded = await engine.run(
      redshiftDialect.translate("copy damaged_target from 's3://bucket/good/' gzip"),
    );
    expect(loaded.status).toBe('finished');
  });

  afterAll(async () => {
    await engine?.close();
  });

  it.each(['truncated', 'corrupt', 'plain'])(
    'fails the COPY of the %s object, naming it, and leaves the rows as they were',
    async (folder) => {
      if (engine === undefined) throw new Error('the engine did not open (see the beforeAll error)');
      const outcome = await engine.run(
        redshiftDialect.translate(`copy damaged_target from 's3://bucket/${folder}/' gzip`),
      );
      expect(outcome.status).toBe('failed');
      const message = outcome.status === 'failed' ? outcome.message : '';
      expect(message).toContain(`bucket/${folder}/part-0.gz`);
      const count = await engine.run('select count(*)::text from damaged_target');
      expect(count.status === 'finished' ? count.rows : []).toEqual([['10000']]);
    },
  );

  it('fails the procedure that COPYs the truncated object, and its transaction keeps the old rows', async () => {
    if (engine === undefined) throw new Error('the engine did not open (see the beforeAll error)');
    const created = await engine.run(
      redshiftDialect.translate(`create or replace procedure reload_damaged() language plpgsql as $$
        begin
          delete from damaged_target;
          copy damaged_target from 's3://bucket/truncated/' gzip;
        end $$`),
    );
    expect(created.status).toBe('finished');
    const outcome = await engine.run('call reload_damaged()');
    expect(outcome.status).toBe('failed');
    const count = await engine.run('select count(*)::text from damaged_target');
    expect(count.status === 'finished' ? count.rows : []).toEqual([['10000']]);
  });
});
