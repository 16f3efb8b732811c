import { readFile, rm, writeFile } from 'node:fs/promises';
import { LocalAppError } from '../errors';
import type { StateLayout } from './state-layout';

/** Who holds the local engine of a state folder. */
export interface EngineLockHolder {
  pid: number;
  command: string;
  /** The holder's Data API endpoint, once it is up. */
  endpoint?: string;
}

/** A held engine lock. */
export interface EngineLock {
  /** Records the endpoint, so other commands can use the running engine. */
  setEndpoint(endpoint: string): Promise<void>;
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The live holder of the state folder's engine, or undefined when none (a lock left by a process
 * that died does not count).
 *
 * @example
 * const holder = await engineLockHolder(state);
 * if (holder?.endpoint) console.log(`dev is running at ${holder.endpoint}`);
 */
export async function engineLockHolder(state: StateLayout): Promise<EngineLockHolder | undefined> {
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
    // A lock cut short by a crash while it was written: its writer is gone.
    return undefined;
  }
  if (typeof holder.pid !== 'number' || holder.pid === process.pid || !isAlive(holder.pid)) return undefined;
  return holder;
}

/**
 * Takes the state folder's engine for this process: the embedded engine must never be opened by
 * two processes at once.
 *
 * @throws LocalAppError ENGINE_IN_USE naming the process that holds it.
 * @example
 * const lock = await acquireEngineLock(state, 'run');
 * try { … } finally { await lock.release(); }
 */
export async function acquireEngineLock(state: StateLayout, command: string): Promise<EngineLock> {
  const holder = await engineLockHolder(state);
  if (holder) {
    throw new LocalAppError(
      'ENGINE_IN_USE',
      `the local Redshift of ${state.root} is in use by "shiftflow ${holder.command}" (pid ${holder.pid}${holder.endpoint ? `, ${holder.endpoint}` : ''}); stop it first, or use another --state-dir`,
    );
  }
  const record: EngineLockHolder = { pid: process.pid, command };
  await writeFile(state.engineLock, JSON.stringify(record));
  return {
    async setEndpoint(endpoint) {
      record.endpoint = endpoint;
      await writeFile(state.engineLock, JSON.stringify(record));
    },
    async release() {
      const current = await readFile(state.engineLock, 'utf8').catch(() => undefined);
      if (current !== undefined && (JSON.parse(current) as EngineLockHolder).pid === process.pid) {
        await rm(state.engineLock, { force: true });
      }
    },
  };
}
