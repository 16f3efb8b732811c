import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { StateFileError } from '../errors';
import { isFileNotFound } from '../files/is-file-not-found';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { StateLayout } from '../state/state-layout';
import { type SqlHistoryEntry, sqlHistoryEntrySchema } from './console-api';

/** Statements the SQL editor's history keeps. */
export const sqlHistoryLimit = 20;

const sqlHistoryFileSchema = z.object({ entries: z.array(sqlHistoryEntrySchema) });

/**
 * The SQL editor's history: the last {@link sqlHistoryLimit} statements, newest first, in
 * `<state>/console-sql-history.json` (written atomically, so `reset` clears it with the rest).
 * Writes go one after the other, so two statements ending together both stay.
 *
 * @example
 * const history = new SqlHistory(state);
 * await history.add({ sql: 'select 1', at, statementId, status: 'FINISHED', totalRows: 1, durationMs: 3, error: null });
 */
export class SqlHistory {
  readonly file: string;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(state: Pick<StateLayout, 'consoleSqlHistory'>) {
    this.file = state.consoleSqlHistory;
  }

  /** The entries, newest first; none when the file does not exist. A damaged file is reported, not hidden. */
  async list(): Promise<SqlHistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (isFileNotFound(error)) return [];
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new StateFileError(
        this.file,
        `${this.file} is not JSON (${String(error)}); delete it to start a new SQL history`,
      );
    }
    const parsed = sqlHistoryFileSchema.safeParse(value);
    if (!parsed.success) {
      throw new StateFileError(
        this.file,
        `${this.file} is not a SQL history (${parsed.error.issues[0]?.message ?? 'invalid'}); delete it to start a new one`,
      );
    }
    return parsed.data.entries;
  }

  /** Puts an entry first and keeps the newest {@link sqlHistoryLimit}. */
  add(entry: SqlHistoryEntry): Promise<void> {
    const write = this.#writing.then(async () => {
      const entries = [entry, ...(await this.list())].slice(0, sqlHistoryLimit);
      await writeFileAtomic(this.file, `${JSON.stringify({ entries }, null, 2)}\n`);
    });
    this.#writing = write.catch(() => undefined); // the caller gets the error; the next write still runs
    return write;
  }
}
