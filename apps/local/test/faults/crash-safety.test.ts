/**
 * The built CLI killed with SIGKILL at the moments a crash hurts most, then started again. The
 * process kills itself at a named crash point (`SHIFTFLOW_CRASH_AT`, see src/files/crash-point.ts),
 * so each test hits its moment every time instead of by chance. Afterwards the state folder must
 * hold no half-written file, and every run must be loaded, recorded and announced exactly once.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliPath, repositoryRoot, runCliProcess, testEnvironment } from '../cli-process';
import { loadedRowCount } from '../loaded-row-count';

let state: string;

beforeEach(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-crash-'));
});
afterEach(async () => {
  await rm(state, { recursive: true, force: true });
});

interface KilledRun {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `shiftflow run` that kills itself with SIGKILL at `crashPoint`. */
async function runKilledAt(crashPoint: string, rows: number): Promise<KilledRun> {
  const child = spawn(process.execPath, [cliPath, 'run', '--rows', String(rows), '--state-dir', state], {
    cwd: repositoryRoot,
    env: { ...testEnvironment, SHIFTFLOW_CRASH_AT: crashPoint },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}

async function runOnce(rows: number): Promise<Record<string, unknown>> {
  const result = await runCliProcess(['run', '--json', '--rows', String(rows), '--state-dir', state]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

interface RunJson {
  statementId?: string;
  status?: string;
  rows?: number;
}

async function runs(): Promise<RunJson[]> {
  const result = await runCliProcess(['runs', '--json', '--state-dir', state]);
  expect(result.code, result.stderr).toBe(0);
  const parsed = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as RunJson[] | { runs: RunJson[] };
  return Array.isArray(parsed) ? parsed : parsed.runs;
}

/** The outbox's notification documents, by file name, and the names of every file in it. */
async function outbox(): Promise<{ files: string[]; documents: Map<string, string> }> {
  const directory = path.join(state, 'outbox');
  const files = (await readdir(directory).catch(() => [] as string[])).sort();
  const documents = new Map<string, string>();
  for (const file of files.filter((name) => name.endsWith('.json'))) {
    documents.set(file, await readFile(path.join(directory, file), 'utf8'));
  }
  return { files, documents };
}

/** The statement of the killed run: the last one the run history recorded as submitted. */
async function killedStatementId(killed: KilledRun): Promise<string> {
  const lines = (await readFile(path.join(state, 'runs.jsonl'), 'utf8')).split('\n');
  const submitted = lines
    .filter((line) => line.includes('"type":"submitted"'))
    .map((line) => JSON.parse(line) as { statementId: string });
  const id = submitted.at(-1)?.statementId;
  expect(id, killed.stdout).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

function expectKilled(killed: KilledRun): void {
  expect({ code: killed.code, signal: killed.signal }, killed.stderr).toEqual({
    code: null,
    signal: 'SIGKILL',
  });
}

describe('shiftflow killed with SIGKILL at a dangerous moment', () => {
  it('while the sample is generated: the next run generates the whole sample and loads all of it', async () => {
    const killed = await runKilledAt('sample-part-written', 1000);
    expectKilled(killed);

    const result = await runOnce(1000);

    expect(result).toMatchObject({ status: 'FINISHED', rows: 1000 });
    expect(await loadedRowCount(state)).toBe(1000);
    const bucket = path.join(state, 's3', 'shiftflow-sample');
    expect(await readdir(bucket)).toEqual(['nyc_yellow_taxi_raw']);
  });

  it('just after the completion event: the restart knows the run ended, records its rows and announces it once', async () => {
    const killed = await runKilledAt('status-change-event', 1500);
    expectKilled(killed);
    const statementId = await killedStatementId(killed);

    // A restarted engine still knows the ended statement (as the Data API keeps it 24 h).
    expect((await runs()).find((run) => run.statementId === statementId)).toMatchObject({
      status: 'FINISHED',
    });
    // The next run's reconciler announces it, with its real row count in the history.
    await runOnce(1500);
    await runOnce(1500);

    const killedRun = (await runs()).find((run) => run.statementId === statementId);
    expect(killedRun).toMatchObject({ status: 'FINISHED', rows: 1500 });
    const { documents } = await outbox();
    const announcements = [...documents.values()].filter((document) => document.includes(statementId));
    expect(announcements).toHaveLength(1);
    expect(announcements[0]).toContain('FINISHED');
  });

  it('while the outbox file is written: no empty or orphaned file, not "announced" before it is stored, announced once after the restart', async () => {
    const killed = await runKilledAt('outbox-eml-written', 1000);
    expectKilled(killed);
    const statementId = await killedStatementId(killed);
    const ledgerFile = path.join(state, 'notifier-ledger.json', `${statementId}.json`);
    expect(JSON.parse(await readFile(ledgerFile, 'utf8'))).toMatchObject({ state: 'claimed' });
    const before = await outbox();
    expect([...before.documents.values()].filter((document) => document.includes(statementId))).toEqual([]);

    await runOnce(1000);

    const after = await outbox();
    const announcements = [...after.documents.values()].filter((document) => document.includes(statementId));
    expect(announcements).toHaveLength(1);
    for (const [file, document] of after.documents) {
      expect(JSON.parse(document), file).toMatchObject({ Type: 'Notification' });
      expect(after.files).toContain(file.replace(/\.json$/, '.eml'));
    }
    expect(after.files.filter((file) => file.endsWith('.eml'))).toHaveLength(after.documents.size);
    expect(after.files.filter((file) => !/\.(json|eml)$/.test(file))).toEqual([]);
    expect(JSON.parse(await readFile(ledgerFile, 'utf8'))).toMatchObject({ state: 'announced' });
  });
});

describe('shiftflow with damaged state files', () => {
  it('skips a garbage line of runs.jsonl with a warning naming file and line, and still runs', async () => {
    await runOnce(500);
    const history = path.join(state, 'runs.jsonl');
    await appendFile(history, 'this line is garbage\n');

    const result = await runCliProcess(['run', '--json', '--state-dir', state]);

    expect(result.code, result.stderr).toBe(0);
    const lineNumber = (await readFile(history, 'utf8')).split('\n').indexOf('this line is garbage') + 1;
    expect(result.stderr).toContain(`${history}:${lineNumber} is not JSON`);
    expect((await runs()).filter((run) => run.status === 'FINISHED')).toHaveLength(2);
  });

  it('reports a notifier ledger path that is a file, naming it, in the run result and the exit code', async () => {
    await runOnce(500);
    const ledger = path.join(state, 'notifier-ledger.json');
    await rm(ledger, { recursive: true });
    await writeFile(ledger, '{}\n');

    const result = await runCliProcess(['run', '--json', '--rows', '500', '--state-dir', state]);

    const output = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(output).toMatchObject({ status: 'FINISHED' });
    expect(output.notificationError).toEqual(expect.stringContaining(`"${ledger}" is a file, not a folder`));
    expect(result.code, 'a run whose notification failed does not exit 0').toBe(1);
  });
});
