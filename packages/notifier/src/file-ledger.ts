import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as z from 'zod/mini';
import { LedgerError, type LedgerOperation, NotifierConfigurationError } from './errors';
import { FileStartedRuns } from './file-started-runs';
import {
  assertStatementId,
  epochSeconds,
  type Ledger,
  type LedgerClaim,
  type LedgerTimings,
  resolveLedgerTimings,
} from './ledger';
import type { StartedRunRecord, StartedRunRegister } from './started-run-register';

/**
 * Options of {@link FileLedger}.
 *
 * @example
 * ```ts
 * const options: FileLedgerOptions = { directory: '.shiftflow/ledger' };
 * ```
 */
export interface FileLedgerOptions extends LedgerTimings {
  /** The folder holding one file per statement; created when missing. */
  directory: string;
  /**
   * Whether the process that holds a claim still runs. Defaults to signal 0 (`process.kill(pid, 0)`),
   * asked only for claims made on this host.
   */
  isProcessAlive?: (pid: number) => boolean;
}

const ledgerRecordSchema = z.object({
  state: z.enum(['claimed', 'announced']),
  token: z.string(),
  /** Epoch seconds. */
  leaseExpiresAt: z.optional(z.number()),
  /** Epoch seconds. */
  expiresAt: z.number(),
  /** Epoch seconds. */
  announcedAt: z.optional(z.number()),
  /** The process that made a claim: when it is gone, its claim is taken over before the lease ends. */
  owner: z.optional(z.object({ host: z.string(), pid: z.int() })),
});
type LedgerRecord = z.infer<typeof ledgerRecordSchema>;

type ClaimedLedgerClaim = Extract<LedgerClaim, { status: 'claimed' }>;

/**
 * A {@link Ledger} in a local folder, for the laptop: one JSON file per statement. A claim is
 * written to a temporary file, flushed and hard-linked to its name, so only one announcer can
 * create it and nobody ever reads half of it; `confirm` replaces it the same way (flushed, renamed,
 * folder flushed), so "announced" is on disk before it returns. Expired records count as absent,
 * and so does a claim whose process (on this host) is gone: a restart after `kill -9` announces
 * the statement at once instead of after the lease.
 *
 * Taking over an expired claim renames the stale file away first (atomic), so two processes that
 * both see it expired cannot both win; it is meant for one machine, not for network file systems.
 *
 * Started runs ({@link StartedRunRegister}, what the reconciler sweeps) are files of their own in
 * `started/` inside the folder (see `FileStartedRuns`).
 *
 * @example
 * ```ts
 * const ledger = new FileLedger({ directory: '.shiftflow/ledger' });
 * const claim = await ledger.claim('d9b6c0c9-0747-4bf4-b142-e8883122f766');
 * ```
 */
export class FileLedger implements Ledger, StartedRunRegister {
  readonly #directory: string;
  readonly #leaseSeconds: number;
  readonly #retentionSeconds: number;
  readonly #now: () => Date;
  readonly #isProcessAlive: (pid: number) => boolean;
  readonly #started: FileStartedRuns;

  constructor(options: FileLedgerOptions) {
    if (typeof options.directory !== 'string' || options.directory.trim() === '') {
      throw new NotifierConfigurationError('directory', options.directory, 'must be a folder path');
    }
    this.#directory = path.resolve(options.directory);
    const timings = resolveLedgerTimings(options);
    this.#leaseSeconds = timings.leaseSeconds;
    this.#retentionSeconds = timings.retentionSeconds;
    this.#now = timings.now;
    this.#isProcessAlive = options.isProcessAlive ?? isProcessAlive;
    this.#started = new FileStartedRuns(this.#directory);
  }

