/**
 * The local app killed with SIGKILL in the middle of a run. The built CLI runs a
 * first load (committed data), then a run whose ELT SQL deletes every loaded row and sleeps; that
 * process is killed with `kill -9` (by PID) while the CALL runs. After a restart the history must
 * show the interrupted run as ended (ABORTED or FAILED, not running), the committed rows must all
 * be there (the delete rolled back), the state folder must open again, and the interrupted run
 * must be announced to the users.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repositoryRoot, runCliProcess, testEnvironment } from '../cli-process';
import { loadedRowCount } from '../loaded-row-count';

const sampleRows = 200;
let state: string;
let killedStatementId: string;

interface RunRecordJson {
  statementId?: string;
  status?: string;
  error?: string;
}

async function outboxMessages(): Promise<string[]> {
  const outbox = path.join(state, 'outbox');
  const files = (await readdir(outbox).catch(() => [] as string[])).filter((file) => file.endsWith('.json'));
  return Promise.all(files.map((file) => readFile(path.join(outbox, file), 'utf8')));
}

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-sigkill-'));
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('shiftflow run killed with SIGKILL mid-run', () => {
  it('after a restart: the run is ended in the history, committed rows are intact, the app runs again', async () => {
    const first = await runCliProcess(['run', '--json', '--rows', String(sampleRows), '--state-dir', state]);
    expect(first.code, first.stderr).toBe(0);
    expect(await loadedRowCount(state)).toBe(sampleRows);
    const created = await runCliProcess([
      'query',
      `create or replace procedure wipe_slowly() as $$
begin
  delete from nyc_yellow_taxi;
  perform pg_sleep(120);
end;
$$ language plpgsql`,
      '--state-dir',
      state,
    ]);
    expect(created.code, created.stderr).toBe(0);

    const child = spawn(
      process.execPath,
      [cliPath, 'run', '--state-dir', state, '--elt-sql', 'CALL wipe_slowly();', '--timeout', '300'],
      { cwd: repositoryRoot, env: testEnvironment, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const closed = once(child, 'close');
    // The run's progress (submitted, running) is on stderr.
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stdout.resume();
    const deadline = Date.now() + 120_000;
    while (!/running\s+started/.test(stdout) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    killedStatementId = /statement ([0-9a-f-]{36})/.exec(stdout)?.[1] ?? '';
    expect(killedStatementId, stdout).not.toBe('');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    process.kill(child.pid!, 'SIGKILL');
    const [code, signal] = (await closed) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });

    const runs = await runCliProcess(['runs', '--json', '--state-dir', state]);
    expect(runs.code, runs.stderr).toBe(0);
    const records = JSON.parse(runs.stdout.trim().split('\n').at(-1)!) as
      | RunRecordJson[]
      | { runs: RunRecordJson[] };
    const list = Array.isArray(records) ? records : records.runs;
    const killed = list.find((record) => record.statementId === killedStatementId);
    expect(killed?.status).toMatch(/^(ABORTED|FAILED)$/);
    expect(await loadedRowCount(state)).toBe(sampleRows);

    const again = await runCliProcess(['run', '--json', '--state-dir', state]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ status: 'FINISHED' });
    expect(await loadedRowCount(state)).toBe(sampleRows);
  });

  it('announces the interrupted run after the restart (users learn it did not complete)', async () => {
    expect(killedStatementId).not.toBe('');
    const messages = await outboxMessages();
    expect(messages.filter((message) => message.includes(killedStatementId))).toHaveLength(1);
  });
});
