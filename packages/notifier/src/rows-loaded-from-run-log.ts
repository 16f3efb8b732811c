import { NotifierConfigurationError } from './errors';
import type { RowsLoadedLookup } from './notifier-dependencies';

/**
 * Options of {@link rowsLoadedFromRunLog}.
 *
 * @example
 * ```ts
 * const options: RowsLoadedFromRunLogOptions = { tableName: 'nyc_yellow_taxi' };
 * ```
 */
export interface RowsLoadedFromRunLogOptions {
  /** The loaded table as the procedure records it. Defaults to `nyc_yellow_taxi`. */
  tableName?: string;
  /** The log table. Defaults to `elt_run_log` (created by `sql/setup/003_elt_run_log.sql`). */
  logTable?: string;
  /** How much earlier than the statement's start, or later than its end, a log row may be stamped (clock skew). Defaults to 60 seconds. */
  toleranceSeconds?: number;
  /** Give up on the lookup after this long (the count is then unknown). Defaults to 30 000 ms. */
  timeoutMs?: number;
}

const identifierPattern = /^[a-zA-Z_][a-zA-Z0-9_]{0,126}$/;

/**
 * A {@link RowsLoadedLookup} that reads the newest row of the `elt_run_log` table that
 * `run_elt_process` writes in the same transaction as the load. A row older than the statement
 * belongs to an earlier run, a row newer than its end to a later one (the reconciler announces
 * statements hours after they ended); either is ignored and the count is then unknown.
 *
 * @example
 * ```ts
 * const dependencies = { ...rest, rowsLoaded: rowsLoadedFromRunLog({ tableName: 'nyc_yellow_taxi' }) };
 * ```
 */
export function rowsLoadedFromRunLog(options: RowsLoadedFromRunLogOptions = {}): RowsLoadedLookup {
  const tableName = options.tableName ?? 'nyc_yellow_taxi';
  const logTable = options.logTable ?? 'elt_run_log';
  const toleranceSeconds = options.toleranceSeconds ?? 60;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!identifierPattern.test(logTable)) {
    throw new NotifierConfigurationError('logTable', logTable, 'is not a plain SQL identifier');
  }
  const sql = `SELECT rows_loaded, loaded_at FROM ${logTable} WHERE table_name = :table_name ORDER BY loaded_at DESC LIMIT 1`;
  return async ({ description, dataApi }) => {
    const rows = await dataApi.query<{ rows_loaded: unknown; loaded_at: unknown }>(sql, {
      parameters: { table_name: tableName },
      timeoutMs,
      cancelOnTimeout: true,
      longPollSeconds: 5,
      initialDelayMs: 50,
      maxDelayMs: 1_000,
    });
    const row = rows[0];
    if (!row) return undefined;
    const loadedAt = toDate(row.loaded_at);
    const tolerance = toleranceSeconds * 1000;
    if (loadedAt && loadedAt.getTime() < description.createdAt.getTime() - tolerance) return undefined;
    if (loadedAt && loadedAt.getTime() > description.updatedAt.getTime() + tolerance) return undefined;
    const count = typeof row.rows_loaded === 'bigint' ? Number(row.rows_loaded) : Number(row.rows_loaded);
    return Number.isSafeInteger(count) && count >= 0 ? count : undefined;
  };
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== 'string') return undefined;
  // Redshift TIMESTAMP (no zone) comes back as "YYYY-MM-DD HH:MM:SS[.ffffff]"; GETDATE() is UTC.
  const iso = /[zZ]|[+-]\d{2}(:?\d{2})?$/.test(value)
    ? value.replace(' ', 'T')
    : `${value.replace(' ', 'T')}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
