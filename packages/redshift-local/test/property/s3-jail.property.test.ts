/**
 * Property: whatever S3 location SQL names — `..` segments plain, percent-encoded, double-encoded or
 * split by backslashes, nested, through links out of the local S3 folder, a device — and whichever
 * way the COPY is reached (COPY, COPY … GZIP, the helper called directly, a procedure body, `DO` with
 * `EXECUTE`, `COPY … FROM PROGRAM` inside a procedure), no byte of a host file outside the local S3
 * folder reaches a table. PGlite engine (as shipped, in its worker) and PostgreSQL when it can start;
 * on PostgreSQL, links inside the S3 folder and `FROM PROGRAM` are left out (see RELIABILITY).
 */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DialectError } from '../../src/dialect/index';
import { redshiftDialect } from '../../src/index';
import {
  type JailEngine,
  openPgliteJailEngine,
  openPostgresJailEngine,
  writeShared,
} from '../s3-jail/jail-engines';

const secret = 'HOST-SECRET-7f3a';
const numRuns = 120;

const traversal = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2e',
  '.%2e',
  '%252e%252e',
  '..\\..',
  '%2e%2e%2f%2e%2e',
  '..%2f..',
];
const names = ['bucket', 'secret.gz', 'secret.txt', 'data', 'inside.gz', ''];
const links = ['link.gz', 'link.txt', 'relative.gz', 'dirlink', 'urandom', 'rootlink'];

type Route = 'copy' | 'copy-gzip' | 'helper' | 'procedure' | 'do-execute-program' | 'procedure-program';

function statements(route: Route, location: string): string[] {
  const uri = `s3://${location}`;
  const escaped = uri.replaceAll("'", "''");
  switch (route) {
    case 'copy':
      return [redshiftDialect.translate(`copy jail_target from '${escaped}' delimiter '|'`)];
    case 'copy-gzip':
      return [redshiftDialect.translate(`copy jail_target from '${escaped}' delimiter '|' gzip`)];
    case 'helper':
      return [
        `call shiftflow_compat.copy_from_s3('jail_target', NULL, '${escaped}', '{"delimiter":"|","csv":false,"quote":"\\"","ignoreHeader":0,"nullAs":"\\\\N","emptyAsNull":false,"blanksAsNull":false,"gzip":true,"dateFormat":null,"timeFormat":null,"manifest":false,"explicitIds":false,"truncateColumns":false,"region":null}'::jsonb)`,
      ];
    case 'procedure':
      return [
        redshiftDialect.translate(
          `create or replace procedure jail_load() language plpgsql as $$ begin copy jail_target from '${escaped}' delimiter '|' gzip; end $$`,
        ),
        'call jail_load()',
      ];
    case 'do-execute-program': {
      const command = `gzip -dc '/s3/${location.replaceAll("'", "'\\''")}'`;
      return [
        `do $$ begin execute 'copy jail_target from program ' || quote_literal(${dollarQuoted(command)}); end $$`,
      ];
    }
    case 'procedure-program': {
      const command = `gzip -dc '/s3/${location.replaceAll("'", "'\\''")}'`;
      return [
        `create or replace procedure jail_program() language plpgsql as $$ begin execute format('copy jail_target from program %L', ${dollarQuoted(command)}); end $$`,
        'call jail_program()',
      ];
    }
  }
}

function dollarQuoted(text: string): string {
  return `$q$${text}$q$`;
}

const engines: { name: string; open: () => Promise<JailEngine> }[] = [
  { name: 'PGlite', open: openPgliteJailEngine },
  { name: 'PostgreSQL', open: openPostgresJailEngine },
];