  async claim(statementId: string): Promise<LedgerClaim> {
    assertStatementId(statementId);
    const file = this.#file(statementId);
    try {
      await this.#ensureDirectory();
      // A stale record is moved away and the creation retried; three rounds cover any interleaving
      // of two announcers on one machine.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const now = epochSeconds(this.#now());
        const token = randomUUID();
        const record: LedgerRecord = {
          state: 'claimed',
          token,
          leaseExpiresAt: now + this.#leaseSeconds,
          expiresAt: now + this.#retentionSeconds,
          owner: { host: os.hostname(), pid: process.pid },
        };
        if (await createExclusive(file, record)) {
          return {
            status: 'claimed',
            statementId,
            token,
            leaseExpiresAt: new Date(record.leaseExpiresAt! * 1000),
          };
        }
        const existing = await readRecord(file, this.#leaseSeconds);
        if (existing === undefined) continue; // removed meanwhile: try creating it again
        if (existing.expiresAt >= now) {
          if (existing.state === 'announced') {
            return existing.announcedAt === undefined
              ? { status: 'announced', statementId }
              : { status: 'announced', statementId, announcedAt: new Date(existing.announcedAt * 1000) };
          }
          if ((existing.leaseExpiresAt ?? 0) >= now && !this.#ownerIsGone(existing)) {
            return {
              status: 'in-progress',
              statementId,
              leaseExpiresAt: new Date((existing.leaseExpiresAt ?? now) * 1000),
            };
          }
        }
        await this.#discardStale(file, existing.token);
      }
      return { status: 'in-progress', statementId, leaseExpiresAt: this.#now() };
    } catch (error) {
      throw fileLedgerError('claim', statementId, error);
    }
  }

  async confirm(claim: ClaimedLedgerClaim): Promise<boolean> {
    const file = this.#file(claim.statementId);
    try {
      const existing = await readRecord(file, this.#leaseSeconds);
      if (existing?.token !== claim.token) return false;
      const now = epochSeconds(this.#now());
      const record: LedgerRecord = {
        state: 'announced',
        token: claim.token,
        announcedAt: now,
        expiresAt: now + this.#retentionSeconds,
      };
      await replaceDurably(file, record, claim.token);
      return true;
    } catch (error) {
      throw fileLedgerError('confirm', claim.statementId, error);
    }
  }

  async release(claim: ClaimedLedgerClaim): Promise<boolean> {
    const file = this.#file(claim.statementId);
    try {
      const existing = await readRecord(file, this.#leaseSeconds);
      if (existing?.token !== claim.token || existing.state !== 'claimed') return false;
      await unlink(file);
      return true;
    } catch (error) {
      throw fileLedgerError('release', claim.statementId, error);
    }
  }

  async recordStarted(run: StartedRunRecord): Promise<void> {
    assertStatementId(run.statementId);
    try {
      await this.#ensureDirectory();
      await this.#started.record(run, epochSeconds(this.#now()) + this.#retentionSeconds);
    } catch (error) {
      throw fileLedgerError('record', run.statementId, error);
    }
  }

  async listStarted(): Promise<StartedRunRecord[]> {
    try {
      return await this.#started.list(this.#now());
    } catch (error) {
      throw fileLedgerError('list', '*', error);
    }
  }

  async forgetStarted(statementId: string): Promise<void> {
    try {
      await this.#started.forget(statementId);
    } catch (error) {
      throw fileLedgerError('forget', statementId, error);
    }
  }

  /** Whether the claim's process ran on this host and has ended (so nobody will confirm it). */
  #ownerIsGone(record: LedgerRecord): boolean {
    if (record.state !== 'claimed' || record.owner === undefined) return false;
    if (record.owner.host !== os.hostname() || record.owner.pid === process.pid) return false;
    return !this.#isProcessAlive(record.owner.pid);
  }

  async #ensureDirectory(): Promise<void> {
    try {
      await mkdir(this.#directory, { recursive: true });
    } catch (error) {
      if (isCode(error, 'EEXIST') || isCode(error, 'ENOTDIR')) {
        throw new NotifierConfigurationError(
          'ledger folder',
          this.#directory,
          `${isCode(error, 'EEXIST') ? 'is a file' : 'is inside a file'}, not a folder: move that file away, or point SHIFTFLOW_LEDGER_PATH at a folder`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  #file(statementId: string): string {
    // Sub-statement ids contain ':', which some file systems refuse.
    return path.join(this.#directory, `${statementId.replace(':', '_')}.json`);
  }

  async #discardStale(file: string, staleToken: string): Promise<void> {
    const aside = `${file}.${randomUUID()}.stale`;
    try {
      await rename(file, aside);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return; // another announcer moved it first
      throw error;
    }
    const moved = await readRecord(aside, this.#leaseSeconds);
    if (moved !== undefined && moved.token !== staleToken) {
      // A fresh claim was created between our read and the rename: put it back. `link` fails if
      // yet another file appeared meanwhile, in which case that one stands.
      try {
        await link(aside, file);
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
    }
    await unlink(aside);
  }
}

/** Writes a record to a new temporary file beside `file` and flushes it; returns the temporary path. */
async function writeTemporary(file: string, record: LedgerRecord, tag: string): Promise<string> {
  const temporary = `${file}.${tag}.tmp`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(JSON.stringify(record));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

/** Flushes a folder's entries, so a new or renamed file in it survives a power loss. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return; // a folder cannot be opened for fsync there
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `file` with the complete record, or returns false when it exists (`link` is atomic and exclusive). */
async function createExclusive(file: string, record: LedgerRecord): Promise<boolean> {
  const temporary = await writeTemporary(file, record, record.token);
  try {
    await link(temporary, file);
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
  await syncDirectory(path.dirname(file));
  return true;
}

/** Replaces `file` with the record: flushed temporary file, rename, flushed folder. */
async function replaceDurably(file: string, record: LedgerRecord, tag: string): Promise<void> {
  const temporary = await writeTemporary(file, record, `${tag}.confirm`);
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined); // the rename's error is the one to report
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/**
 * Reads a record; undefined when the file does not exist. A file that is not a valid record (left
 * by a version that wrote claims in place) is treated as a claim whose lease runs from its
 * modification time.
 */
async function readRecord(file: string, leaseSeconds: number): Promise<LedgerRecord | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  const record = parseRecord(text);
  if (record) return record;
  const modified = epochSeconds((await stat(file)).mtime);
  return {
    state: 'claimed',
    token: `unreadable-${modified}`,
    leaseExpiresAt: modified + leaseSeconds,
    expiresAt: modified + leaseSeconds,
  };
}

function parseRecord(text: string): LedgerRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // An unparseable file is a half-written claim; the caller handles it by its modification time.
    return undefined;
  }
  const parsed = ledgerRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Signal 0 checks that a process exists; EPERM means it exists under another user. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function fileLedgerError(operation: LedgerOperation, statementId: string, error: unknown) {
  if (error instanceof LedgerError || error instanceof NotifierConfigurationError) return error;
  return new LedgerError(operation, statementId, {
    cause: error,
    detail: error instanceof Error ? error.message : String(error),
  });
}
