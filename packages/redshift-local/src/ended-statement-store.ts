/**
 * `EndedStatementStore`: the statements a local Redshift has ended, with their descriptions and
 * small results, kept on disk for the retention time so that a restarted engine still answers
 * DescribeStatement, ListStatements and GetStatementResult for them, as the Data API does: its
 * considerations state that the maximum retention time for query results is 24 hours, and the
 * service (not the client) keeps them (Amazon Redshift Management Guide, "Using the Amazon Redshift
 * Data API", https://docs.aws.amazon.com/redshift/latest/mgmt/data-api.html). Without it a run that ended
 * just before a crash was unknown after the restart, so the reconciler could never announce it.
 *
 * One JSON file per statement, written atomically (temporary file + rename; flushed to the disk for
 * statements run with WithEvent, whose announcement depends on it). Bounded: results over
 * `maxResultBytes` are not kept (GetStatementResult then says the result expired), and beyond
 * `maxStatements` or `maxTotalBytes` the oldest files are removed. Never parameter values.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { type EndedStatement, endedStatementSchema } from './ended-statement';
import { StatementJournalError } from './errors';

/**
 * Options of {@link EndedStatementStore}.
 *
 * @example
 * const options: EndedStatementStoreOptions = { maxResultBytes: 16 * 1024, maxStatements: 200 };
 */
export interface EndedStatementStoreOptions {
  /** Largest result kept per sub-statement, in bytes. Defaults to 64 KiB (a CALL's row, a small SELECT). */
  maxResultBytes?: number | undefined;
  /** Most statements kept; the oldest go first. Defaults to 1000. */
  maxStatements?: number | undefined;
  /** Most bytes kept in all; the oldest go first. Defaults to 64 MiB. */
  maxTotalBytes?: number | undefined;
}

/**
 * The ended statements of one data dir: `<directory>/<statement id>.json`.
 *
 * @example
 * const store = new EndedStatementStore(path.join(dataDir, 'redshift-local', 'ended'));
 * const kept = await store.open(Date.now(), 24 * 3600 * 1000);
 * store.keep(statement, { durable: true });
 */
