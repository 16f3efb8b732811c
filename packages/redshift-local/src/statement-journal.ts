/**
 * `StatementJournal`: a small on-disk record of the statements a local Redshift has not ended yet,
 * so that a restart after a crash (or `kill -9`) still knows them, as the service does (the
 * warehouse outlives its clients). One JSON file per statement, written atomically (temporary file
 * + rename); metadata only, never results or parameter values.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StatementJournalError } from './errors';

/** One statement as the journal keeps it. */
export interface JournalEntry {
  version: 1;
  id: string;
  /** `inflight` while the statement runs; `interrupted` once a restart has ended it. */
  state: 'inflight' | 'interrupted';
  statementName?: string;
  queryStrings: string[];
  isBatch: boolean;
  parameterCount: number;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the restart that ended it (state `interrupted`). */
  updatedAt?: number;
  /** The error the restart gave it (state `interrupted`). */
  error?: string;
  /** The status-change event is still owed to a subscriber (state `interrupted`, WithEvent). */
  eventPending?: boolean;
  withEvent: boolean;
  resultFormat: 'JSON' | 'CSV';
  executionMode?: 'TRANSACTION' | 'AUTO_COMMIT';
  sessionId?: string;
  principal: string;
  accessKeyId: string;
  database: string;
  clusterIdentifier?: string;
  workgroupName?: string;
  dbUser?: string;
  secretArn?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseEntry(value: unknown): JournalEntry | string {
  if (!isRecord(value)) return 'is not a JSON object';
  if (value.version !== 1) return `has version ${JSON.stringify(value.version)}, expected 1`;
  if (typeof value.id !== 'string' || !/^[0-9a-f-]{36}$/.test(value.id)) return 'has no statement id';
  if (value.state !== 'inflight' && value.state !== 'interrupted') {
    return `has state ${JSON.stringify(value.state)}`;
  }
  if (!Array.isArray(value.queryStrings) || !value.queryStrings.every((sql) => typeof sql === 'string')) {
    return 'has no queryStrings';
  }
  if (value.queryStrings.length === 0) return 'has no queryStrings';
  if (typeof value.createdAt !== 'number' || !Number.isFinite(value.createdAt)) return 'has no createdAt';
  for (const name of ['principal', 'accessKeyId', 'database'] as const) {
    if (typeof value[name] !== 'string') return `has no ${name}`;
  }
  if (typeof value.withEvent !== 'boolean' || typeof value.isBatch !== 'boolean') {
    return 'has no withEvent/isBatch flags';
  }
  return value as unknown as JournalEntry;
}

/**
 * The journal of one data dir: `<directory>/<statement id>.json`.
 *
 * @example
 * const journal = new StatementJournal(path.join(dataDir, 'redshift-local', 'statements'));
 * const leftovers = await journal.open();
 * await journal.write(entry);
 * await journal.remove(entry.id);
 */
export class StatementJournal {
  readonly directory: string;
  readonly #chains = new Map<string, Promise<void>>();

  constructor(directory: string) {
    this.directory = directory;
  }

  #file(id: string): string {
    return path.join(this.directory, `${id}.json`);
  }

  /** Runs the operations on one statement's file one after the other, in call order. */
  #chain(id: string, operation: () => Promise<void>): Promise<void> {
    const previous = this.#chains.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(operation);
    this.#chains.set(id, next);
    void next
      .finally(() => {
        if (this.#chains.get(id) === next) this.#chains.delete(id);
      })
      .catch(() => undefined);
    return next;
  }

  /**
   * Creates the folder and reads every entry left in it. A file that is not a journal entry is
   * renamed to `<name>.bad` and reported on stderr, so it is neither lost nor read again.
   */
  async open(): Promise<JournalEntry[]> {
    try {
      await mkdir(this.directory, { recursive: true });
    } catch (error) {
      throw new StatementJournalError(this.directory, 'could not be created', { cause: error });
    }
    const entries: JournalEntry[] = [];
    for (const name of (await readdir(this.directory)).sort()) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(this.directory, name);
      let parsed: JournalEntry | string;
      try {
        parsed = parseEntry(JSON.parse(await readFile(file, 'utf8')));
      } catch (error) {
        parsed = `is not JSON (${error instanceof Error ? error.message : String(error)})`;
      }
      if (typeof parsed === 'string') {
        console.error(`redshift-local: statement journal ${file} ${parsed}; kept as ${name}.bad`);
        await rename(file, `${file}.bad`);
        continue;
      }
      entries.push(parsed);
    }
    return entries;
  }

  /** Writes (or replaces) a statement's entry atomically. */
  write(entry: JournalEntry): Promise<void> {
    const file = this.#file(entry.id);
    return this.#chain(entry.id, async () => {
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, `${JSON.stringify(entry)}\n`);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw new StatementJournalError(file, 'could not be written', { cause: error });
      }
    });
  }

  /** Removes a statement's entry; nothing happens when there is none. */
  remove(id: string): Promise<void> {
    const file = this.#file(id);
    return this.#chain(id, async () => {
      try {
        await rm(file, { force: true });
      } catch (error) {
        throw new StatementJournalError(file, 'could not be removed', { cause: error });
      }
    });
  }

  /** Waits for every write and removal started so far. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.#chains.values()]);
  }
}
