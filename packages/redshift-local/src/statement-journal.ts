/**
 * `StatementJournal`: a small on-disk record of the statements a local Redshift has not ended yet,
 * so that a restart after a crash (or `kill -9`) still knows them, as the service does (the
 * warehouse outlives its clients). One JSON file per statement, written atomically (temporary file
 * + rename); metadata only, never results or parameter values.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StatementJournalError } from './errors';

/** One statement as the journal keeps it. */
export interface JournalEntry {
  version: 1;
  id: string;
  /** `inflight` while the statement runs; `interrupted` once a restart has ended it. */
  state: 'inflight' | 'interrupted';
  statementName?: string | undefined;
  queryStrings: string[];
  isBatch: boolean;
  parameterCount: number;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the restart that ended it (state `interrupted`). */
  updatedAt?: number | undefined;
  /** The error the restart gave it (state `interrupted`). */
  error?: string | undefined;
  /** The status-change event is still owed to a subscriber (state `interrupted`, WithEvent). */
  eventPending?: boolean | undefined;
  withEvent: boolean;
  resultFormat: 'JSON' | 'CSV';
  executionMode?: 'TRANSACTION' | 'AUTO_COMMIT' | undefined;
  sessionId?: string | undefined;
  principal: string;
  accessKeyId: string;
  database: string;
  clusterIdentifier?: string | undefined;
  workgroupName?: string | undefined;
  dbUser?: string | undefined;
  secretArn?: string | undefined;
}

/** What a journal file must hold; `satisfies` keeps it in step with {@link JournalEntry}. */
const journalEntrySchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  state: z.enum(['inflight', 'interrupted']),
  statementName: z.string().optional(),
  queryStrings: z.array(z.string()).min(1),
  isBatch: z.boolean(),
  parameterCount: z.number(),
  createdAt: z.number(),
  updatedAt: z.number().optional(),
  error: z.string().optional(),
  eventPending: z.boolean().optional(),
  withEvent: z.boolean(),
  resultFormat: z.enum(['JSON', 'CSV']),
  executionMode: z.enum(['TRANSACTION', 'AUTO_COMMIT']).optional(),
  sessionId: z.string().optional(),
  principal: z.string(),
  accessKeyId: z.string(),
  database: z.string(),
  clusterIdentifier: z.string().optional(),
  workgroupName: z.string().optional(),
  dbUser: z.string().optional(),
  secretArn: z.string().optional(),
}) satisfies z.ZodType<JournalEntry>;

/** The value at `keys` inside `value`, or undefined where there is none. */
function valueAt(value: unknown, keys: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

/** The entry, or why the value is not one: the first field that does not fit and its value. */
function parseEntry(value: unknown): JournalEntry | string {
  const parsed = journalEntrySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  if (field === '') return 'is not a JSON object';
  const found = valueAt(value, issue?.path ?? []);
  if (found === undefined) return `has no ${field}`;
  return `has ${field} ${JSON.stringify(found)} (${issue?.message ?? 'invalid'})`;
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