export class EndedStatementStore {
  readonly directory: string;
  readonly #maxResultBytes: number;
  readonly #maxStatements: number;
  readonly #maxTotalBytes: number;
  /** Kept files in the order they were written (oldest first), with their sizes. */
  readonly #sizes = new Map<string, number>();
  #totalBytes = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(directory: string, options: EndedStatementStoreOptions = {}) {
    this.directory = directory;
    this.#maxResultBytes = options.maxResultBytes ?? 64 * 1024;
    this.#maxStatements = options.maxStatements ?? 1000;
    this.#maxTotalBytes = options.maxTotalBytes ?? 64 * 1024 * 1024;
  }

  /** Largest result kept per sub-statement, in bytes. */
  get maxResultBytes(): number {
    return this.#maxResultBytes;
  }

  #file(id: string): string {
    return path.join(this.directory, `${id}.json`);
  }

  /** Runs file operations one after the other, so eviction never races a write. */
  #serial(operation: () => Promise<void>): Promise<void> {
    const next = this.#queue.catch(() => undefined).then(operation);
    this.#queue = next;
    return next;
  }

  /**
   * Creates the folder and reads every statement kept in it, oldest first. Statements older than
   * `retentionMs` are removed; a file that is not a kept statement is renamed to `<name>.bad` and
   * reported on stderr, so it is neither lost nor read again.
   */
  async open(now: number, retentionMs: number): Promise<EndedStatement[]> {
    try {
      await mkdir(this.directory, { recursive: true });
    } catch (error) {
      throw new StatementJournalError(this.directory, 'could not be created', { cause: error });
    }
    const kept: { statement: EndedStatement; bytes: number }[] = [];
    for (const name of await readdir(this.directory)) {
      const file = path.join(this.directory, name);
      if (name.endsWith('.tmp')) {
        await rm(file, { force: true }); // a write a crash cut short; its statement is in the journal
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const text = await readFile(file, 'utf8');
      const parsed = parseEndedStatement(text);
      if (typeof parsed === 'string') {
        console.error(`redshift-local: ended statement ${file} ${parsed}; kept as ${name}.bad`);
        await rename(file, `${file}.bad`);
        continue;
      }
      if (now - parsed.createdAt > retentionMs) {
        await rm(file, { force: true });
        continue;
      }
      kept.push({ statement: parsed, bytes: Buffer.byteLength(text) });
    }
    kept.sort((a, b) => a.statement.updatedAt - b.statement.updatedAt);
    for (const { statement, bytes } of kept) this.#remember(statement.id, bytes);
    await this.#serial(() => this.#evict());
    return kept.filter(({ statement }) => this.#sizes.has(statement.id)).map(({ statement }) => statement);
  }

  /**
   * Keeps an ended statement (replacing an earlier copy), synchronously: the caller sends the
   * statement's event only after this returns. `durable` also flushes the file and the folder to
   * the disk (for WithEvent statements); without it a killed process still leaves the file, only a
   * power loss may not. Old files beyond the bounds are removed in the background.
   */
  keep(statement: EndedStatement, options: { durable: boolean }): void {
    const text = `${JSON.stringify(this.#bounded(statement))}\n`;
    const file = this.#file(statement.id);
    const temporary = `${file}.${randomUUID()}.tmp`;
    try {
      const descriptor = openSync(temporary, 'wx');
      try {
        writeSync(descriptor, text);
        if (options.durable) fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
      renameSync(temporary, file);
      if (options.durable) syncDirectory(this.directory);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw new StatementJournalError(file, 'could not be written', { cause: error });
    }
    this.#remember(statement.id, Buffer.byteLength(text));
    if (this.#sizes.size > this.#maxStatements || this.#totalBytes > this.#maxTotalBytes) {
      this.#serial(() => this.#evict()).catch((error: unknown) => {
        console.error(`redshift-local: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }

  /** Removes a statement's file (its retention ended); nothing happens when there is none. */
  forget(id: string): Promise<void> {
    if (!this.#sizes.has(id)) return Promise.resolve();
    return this.#serial(() => this.#remove(id));
  }

  /** Waits for every write and removal started so far. */
  async flush(): Promise<void> {
    await this.#queue.catch(() => undefined);
  }

  /** The statement without the results that are too large to keep. */
  #bounded(statement: EndedStatement): EndedStatement {
    return {
      ...statement,
      subs: statement.subs.map((sub) => {
        if (sub.result === undefined || sub.result.bytes <= this.#maxResultBytes) return sub;
        const { result: _dropped, ...rest } = sub;
        return { ...rest, resultDropped: true };
      }),
    };
  }

  #remember(id: string, bytes: number): void {
    this.#totalBytes -= this.#sizes.get(id) ?? 0;
    this.#sizes.delete(id);
    this.#sizes.set(id, bytes);
    this.#totalBytes += bytes;
  }

  async #evict(): Promise<void> {
    while (this.#sizes.size > this.#maxStatements || this.#totalBytes > this.#maxTotalBytes) {
      const oldest = this.#sizes.keys().next().value;
      if (oldest === undefined) return;
      await this.#remove(oldest);
    }
  }

  async #remove(id: string): Promise<void> {
    const file = this.#file(id);
    try {
      await rm(file, { force: true });
    } catch (error) {
      throw new StatementJournalError(file, 'could not be removed', { cause: error });
    }
    this.#totalBytes -= this.#sizes.get(id) ?? 0;
    this.#sizes.delete(id);
  }
}

function parseEndedStatement(text: string): EndedStatement | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `is not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const parsed = endedStatementSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `is not an ended statement (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'})`;
}

function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return; // a folder cannot be opened for fsync there
  const descriptor = openSync(directory, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
