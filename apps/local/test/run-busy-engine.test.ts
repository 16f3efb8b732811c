import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedshiftData } from '@shiftflow/data-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engineLockHolder } from '../src/state/engine-lock';
import { stateLayout } from '../src/state/state-layout';
import { startCliProcess } from './cli-process';

let state: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-run-busy-'));
});
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('shiftflow run while another client keeps the engine busy', () => {
  it("ends without waiting for the other client's ten-minute statement", async () => {
    const run = await startCliProcess(['run', '--rows', '100000', '--state-dir', state]);
    started.push(run.child);
    let runStderr = '';
    run.child.stderr?.on('data', (chunk: Buffer) => {
      runStderr += chunk.toString();
    });
    const runExited = once(run.child, 'close') as Promise<[number | null]>;
    // The run's CALL is queued in the engine first; the other client's statement comes after it, sent
    // straight to the run's endpoint: a second CLI process took longer to start on a busy machine than
    // the run took to end, so its statement never met the run.
    await expect.poll(() => run.output(), { timeout: 120_000, interval: 100 }).toContain('submitted');
    const endpoint = (await engineLockHolder(stateLayout(state)))?.endpoint;
    expect(endpoint).toBeDefined();
    const dataApi = new RedshiftData({
      clientConfig: {
        endpoint: endpoint!,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
      },
      target: { workgroupName: 'shiftflow', database: 'dev' },
    });
    const other = await dataApi.execute('select pg_sleep(600)');

    // Were the run to wait for the other statement, this would take ten minutes (past the timeout).
    const [runCode] = await runExited;

    expect(runCode).toBe(0);
    expect(run.output()).toContain('FINISHED');
    expect(runStderr).toContain(
      'views not shown: the local Redshift is busy with 1 statement(s) of another client',
    );
    // The engine went away with the run that held it: the other client is told, not left waiting.
    await expect(dataApi.describe(other.id)).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
  });
});
