import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StateFolderError } from '../errors';
import { stateFileError } from './state-file-error';
import type { StateLayout } from './state-layout';

const markerText =
  'This folder is the local state of shiftflow; `shiftflow reset` deletes what shiftflow keeps in it.\n';

/**
 * Makes sure the state folder is shiftflow's before anything is written in it: a folder that does
 * not exist is created, an empty one is taken, one with the `.shiftflow-state` marker is used as it
 * is. Any other folder belongs to someone else, and marking it would let `reset` delete it.
 *
 * @throws StateFolderError for a folder with files but no marker, or a path that is not a folder.
 * @example
 * await ensureStateFolder(stateLayout('.shiftflow'));
 */
export async function ensureStateFolder(state: StateLayout): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(state.root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') {
      throw new StateFolderError(
        state.root,
        `${state.root} is a file, not a folder; pass --state-dir a new or empty folder for shiftflow's local state`,
        { cause: error },
      );
    }
    if (code !== 'ENOENT') throw stateFileError(state.root, 'read', error);
    try {
      await mkdir(state.root, { recursive: true });
    } catch (mkdirError) {
      throw stateFileError(state.root, 'create', mkdirError);
    }
    entries = [];
  }
  const marker = path.basename(state.marker);
  if (entries.includes(marker)) return;
  if (entries.length > 0) {
    throw new StateFolderError(
      state.root,
      `refusing to use ${state.root} as the state folder: it holds ${entries.length} file(s) and no ${marker} marker, so shiftflow did not create it. Pass --state-dir a new or empty folder (shiftflow creates it), or the state folder shiftflow made before`,
    );
  }
  try {
    await writeFile(state.marker, markerText, { flag: 'wx' });
  } catch (error) {
    // Another command marked it at the same moment: it is shiftflow's either way.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw stateFileError(state.marker, 'write', error);
  }
}