describe.each(engines)('local S3 jail on $name', ({ name, open }) => {
  let engine: JailEngine | undefined;

  beforeAll(async () => {
    engine = await open();
    // Host files beside the local S3 folder, and links to them from inside it.
    writeShared(engine.root, 'secret.txt', `${secret}\n`);
    writeShared(engine.root, 'secret.gz', gzipSync(`${secret}\n`));
    writeShared(engine.root, 'data/secret.txt', `${secret}\n`);
    writeShared(engine.s3Root, 'bucket/inside.gz', gzipSync('inside\n'));
    writeShared(engine.s3Root, 'bucket/inside.txt', 'inside\n');
    if (engine.name === 'pglite') {
      const bucket = path.join(engine.s3Root, 'bucket');
      symlinkSync(path.join(engine.root, 'secret.gz'), path.join(bucket, 'link.gz'));
      symlinkSync(path.join(engine.root, 'secret.txt'), path.join(bucket, 'link.txt'));
      symlinkSync('../../secret.gz', path.join(bucket, 'relative.gz'));
      symlinkSync(engine.root, path.join(bucket, 'dirlink'));
      symlinkSync('/dev/urandom', path.join(bucket, 'urandom'));
      symlinkSync('/', path.join(bucket, 'rootlink'));
    }
    const created = await engine.run('create table jail_target (line text)');
    expect(created.status).toBe('finished');
  });

  afterAll(async () => {
    await engine?.close();
  });

  it('never loads a byte of a host file outside the local S3 folder, whatever the location and route', async () => {
    if (engine === undefined) throw new Error('the engine did not open (see the beforeAll error)');
    const current = engine;
    const routes: Route[] =
      name === 'PGlite'
        ? ['copy', 'copy-gzip', 'helper', 'procedure', 'do-execute-program', 'procedure-program']
        : ['copy', 'copy-gzip', 'helper', 'procedure'];
    const segment = fc.constantFrom(...traversal, ...names, ...(name === 'PGlite' ? links : []));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(segment, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('secret.gz', 'secret.txt', 'data/secret.txt', 'dev/urandom', 'etc/hostname', ''),
        async (route, segments, target) => {
          const location = [...segments, target].join('/');
          let sqls: string[];
          try {
            sqls = statements(route, location);
          } catch (error) {
            // Refused while translating (e.g. 's3:///…' has no bucket): nothing runs.
            expect(error).toBeInstanceOf(DialectError);
            sqls = [];
          }
          for (const sql of sqls) await current.run(sql);
          const leaked = await current.run(
            `select count(*)::text from jail_target where line like '%${secret}%' or line !~ '^(inside)?$'`,
          );
          expect(leaked.status === 'finished' ? leaked.rows : leaked).toEqual([['0']]);
        },
      ),
      { numRuns },
    );
  }, 600_000);

  it.each([
    ['a key segment ".."', 'bucket/../../secret.gz'],
    ['a percent-encoded ".."', 'bucket/%2e%2e/%2e%2e/secret.gz'],
    ['a bucket ".."', '../secret.gz'],
  ])('refuses %s with an error naming the object', async (_case, location) => {
    if (engine === undefined) throw new Error('the engine did not open (see the beforeAll error)');
    const outcome = await engine.run(
      redshiftDialect.translate(`copy jail_target from 's3://${location}' delimiter '|' gzip`),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' ? outcome.message : '').toContain(`s3://${location}`);
  });
});

describe('local S3 jail on PGlite: links and devices', () => {
  let engine: JailEngine;

  beforeAll(async () => {
    engine = await openPgliteJailEngine();
    writeShared(engine.root, 'secret.gz', gzipSync(`${secret}\n`));
    const bucket = path.join(engine.s3Root, 'bucket');
    writeShared(engine.s3Root, 'bucket/inside.gz', gzipSync('inside\n'));
    symlinkSync(path.join(engine.root, 'secret.gz'), path.join(bucket, 'link.gz'));
    symlinkSync('/dev/urandom', path.join(bucket, 'urandom.gz'));
    await engine.run('create table link_target (line text)');
  });

  afterAll(async () => {
    await engine.close();
  });

  it.each([
    ['a link out of the local S3 folder', 'bucket/link.gz', 'leads out of the local S3 folder'],
    ['a link to a device', 'bucket/urandom.gz', 'leads out of the local S3 folder'],
  ])('refuses %s in COPY … FROM PROGRAM gzip -dc', async (_case, location, reason) => {
    const outcome = await engine.run(
      `do $$ begin execute 'copy link_target from program ' || quote_literal($q$gzip -dc '/s3/${location}'$q$); end $$`,
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' ? outcome.message : '').toContain(reason);
  });

  it('refuses any other program, naming it', async () => {
    const outcome = await engine.run(
      `do $$ begin execute 'copy link_target from program ''cat /etc/passwd'''; end $$`,
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' ? outcome.message : '').toContain('cat /etc/passwd');
  });

  it('still loads a gzip object inside the local S3 folder', async () => {
    const outcome = await engine.run(
      redshiftDialect.translate("copy link_target from 's3://bucket/inside.gz' gzip"),
    );
    expect(outcome.status).toBe('finished');
    const rows = await engine.run('select line from link_target');
    expect(rows.status === 'finished' ? rows.rows : []).toEqual([['inside']]);
  });
});
