import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliProcess } from './cli-process';

let state: string;

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-interrupt-'));
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('shiftflow run interrupted', () => {
  it('starts no run when Ctrl-C comes while the pipeline opens, exits 130 and releases the engine', async () => {
    // The first line is the banner, printed once the endpoints are up and before the setup and
    // the sample (a fresh state folder: both take a while).
    const run = await startCliProcess(['run', '--rows', '20000', '--state-dir', state]);
    expect(run.firstLine).toContain('shiftflow nyc-taxi');

    const code = await run.stop();

    expect(code).toBe(130);
    const historyFile = path.join(state, 'runs.jsonl');
    const history = existsSync(historyFile) ? await readFile(historyFile, 'utf8') : '';
    expect(history).not.toContain('"submitted"');
    expect(run.output()).not.toContain('submitted');
    // The engine lock went with the process: another command may open the state folder.
    await sleep(50);
    expect(existsSync(path.join(state, 'engine.lock'))).toBe(false);
  });
});
