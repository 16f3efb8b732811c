import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedshiftData } from '@shiftflow/data-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engineLockHolder } from '../src/state/engine-lock';
import { stateLayout } from '../src/state/state-layout';
import { cliPath, repositoryRoot, runCliProcess, startCliProcess, testEnvironment } from './cli-process';

let directory: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-query-interrupt-'));
});
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Starts `shiftflow query <sql>` and collects its output. */
function startQuery(sql: string, state: string) {
  const child = spawn(process.execPath, [cliPath, 'query', sql, '--state-dir', state], {
    cwd: repositoryRoot,
    env: testEnvironment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, stderr: () => stderr };
}

function dataApiAt(endpoint: string): RedshiftData {
  return new RedshiftData({
    clientConfig: {
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    },
    target: { workgroupName: 'shiftflow', database: 'dev' },
  });
}

/** Resolves with the id of the running statement whose SQL is `sql`, once the engine runs it. */
async function runningStatement(dataApi: RedshiftData, sql: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        for await (const statement of dataApi.listStatements({ status: 'STARTED', maxResults: 20 })) {
          if (statement.queryString === sql) id = statement.id;
        }
        return id;
      },
      { timeout: 60_000, interval: 200 },
    )
    .toBeDefined();
  return id!;
}

describe('Ctrl-C on shiftflow query', () => {
  it('cancels the statement on a running engine at the first Ctrl-C, exits 130 and leaves the engine free', async () => {
    const state = path.join(directory, 'served');
    const serve = await startCliProcess(['serve', '--state-dir', state]);
    started.push(serve.child);
    await expect.poll(() => /AWS_ENDPOINT_URL_REDSHIFT_DATA=(\S+)/.exec(serve.output())?.[1]).toBeDefined();
    const endpoint = /AWS_ENDPOINT_URL_REDSHIFT_DATA=(\S+)/.exec(serve.output())![1]!;
    const dataApi = dataApiAt(endpoint);
    // Ten minutes: if the statement kept the engine, the query after it would wait that long.
    const sql = 'select pg_sleep(600)';
    const query = startQuery(sql, state);
    const id = await runningStatement(dataApi, sql);

    query.child.kill('SIGINT');
    const [code] = await query.exited;

    expect(code).toBe(130);
    expect(query.stderr()).toContain(`statement ${id} cancelled`);
    expect((await dataApi.describe(id)).status).toBe('ABORTED');
    expect(await dataApi.query<{ answer: number }>('select 42 as answer')).toEqual([{ answer: 42 }]);
    expect(await serve.stop()).toBe(0);
  });

  it('exits 130 at the first Ctrl-C when the query opened the engine itself, and the state folder is usable at once', async () => {
    const state = path.join(directory, 'own-engine');
    const sql = 'select pg_sleep(600)';
    const query = startQuery(sql, state);
    let endpoint: string | undefined;
    await expect
      .poll(
        async () => {
          endpoint = (await engineLockHolder(stateLayout(state)).catch(() => undefined))?.endpoint;
          return endpoint;
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBeDefined();
    await runningStatement(dataApiAt(endpoint!), sql);

    query.child.kill('SIGINT');
    const [code] = await query.exited;
    const after = await runCliProcess(['query', 'select 42 as answer', '--json', '--state-dir', state]);

    expect(code).toBe(130);
    expect(query.stderr()).toMatch(/statement \S+ cancelled/);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual([{ answer: 42 }]);
  });
});
