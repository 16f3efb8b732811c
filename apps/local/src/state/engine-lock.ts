/**
 * One local engine per state folder. The decision rests on an operating-system lock on the state
 * folder itself (`tryLockFolder` of @shiftflow/redshift-local: `flock(2)` on the folder, see its
 * folder-lock.ts for why that way): it holds across PID namespaces (a container sharing the
 * folder), whatever happens to the files inside (deleting `engine.lock` changes nothing), and the
 * kernel releases it when the holder dies. `engine.lock` only records who holds it (pid, command,
 * endpoint) so other commands can name the holder and use its endpoint. On Windows, which has no
 * `flock`, the recorded pid decides, as before.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tryLockFolder } from '@shiftflow/redshift-local';
import { z } from 'zod';
import { EngineInUseError } from '../errors';
import { writeFileAtomic } from '../files/write-file-atomic';
import { stateFileError } from './state-file-error';
import type { StateLayout } from './state-layout';

const engineLockHolderSchema = z.object({
  pid: z.number().int().positive(),
  command: z.string(),
  endpoint: z.string().optional(),
});

/** Who holds the local engine of a state folder, as it recorded in `engine.lock`. */
export type EngineLockHolder = z.infer<typeof engineLockHolderSchema>;

/** A held engine lock. */
export interface EngineLock {
  /** Records the endpoint, so other commands can use the running engine. */
  setEndpoint(endpoint: string): Promise<void>;
  release(): Promise<void>;
}

/** State folders whose engine this process holds: it is never its own "other holder". */
const heldByThisProcess = new Set<string>();

/** Pauses between attempts while a `engineLockHolder` probe holds the lock for a moment. */
const retryDelaysMs = [20, 40, 80, 160];

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What `engine.lock` says, or undefined when it is missing or not a record shiftflow wrote. Only
 * names a holder: whether one is alive is the OS lock's to say.
 *
 * @example
 * const record = await readHolderRecord(state);
 */
export async function readHolderRecord(state: StateLayout): Promise<EngineLockHolder | undefined> {
  let text: string;
  try {
    text = await readFile(state.engineLock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw stateFileError(state.engineLock, 'read', error);
  }
  try {
    const parsed = engineLockHolderSchema.safeParse(JSON.parse(text));
    // Written whole (rename), so an unreadable record was damaged outside shiftflow: the holder is then unnamed.
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: as above, the holder is unnamed; the OS lock alone decides.
    return undefined;
  }
}

async function writeHolderRecord(state: StateLayout, holder: EngineLockHolder): Promise<void> {
  try {
    // Not flushed to disk: the record only matters while its holder lives.
    await writeFileAtomic(state.engineLock, JSON.stringify(holder), { durable: false });
  } catch (error) {
    throw stateFileError(state.engineLock, 'write', error);
  }
}

function describeHolder(holder: EngineLockHolder | undefined): string {
  if (holder === undefined) return 'another shiftflow process (its engine.lock record is missing or damaged)';
  return `"shiftflow ${holder.command}" (pid ${holder.pid}${holder.endpoint ? `, ${holder.endpoint}` : ''})`;
}

/**
 * The live holder of the state folder's engine, or undefined when none. Decided by the OS lock;
 * a holder whose record is gone is returned as `{ pid: 0, command: 'unknown' }`.
 *
 * @example
 * const holder = await engineLockHolder(state);
 * if (holder?.endpoint) console.log(`dev is running at ${holder.endpoint}`);
 */
export async function engineLockHolder(state: StateLayout): Promise<EngineLockHolder | undefined> {
  if (heldByThisProcess.has(state.root)) return undefined;
  let probe: Awaited<ReturnType<typeof tryLockFolder>>;
  try {
    probe = await tryLockFolder(state.root, { shared: true });
  } catch (error) {
    // No folder, no engine: nothing can hold it.
    if ((error as { cause?: NodeJS.ErrnoException }).cause?.code === 'ENOENT') return undefined;
    throw error;
  }
  if (probe.status === 'locked') {
    probe.lock.release();
    return undefined;
  }
  const record = await readHolderRecord(state);
  if (probe.status === 'unsupported') {
    return record && record.pid !== process.pid && isRunning(record.pid) ? record : undefined;
  }
  return record ?? { pid: 0, command: 'unknown' };
}

/** Windows: the record itself is the lock, created exclusively; a dead holder's is taken over. */
async function acquireByRecord(state: StateLayout, holder: EngineLockHolder): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await writeFile(state.engineLock, JSON.stringify(holder), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw stateFileError(state.engineLock, 'create', error);
    }
    const current = await readHolderRecord(state);
    if (current && current.pid !== process.pid && isRunning(current.pid)) {
      throw new EngineInUseError(
        state.root,
        current,
        `the local Redshift of ${state.root} is in use by ${describeHolder(current)}; stop it first, or use another --state-dir`,
      );
    }
    await rm(state.engineLock, { force: true });
  }
  throw new EngineInUseError(
    state.root,
    undefined,
    `could not take the local Redshift of ${state.root}: ${state.engineLock} keeps reappearing; another shiftflow is starting there`,
  );
}

/**
 * Takes the state folder's engine for this process for as long as it runs (or until `release`):
 * the embedded engine must never be opened by two processes at once.
 *
 * @throws EngineInUseError naming the process that holds it.
 * @example
 * const lock = await acquireEngineLock(state, 'run');
 * try { … } finally { await lock.release(); }
 */
export async function acquireEngineLock(state: StateLayout, command: string): Promise<EngineLock> {
  const record: EngineLockHolder = { pid: process.pid, command };
  if (heldByThisProcess.has(state.root)) {
    throw new EngineInUseError(
      state.root,
      record,
      `the local Redshift of ${state.root} is already open in this process`,
    );
  }
  let attempt = await tryLockFolder(state.root);
  for (const delay of retryDelaysMs) {
    if (attempt.status !== 'busy') break;
    // A probe (engineLockHolder in another command) holds a shared lock for a few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, delay));
    attempt = await tryLockFolder(state.root);
  }
  if (attempt.status === 'busy') {
    const holder = await readHolderRecord(state);
    throw new EngineInUseError(
      state.root,
      holder,
      `the local Redshift of ${state.root} is in use by ${describeHolder(holder)}; stop it first, or use another --state-dir`,
    );
  }
  const osLock = attempt.status === 'locked' ? attempt.lock : undefined;
  try {
    if (osLock) await writeHolderRecord(state, record);
    else await acquireByRecord(state, record);
  } catch (error) {
    osLock?.release();
    throw error;
  }
  heldByThisProcess.add(state.root);
  let released = false;
  return {
    async setEndpoint(endpoint) {
      record.endpoint = endpoint;
      await writeHolderRecord(state, record);
    },
    async release() {
      if (released) return;
      released = true;
      try {
        // Ours while we hold the lock: removed first, so no reader finds a record without a holder.
        await rm(state.engineLock, { force: true });
      } finally {
        heldByThisProcess.delete(state.root);
        osLock?.release();
      }
    },
  };
}
