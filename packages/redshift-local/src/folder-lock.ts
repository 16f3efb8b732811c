/**
 * An operating-system lock on a folder: `flock(2)` on the folder itself, so it holds whatever
 * happens to the files inside it, across PID namespaces (containers sharing the folder), and is
 * released by the kernel when the holding process dies, however it dies.
 *
 * Why this way. Node has no `flock` API. We considered:
 * - a native addon (`fs-ext` compiles with node-gyp at install, which needs Node's headers from
 *   the internet; `fs-native-extensions` ships prebuilt binaries, glibc-only on Linux, and would
 *   put third-party native code and four packages under every user of this package);
 * - `node:sqlite`'s file locking: Node ≥ 22.5 only (we support ≥ 20.19) and still experimental;
 * - a child process holding `flock` while it lives: a second process to keep alive and to kill,
 *   and a window in which we run without it.
 * We open the folder here and let a short-lived `flock(1)` (util-linux or BusyBox, on every
 * Linux) or `perl` (shipped with macOS and Debian) lock our inherited descriptor and exit. A
 * `flock` lock belongs to the open file description, which this process keeps open: the lock
 * lives exactly as long as our descriptor, with no helper process left running. Node opens
 * files close-on-exec, so processes we start later do not inherit the lock.
 * Windows has neither tool nor `flock`: there the attempt says `unsupported` and callers fall
 * back to checking the holder's process id.
 */
import { spawn } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import path from 'node:path';
import { FolderLockError } from './errors';

/** A held lock on a folder; `release` closes the descriptor that holds it. */
export interface FolderLock {
  readonly folder: string;
  /** Which tool took the lock. */
  readonly locker: FolderLocker;
  release(): void;
}

/** The programs that can lock an inherited descriptor. */
export type FolderLocker = 'flock' | 'perl';

/** What {@link tryLockFolder} found. */
export type FolderLockAttempt =
  | { status: 'locked'; lock: FolderLock }
  /** Another open descriptor holds the lock: a live process, in this or any PID namespace. */
  | { status: 'busy' }
  /** No OS lock here (Windows, or neither `flock` nor `perl` on the PATH); `reason` says which. */
  | { status: 'unsupported'; reason: string };

/** Options of {@link tryLockFolder}. */
export interface TryLockFolderOptions {
  /** A shared lock: many may hold it together, but not alongside an exclusive one. Defaults to false. */
  shared?: boolean | undefined;
  /** The tools to try, in order. Defaults to `flock`, then `perl`. */
  lockers?: readonly FolderLocker[] | undefined;
}

// Exit 1 when another descriptor holds the lock, 3 on any other failure (with the reason on stderr).
const perlScript = (shared: boolean) =>
  `use Fcntl qw(:flock); open(my $f, '<&=', 3) or do { print STDERR "descriptor 3: $!\\n"; exit 3 }; ` +
  `exit 0 if flock($f, ${shared ? 'LOCK_SH' : 'LOCK_EX'} | LOCK_NB); exit 1 if $!{EWOULDBLOCK}; print STDERR "flock: $!\\n"; exit 3;`;

function lockerCommand(locker: FolderLocker, shared: boolean): [string, string[]] {
  return locker === 'flock'
    ? ['flock', ['-n', shared ? '-s' : '-x', '3']]
    : ['perl', ['-e', perlScript(shared)]];
}

/** Runs one locker on `descriptor`: true locked, false busy, undefined when the tool is missing. */
async function runLocker(
  locker: FolderLocker,
  descriptor: number,
  shared: boolean,
  folder: string,
): Promise<boolean | undefined> {
  const [command, args] = lockerCommand(locker, shared);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', descriptor] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const outcome = await new Promise<{ code?: number | null; error?: NodeJS.ErrnoException }>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
    child.once('close', (code: number | null) => resolve({ code }));
  });
  if (outcome.error?.code === 'ENOENT') return undefined;
  if (outcome.error) throw new FolderLockError(folder, `could not run ${command}: ${outcome.error.message}`);
  if (outcome.code === 0) return true;
  if (outcome.code === 1) return false;
  throw new FolderLockError(
    folder,
    `${command} failed (exit ${outcome.code}): ${stderr.trim() || 'no reason given'}`,
  );
}

let workingLocker: FolderLocker | undefined;

/**
 * Tries to lock a folder without waiting. The lock is held until `release()` or until this
 * process ends; another process (or another `tryLockFolder` in this one) gets `busy` meanwhile.
 *
 * @throws FolderLockError when the folder cannot be opened or the tool fails for another reason.
 * @example
 * const attempt = await tryLockFolder('/tmp/data');
 * if (attempt.status === 'busy') throw new Error('in use');
 * try { … } finally { if (attempt.status === 'locked') attempt.lock.release(); }
 */
export async function tryLockFolder(
  folder: string,
  options: TryLockFolderOptions = {},
): Promise<FolderLockAttempt> {
  const directory = path.resolve(folder);
  if (process.platform === 'win32') {
    return { status: 'unsupported', reason: 'Windows has no flock(2)' };
  }
  const lockers = options.lockers ?? (workingLocker ? [workingLocker] : ['flock', 'perl']);
  let descriptor: number;
  try {
    descriptor = openSync(directory, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new FolderLockError(
      directory,
      code === 'ENOTDIR' ? 'it is not a folder' : `it cannot be opened: ${message}`,
      { cause: error },
    );
  }
  try {
    for (const locker of lockers) {
      const locked = await runLocker(locker, descriptor, options.shared === true, directory);
      if (locked === undefined) continue;
      if (options.lockers === undefined) workingLocker = locker;
      if (!locked) {
        closeSync(descriptor);
        return { status: 'busy' };
      }
      let released = false;
      return {
        status: 'locked',
        lock: {
          folder: directory,
          locker,
          release() {
            if (released) return;
            released = true;
            closeSync(descriptor);
          },
        },
      };
    }
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
  closeSync(descriptor);
  return {
    status: 'unsupported',
    reason: `no locking tool found on the PATH (tried: ${lockers.join(', ') || 'none'})`,
  };
}
