import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineInUseError, StateFolderError } from '../errors';
import { acquireEngineLock } from './engine-lock';
import { ensureStateFolder } from './ensure-state-folder';
import { resetStateFolder } from './reset-state-folder';
import { type StateLayout, stateLayout } from './state-layout';

let directory: string;
let state: StateLayout;
const holders: ChildProcessByStdio<null, Readable, null>[] = [];

/** A shiftflow-made state folder with something in every part of the layout. */
async function populatedState(): Promise<void> {
  await ensureStateFolder(state);
  for (const folder of [state.engine, state.s3, state.outbox, state.deadLetter, state.logs]) {
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'x'), 'x');
  }
  for (const file of [state.history, state.notifierLedger, state.setupFingerprint])
    await writeFile(file, '{}');
  await writeFile(path.join(state.root, '.runs.jsonl.0b7c1c2e-1d7a-4a8e-9f0e-3f5d9c1a2b3c.tmp'), 'half');
}

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'reset-state-'));
  state = stateLayout(path.join(directory, '.shiftflow'));
});
afterEach(async () => {
  for (const child of holders.splice(0)) {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
  await rm(directory, { recursive: true, force: true });
});

describe('resetStateFolder', () => {
  it('deletes the whole layout, temporary files of killed writes too, and the folder', async () => {
    await populatedState();

    expect(await resetStateFolder(state)).toEqual({ status: 'reset', kept: [] });

    expect(existsSync(state.root)).toBe(false);
  });

  it('leaves files shiftflow does not know, with the marker, and says which', async () => {
    await populatedState();
    await writeFile(path.join(state.root, 'notes.md'), 'mine');
    await mkdir(path.join(state.root, 'photos'));

    const outcome = await resetStateFolder(state);

    expect(outcome).toEqual({ status: 'reset', kept: ['notes.md', 'photos'] });
    expect((await readdir(state.root)).sort()).toEqual(['.shiftflow-state', 'notes.md', 'photos']);
  });

  it('refuses a folder without the marker, deleting nothing', async () => {
    await mkdir(state.root);
    await writeFile(path.join(state.root, 'runs.jsonl'), 'not shiftflow');

    await expect(resetStateFolder(state)).rejects.toThrow(StateFolderError);
    expect(await readdir(state.root)).toEqual(['runs.jsonl']);
  });

  it('leaves an empty folder without the marker alone, and a missing one is nothing to do', async () => {
    expect(await resetStateFolder(state)).toEqual({ status: 'missing' });
    await mkdir(state.root);

    expect(await resetStateFolder(state)).toEqual({ status: 'empty' });
    expect(existsSync(state.root)).toBe(true);
  });

  it('refuses while this process has the engine open', async () => {
    await populatedState();
    const lock = await acquireEngineLock(state, 'dev');

    await expect(resetStateFolder(state)).rejects.toThrow(`refusing to reset ${state.root}: "shiftflow dev"`);
    await lock.release();
  });

  it('refuses while another process holds the folder even though engine.lock was deleted', async () => {
    await populatedState();
    const holder = spawn(
      'perl',
      [
        '-e',
        'use Fcntl ":flock"; open(my $d, "<", $ARGV[0]) or die; flock($d, LOCK_EX) or die; $| = 1; print "locked\\n"; sleep 600',
        state.root,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    holders.push(holder);
    await once(holder.stdout, 'data');

    await expect(resetStateFolder(state)).rejects.toThrow(EngineInUseError);
    await expect(resetStateFolder(state)).rejects.toThrow(
      'its engine.lock record is gone, but it still holds the folder',
    );
    expect(existsSync(state.engine)).toBe(true);
  });
});
