import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateFolderError } from '../errors';
import { ensureStateFolder } from './ensure-state-folder';
import { stateLayout } from './state-layout';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'ensure-state-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('ensureStateFolder', () => {
  it('creates a missing folder and marks it', async () => {
    const state = stateLayout(path.join(directory, 'nested', '.shiftflow'));

    await ensureStateFolder(state);

    expect(await readFile(state.marker, 'utf8')).toContain('local state of shiftflow');
  });

  it('marks an empty folder, and uses a marked one as it is', async () => {
    const state = stateLayout(path.join(directory, 'empty'));
    await mkdir(state.root);

    await ensureStateFolder(state);
    await writeFile(path.join(state.root, 'runs.jsonl'), '');
    await ensureStateFolder(state);

    expect((await readdir(state.root)).sort()).toEqual(['.shiftflow-state', 'runs.jsonl']);
  });

  it('refuses a folder with files and no marker, naming it and leaving it untouched', async () => {
    const state = stateLayout(path.join(directory, 'projects'));
    await mkdir(state.root);
    await writeFile(path.join(state.root, 'thesis.tex'), 'years of work');

    const refused = ensureStateFolder(state);

    await expect(refused).rejects.toThrow(StateFolderError);
    await expect(ensureStateFolder(state)).rejects.toThrow(
      `refusing to use ${state.root} as the state folder: it holds 1 file(s) and no .shiftflow-state marker`,
    );
    expect(await readdir(state.root)).toEqual(['thesis.tex']);
  });

  it('refuses a path that is a file', async () => {
    const state = stateLayout(path.join(directory, 'file'));
    await writeFile(state.root, 'x');

    await expect(ensureStateFolder(state)).rejects.toThrow(`${state.root} is a file, not a folder`);
  });
});
