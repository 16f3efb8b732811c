import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedshiftData } from '@shiftflow/data-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engineLockHolder } from '../src/state/engine-lock';
import { stateLayout } from '../src/state/state-layout';
import { cliPath, repositoryRoot, startCliProcess, testEnvironment } from './cli-process';

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
    const run = await startCliProcess(['run', '--rows', '20000', '--state-dir', state]);
    started.push(run.child);
    let runStderr = '';
    run.child.stderr?.on('data', (chunk: Buffer) => {
      runStderr += chunk.toString();
    });
    const runExited = once(run.child, 'close') as Promise<[number | null]>;
    // The run's CALL is queued in the engine first; the other client's statement comes after it.
    await expect.poll(() => run.output(), { timeout: 120_000, interval: 100 }).toContain('submitted');
    const query = spawn(process.execPath, [cliPath, 'query', 'select pg_sleep(600)', '--state-dir', state], {
      cwd: repositoryRoot,
      env: testEnvironment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(query);
    const queryExited = once(query, 'close') as Promise<[number | null]>;
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
    await expect
      .poll(
        async () => {
          const statuses: string[] = [];
          for await (const statement of dataApi.listStatements({ status: 'ALL', maxResults: 20 })) {
            if (statement.queryString === 'select pg_sleep(600)') statuses.push(statement.status ?? '');
          }
          return statuses;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toHaveLength(1);

    // Were the run to wait for the other statement, these would take ten minutes (past the timeout).
    const [runCode] = await runExited;
    const [queryCode] = await queryExited;

    expect(runCode).toBe(0);
    expect(run.output()).toContain('FINISHED');
    expect(runStderr).toContain(
      'views not shown: the local Redshift is busy with 1 statement(s) of another client',
    );
    // The engine went away with the run that held it: the other client is told, not left waiting.
    expect(queryCode).toBe(1);
  });
});
