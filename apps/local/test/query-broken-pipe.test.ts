import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repositoryRoot, testEnvironment } from './cli-process';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-broken-pipe-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('shiftflow query | head', () => {
  it('exits 141 without a stack trace when the reader of stdout goes away', async () => {
    const child = spawn(
      process.execPath,
      [cliPath, 'query', 'select n from generate_series(1, 300000) as n', '--json', '--state-dir', directory],
      { cwd: repositoryRoot, env: testEnvironment, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;

    // As `head -c 100` does: read the first 100 bytes, then close the pipe.
    let first = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        first += chunk.toString();
        if (first.length >= 100) resolve();
      });
    });
    child.stdout.destroy();
    const [code, signal] = await closed;

    expect(first.startsWith('[{"n":1},{"n":2}')).toBe(true);
    expect({ code, signal }).toEqual({ code: 141, signal: null });
    expect(stderr).not.toMatch(/EPIPE|\n\s+at |Unhandled|error:|stopped/);
  });
});
