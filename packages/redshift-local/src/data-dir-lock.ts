/**
 * One engine per data dir: an OS lock on the folder (see folder-lock.ts) held while the engine is
 * open, and a file in it naming the holder's pid for other processes' messages.
 */
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EngineDataDirError, EngineInUseError } from './errors';
import { tryLockFolder } from './folder-lock';

/** Data dirs this process has open: PGlite has no lock of its own, and two writers corrupt a data dir. */
const openDataDirs = new Set<string>();

/** The file in the data dir naming the process that has it open (for messages; the lock is the OS's). */
const holderRecordName = 'redshift-local.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function recordedHolder(recordFile: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(recordFile, 'utf8');
  } catch (error) {
    // Not written yet by a holder that is starting, or removed: the holder is then unnamed.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** A file-system error on a file of the data dir, with the file and, for a full disk, what to do. */
export function dataDirFileError(dataDir: string, file: string, error: unknown): EngineDataDirError {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === 'ENOSPC'
    ? new EngineDataDirError(
        dataDir,
        'no-space',
        `could not write ${file}: no space left on device; free some space on its disk and try again`,
        { cause: error },
      )
    : new EngineDataDirError(dataDir, 'file-system', `could not write ${file}: ${message}`, { cause: error });
}

/** Windows (no OS lock): `<dataDir>/redshift-local.pid` taken exclusively, a dead holder's taken over. */
function lockDataDirByPid(directory: string, recordFile: string): () => void {
  for (;;) {
    try {
      writeFileSync(recordFile, String(process.pid), { flag: 'wx' });
      openDataDirs.add(directory);
      return () => {
        openDataDirs.delete(directory);
        rmSync(recordFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw dataDirFileError(directory, recordFile, error);
      const owner = recordedHolder(recordFile);
      if (owner !== undefined && owner !== process.pid && processAlive(owner)) {
        throw new EngineInUseError(
          directory,
          owner,
          `data dir ${directory} is in use by process ${owner} (${recordFile})`,
        );
      }
      // Left behind by a process that ended without closing: take it over.
      unlinkSync(recordFile);
    }
  }
}

/**
 * Takes the data dir for this engine: an OS lock on the folder (see folder-lock.ts), which no
 * PID namespace hides and the kernel releases when this process dies, plus a file naming this
 * process for the messages of others. Returns the release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const directory = path.resolve(dataDir);
  const recordFile = path.join(directory, holderRecordName);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw dataDirFileError(directory, directory, error);
  }
  if (openDataDirs.has(directory)) {
    throw new EngineInUseError(
      directory,
      process.pid,
      `data dir ${directory} is already open in this process`,
    );
  }
  const attempt = await tryLockFolder(directory);
  if (attempt.status === 'unsupported') return lockDataDirByPid(directory, recordFile);
  if (attempt.status === 'busy') {
    const holder = recordedHolder(recordFile);
    const who =
      holder === process.pid
        ? 'this process'
        : holder === undefined
          ? 'another process'
          : `process ${holder}`;
    throw new EngineInUseError(
      directory,
      holder,
      `data dir ${directory} is in use by ${who} (it holds the folder's lock${holder === undefined ? '' : `; pid from ${recordFile}, as seen in its own PID namespace`}); stop it first, or use another data dir`,
    );
  }
  try {
    writeFileSync(recordFile, String(process.pid));
  } catch (error) {
    attempt.lock.release();
    throw dataDirFileError(directory, recordFile, error);
  }
  openDataDirs.add(directory);
  return () => {
    openDataDirs.delete(directory);
    rmSync(recordFile, { force: true });
    attempt.lock.release();
  };
}
