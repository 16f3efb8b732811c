import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { tryLockFolder } from '@shiftflow/redshift-local';
import { EngineInUseError, StateFolderError } from '../errors';
import { engineLockHolder, readHolderRecord } from './engine-lock';
import { stateFileError } from './state-file-error';
import type { StateLayout } from './state-layout';

/** What `resetStateFolder` did. */
export type ResetOutcome =
  | { status: 'missing' }
  /** An empty folder without a marker: nothing of shiftflow's to delete, so it is left alone. */
  | { status: 'empty' }
  /** `kept` lists the entries shiftflow does not know, left in place (with the marker). */
  | { status: 'reset'; kept: string[] };

/** Whether a folder entry is part of the layout: a known path, or the temporary file of one. */
function belongsToLayout(entry: string, known: ReadonlySet<string>): boolean {
  if (known.has(entry)) return true;
  // Atomic writes leave `.<name>.<id>.tmp` (files/write-file-atomic.ts) when killed mid-write.
  const temporary = /^\.?(.+?)\.[^.]+\.tmp$/.exec(entry);
  return temporary !== null && known.has(temporary[1]!);
}

function inUse(state: StateLayout, holder: Awaited<ReturnType<typeof engineLockHolder>>): EngineInUseError {
  const who =
    holder === undefined || holder.pid === 0
      ? 'a shiftflow process (its engine.lock record is gone, but it still holds the folder)'
      : `"shiftflow ${holder.command}" (pid ${holder.pid})`;
  return new EngineInUseError(
    state.root,
    holder && holder.pid !== 0 ? holder : undefined,
    `refusing to reset ${state.root}: ${who} has its local Redshift open; stop it first`,
  );
}

/** Deletes the layout's entries; returns the entries it does not know, which it leaves. */
async function removeLayout(state: StateLayout, entries: readonly string[]): Promise<string[]> {
  const known = new Set(
    Object.entries(state)
      .filter(([name]) => name !== 'root' && name !== 'marker')
      .map(([, value]) => path.basename(value)),
  );
  const kept: string[] = [];
  for (const entry of entries) {
    if (entry === path.basename(state.marker)) continue;
    if (!belongsToLayout(entry, known)) {
      kept.push(entry);
      continue;
    }
    const target = path.join(state.root, entry);
    try {
      await rm(target, { recursive: true, force: true });
    } catch (error) {
      throw stateFileError(target, 'delete', error);
    }
  }
  return kept;
}

/**
 * `shiftflow reset`: deletes what shiftflow keeps in the state folder, and nothing else. Only a
 * folder with the `.shiftflow-state` marker is touched; only the entries of the state layout are
 * deleted (unknown files stay, and so does the marker then); and never while a process has the
 * engine open, which the OS lock on the folder tells whatever happened to `engine.lock`. The lock
 * is held while deleting, so no engine starts meanwhile.
 *
 * @throws StateFolderError for a folder shiftflow did not create; EngineInUseError while in use.
 * @example
 * const outcome = await resetStateFolder(stateLayout('.shiftflow'));
 */
export async function resetStateFolder(state: StateLayout): Promise<ResetOutcome> {
  try {
    if (!(await stat(state.root)).isDirectory()) {
      throw new StateFolderError(
        state.root,
        `refusing to reset ${state.root}: it is a file, not a state folder`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  const entries = await readdir(state.root);
  if (!entries.includes(path.basename(state.marker))) {
    if (entries.length === 0) return { status: 'empty' };
    throw new StateFolderError(
      state.root,
      `refusing to delete ${state.root}: it is not empty and has no ${path.basename(state.marker)} marker, so shiftflow did not create it`,
    );
  }
  const attempt = await tryLockFolder(state.root);
  if (attempt.status === 'busy') throw inUse(state, await readHolderRecord(state));
  if (attempt.status === 'unsupported') {
    const holder = await engineLockHolder(state);
    if (holder) throw inUse(state, holder);
  }
  try {
    // An engine opened on the data dir directly (redshift-local serve --data-dir) holds that folder.
    const engine = await tryLockFolder(state.engine).catch((error: { cause?: NodeJS.ErrnoException }) => {
      if (error.cause?.code === 'ENOENT') return undefined; // no engine folder: nothing to hold it
      throw error;
    });
    if (engine?.status === 'busy') throw inUse(state, undefined);
    let kept: string[];
    try {
      kept = await removeLayout(state, entries);
    } finally {
      if (engine?.status === 'locked') engine.lock.release();
    }
    if (kept.length > 0) return { status: 'reset', kept };
    await rm(state.marker, { force: true });
    await rmdir(state.root);
    return { status: 'reset', kept };
  } finally {
    if (attempt.status === 'locked') attempt.lock.release();
  }
}
