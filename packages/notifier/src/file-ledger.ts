import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LedgerError, NotifierConfigurationError } from './errors';
import {
  assertStatementId,
  epochSeconds,
  type Ledger,
  type LedgerClaim,
  type LedgerTimings,
  resolveLedgerTimings,
} from './ledger';

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
}

interface LedgerRecord {
  state: 'claimed' | 'announced';
  token: string;
  /** Epoch seconds. */
  leaseExpiresAt?: number;
  /** Epoch seconds. */
  expiresAt: number;
  /** Epoch seconds. */
  announcedAt?: number;
}

type ClaimedLedgerClaim = Extract<LedgerClaim, { status: 'claimed' }>;

/**
 * A {@link Ledger} in a local folder, for the laptop: one JSON file per statement, created with
 * the `wx` flag so only one announcer can create it. Expired records count as absent.
 *
 * Taking over an expired claim renames the stale file away first (atomic), so two processes that
 * both see it expired cannot both win; it is meant for one machine, not for network file systems.
 *
 * @example
 * ```ts
 * const ledger = new FileLedger({ directory: '.shiftflow/ledger' });
 * const claim = await ledger.claim('d9b6c0c9-0747-4bf4-b142-e8883122f766');
 * ```
 */
export class FileLedger implements Ledger {
  readonly #directory: string;
  readonly #leaseSeconds: number;
  readonly #retentionSeconds: number;
  readonly #now: () => Date;

  constructor(options: FileLedgerOptions) {
    if (typeof options.directory !== 'string' || options.directory.trim() === '') {
      throw new NotifierConfigurationError('directory', options.directory, 'must be a folder path');
    }
    this.#directory = path.resolve(options.directory);
    const timings = resolveLedgerTimings(options);
    this.#leaseSeconds = timings.leaseSeconds;
    this.#retentionSeconds = timings.retentionSeconds;
    this.#now = timings.now;
  }

  async claim(statementId: string): Promise<LedgerClaim> {
    assertStatementId(statementId);
    const file = this.#file(statementId);
    try {
      await mkdir(this.#directory, { recursive: true });
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
          if ((existing.leaseExpiresAt ?? 0) >= now) {
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
      const temporary = `${file}.${claim.token}.tmp`;
      await writeFile(temporary, JSON.stringify(record));
      await rename(temporary, file);
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

async function createExclusive(file: string, record: LedgerRecord): Promise<boolean> {
  try {
    await writeFile(file, JSON.stringify(record), { flag: 'wx' });
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
}

/**
 * Reads a record; undefined when the file does not exist. A file that is not a valid record (a
 * crash while writing it) is treated as a claim whose lease runs from its modification time.
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
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (
    (record.state !== 'claimed' && record.state !== 'announced') ||
    typeof record.token !== 'string' ||
    typeof record.expiresAt !== 'number'
  ) {
    return undefined;
  }
  return {
    state: record.state,
    token: record.token,
    expiresAt: record.expiresAt,
    ...(typeof record.leaseExpiresAt === 'number' ? { leaseExpiresAt: record.leaseExpiresAt } : {}),
    ...(typeof record.announcedAt === 'number' ? { announcedAt: record.announcedAt } : {}),
  };
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function fileLedgerError(operation: 'claim' | 'confirm' | 'release', statementId: string, error: unknown) {
  if (error instanceof LedgerError || error instanceof NotifierConfigurationError) return error;
  return new LedgerError(operation, statementId, {
    cause: error,
    detail: error instanceof Error ? error.message : String(error),
  });
}
