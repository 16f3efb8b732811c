import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from './cli-process';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-query-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('shiftflow query', () => {
  it('prints the rows as JSON with --json', async () => {
    const result = await runCliProcess([
      'query',
      "select 1 + 1 as two, 'x' as letter",
      '--json',
      '--state-dir',
      directory,
    ]);

    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ two: 2, letter: 'x' }]);
  });

  it('prints an aligned table', async () => {
    const result = await runCliProcess(['query', 'select 7 as n, 123456 as big', '--state-dir', directory]);

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual(['n     big', '-  ------', '7  123456']);
  });

  it('fails with the SQL error and exit code 1, without a stack trace', async () => {
    const result = await runCliProcess(['query', 'selec nothing', '--state-dir', directory]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*syntax error at or near "selec"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
