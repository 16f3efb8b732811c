import { randomUUID } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { LocalAppError } from '../errors';
import type { StateLayout } from './state-layout';

/** Who holds the local engine of a state folder. */
export interface EngineLockHolder {
  pid: number;
  command: string;
  /** The holder's Data API endpoint, once it is up. */
  endpoint?: string;
}

/** The process taking or looking at the lock; tests pass other processes. */
export interface EngineLockProcess {
  /** Defaults to `process.pid`. */
  pid?: number;
  /** Whether a process is running. Defaults to asking the OS with signal 0. */
  isAlive?: (pid: number) => boolean;
}

/** A held engine lock. */
export interface EngineLock {
  /** Records the endpoint, so other commands can use the running engine. */
  setEndpoint(endpoint: string): Promise<void>;
  release(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes the lock's content beside it first, so no reader ever sees a half-written lock. */
async function writeBeside(file: string, pid: number, content: string): Promise<string> {
  const temporary = `${file}.${pid}-${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  return temporary;
}

/**
 * The live holder of the state folder's engine, or undefined when none (a lock left by a process
 * that died does not count).
 *
 * @example
 * const holder = await engineLockHolder(state);
 * if (holder?.endpoint) console.log(`dev is running at ${holder.endpoint}`);
 */
export async function engineLockHolder(
  state: StateLayout,
  self: EngineLockProcess = {},
): Promise<EngineLockHolder | undefined> {
  const pid = self.pid ?? process.pid;
  const isAlive = self.isAlive ?? isRunning;
  let text: string;
  try {
    text = await readFile(state.engineLock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let holder: EngineLockHolder;
  try {
    holder = JSON.parse(text) as EngineLockHolder;
  } catch {
    // Locks are written whole (link or rename), so an unreadable one was damaged outside shiftflow.
    return undefined;
  }
  if (typeof holder.pid !== 'number' || holder.pid === pid || !isAlive(holder.pid)) return undefined;
  return holder;
}

/**
 * Takes the state folder's engine for this process: the embedded engine must never be opened by
 * two processes at once. Taking it is atomic (a hard link that fails when the lock exists), so two
 * commands started together cannot both get it.
 *
 * @throws LocalAppError ENGINE_IN_USE naming the process that holds it.
 * @example
 * const lock = await acquireEngineLock(state, 'run');
 * try { … } finally { await lock.release(); }
 */
export async function acquireEngineLock(
  state: StateLayout,
  command: string,
  self: EngineLockProcess = {},
): Promise<EngineLock> {
  const pid = self.pid ?? process.pid;
  const record: EngineLockHolder = { pid, command };
  const inUse = (holder: EngineLockHolder) =>
    new LocalAppError(
      'ENGINE_IN_USE',
      `the local Redshift of ${state.root} is in use by "shiftflow ${holder.command}" (pid ${holder.pid}${holder.endpoint ? `, ${holder.endpoint}` : ''}); stop it first, or use another --state-dir`,
    );
  const temporary = await writeBeside(state.engineLock, pid, JSON.stringify(record));
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await link(temporary, state.engineLock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await engineLockHolder(state, self);
      if (holder) throw inUse(holder);
      if (attempt === 3) {
        throw new LocalAppError(
          'ENGINE_IN_USE',
          `could not take the local Redshift of ${state.root}: ${state.engineLock} keeps reappearing; another shiftflow is starting there`,
        );
      }
      // Left by a process that died: take it over.
      await rm(state.engineLock, { force: true });
    }
  } finally {
    await rm(temporary, { force: true });
  }
  return {
    async setEndpoint(endpoint) {
      record.endpoint = endpoint;
      // Replaced in one step: a reader sees the old or the new lock, never an empty file.
      await rename(await writeBeside(state.engineLock, pid, JSON.stringify(record)), state.engineLock);
    },
    async release() {
      const current = await readFile(state.engineLock, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined; // already gone: nothing to release
        throw error;
      });
      let holderPid: unknown;
      try {
        holderPid = current === undefined ? undefined : (JSON.parse(current) as EngineLockHolder).pid;
      } catch {
        // Damaged outside shiftflow: not ours to judge, leave it for the next acquire to take over.
        holderPid = undefined;
      }
      if (holderPid === pid) await rm(state.engineLock, { force: true });
    },
  };
}
