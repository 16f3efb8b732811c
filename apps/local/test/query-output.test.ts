import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from './cli-process';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-query-output-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Control characters a terminal acts on: C0 but newline, DEL, C1 (U+009B is a one-byte CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that none is left.
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('shiftflow query output', () => {
  it('writes a --json result far above 64 KiB completely through a pipe, as valid JSON', async () => {
    const result = await runCliProcess([
      'query',
      "select n, repeat('x', 20) as padding from generate_series(1, 160000) as n",
      '--json',
      '--state-dir',
      directory,
    ]);

    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(64 * 1024 * 50);
    const rows = JSON.parse(result.stdout) as { n: number; padding: string }[];
    expect(rows).toHaveLength(160_000);
    expect(rows[159_999]).toEqual({ n: 160_000, padding: 'x'.repeat(20) });
  });

  it('prints a table of 160,000 rows', async () => {
    const result = await runCliProcess([
      'query',
      'select n from generate_series(1, 160000) as n',
      '--state-dir',
      directory,
    ]);

    expect(result.stderr).not.toMatch(/Maximum call stack|error/);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(160_003);
    expect(lines.slice(0, 3)).toEqual(['     n', '------', '     1']);
    expect(lines.at(-2)).toBe('160000');
    expect(lines.at(-1)).toBe('(160000 rows)');
  });

  it('shows control characters in values and column names escaped, in tables and errors', async () => {
    const sql =
      "select chr(27) || ']0;pwned' || chr(7) as \"title" +
      '\u001b[2J' +
      "\", 'a' || chr(13) || 'b' as cr, chr(155) || '2J' as c1";

    const table = await runCliProcess(['query', sql, '--state-dir', directory]);
    const failed = await runCliProcess([
      'query',
      "select cast(chr(27) || '[2J' as int)",
      '--state-dir',
      directory,
    ]);

    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(rawControl);
    expect(table.stdout.split('\n')).toEqual([
      'title\\u001b[2J        cr    c1',
      '--------------------  ----  --------',
      '\\u001b]0;pwned\\u0007  a\\rb  \\u009b2J',
      '(1 row)',
      '',
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toMatch(rawControl);
    expect(failed.stderr).toContain('\\u001b[2J');
  });

  it('keeps --json valid and inert: C1 and line separators as \\u escapes, the values unchanged', async () => {
    const result = await runCliProcess([
      'query',
      "select chr(27) || '[31m' as esc, chr(155) as c1, chr(8232) || chr(8233) as separators, chr(8238) as bidi",
      '--json',
      '--state-dir',
      directory,
    ]);

    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(rawControl);
    expect(result.stdout).not.toMatch(/[\u2028\u2029\u202e]/);
    expect(JSON.parse(result.stdout)).toEqual([
      { esc: '\u001b[31m', c1: '\u009b', separators: '\u2028\u2029', bidi: '\u202e' },
    ]);
  });

  it('exits 1 when a statement of a multi-statement query fails, and says which', async () => {
    const result = await runCliProcess([
      'query',
      'select 1; select 1 / 0; select 2',
      '--state-dir',
      directory,
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*division by zero/);
  });

  it('exits 1 when the COPY of a multi-statement query reads a truncated .gz object', async () => {
    // A state folder of its own, made by shiftflow, with the object in its local S3.
    const state = path.join(directory, 'truncated-gzip');
    expect((await runCliProcess(['query', 'select 1', '--state-dir', state])).code).toBe(0);
    const bucket = path.join(state, 's3', 'truncated-objects');
    await mkdir(bucket, { recursive: true });
    const whole = gzipSync(Array.from({ length: 100_000 }, (_, index) => `${index}\n`).join(''));
    await writeFile(path.join(bucket, 'part-0000.gz'), whole.subarray(0, whole.length / 2));

    const result = await runCliProcess([
      'query',
      "create table if not exists truncated_load (id int); copy truncated_load from 's3://truncated-objects/part-0000.gz' iam_role 'arn:aws:iam::123456789012:role/copy' gzip; select count(*) from truncated_load",
      '--state-dir',
      state,
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*s3:\/\/truncated-objects\/part-0000\.gz/);
  });

  it('refuses a --config that is a device, naming it, instead of reading it', async () => {
    const result = await runCliProcess([
      'query',
      'select 1',
      '--config',
      '/dev/zero',
      '--state-dir',
      directory,
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: /dev/zero is a character device, not a configuration file');
    expect(result.stderr).not.toMatch(/bad_alloc|\n\s+at /);
  });
});
