/**
 * Runs one statement of a request on a PostgreSQL connection and says what it produced, as the Data
 * API reports it: rows as PostgreSQL text, the columns with their origins, the rows COPY rejected.
 */
import type pg from 'pg';
import { withColumnOrigins } from './column-origins';
import type { EngineStatement, EngineStatementOutcome } from './engine';
import { loadErrorOfNotice } from './load-error-notice';

// Every value stays PostgreSQL text: value conversion is the engines' shared code (see engine.ts).
const rawText = (value: string) => value;
const rawTypes = { getTypeParser: () => rawText };

/** PostgreSQL's SQLSTATE for a statement stopped by pg_cancel_backend (query_canceled). */
const queryCanceled = '57014';

/**
 * The statement's outcome: `finished`, or `failed` with its SQLSTATE, or `aborted` when PostgreSQL
 * stopped it because `isCancelled()` (the user cancelled the request).
 *
 * @example
 * const outcome = await runPostgresStatement(client, { sql: 'select 1', values: [] }, () => false);
 */
export async function runPostgresStatement(
  client: pg.PoolClient,
  statement: EngineStatement,
  isCancelled: () => boolean,
): Promise<EngineStatementOutcome> {
  const startedAt = Date.now();
  // COPY's rejected rows arrive as notices, also when the statement then fails (see load-error-notice.ts).
  const loadErrors: string[] = [];
  const onNotice = (notice: { message?: string | undefined }) => {
    const row = loadErrorOfNotice(notice.message);
    if (row !== undefined) loadErrors.push(row);
  };
  client.on('notice', onNotice);
  try {
    const results = await client.query({
      text: statement.sql,
      ...(statement.values.length > 0 ? { values: statement.values } : {}),
      rowMode: 'array',
      types: rawTypes,
    });
    const list = (Array.isArray(results) ? results : [results]) as pg.QueryResult<(string | null)[]>[];
    return await finishedOutcome(client, list, startedAt, loadErrors);
  } catch (error) {
    const sqlState = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    return sqlState === queryCanceled && isCancelled()
      ? { status: 'aborted', message, startedAt, endedAt: Date.now() }
      : {
          status: 'failed',
          message,
          ...(typeof sqlState === 'string' ? { sqlState } : {}),
          startedAt,
          endedAt: Date.now(),
          ...(loadErrors.length > 0 ? { loadErrors } : {}),
        };
  } finally {
    client.off('notice', onNotice);
  }
}

/** The outcome of a statement that ran: the last result with columns (or the last result) of a multi-statement text. */
async function finishedOutcome(
  client: pg.PoolClient,
  list: pg.QueryResult<(string | null)[]>[],
  startedAt: number,
  loadErrors: string[],
): Promise<EngineStatementOutcome> {
  const result = [...list].reverse().find((item) => item.fields.length > 0) ?? list[list.length - 1];
  const described = (result?.fields ?? []).map((field) => ({
    name: field.name,
    typeOid: field.dataTypeID,
    tableOid: field.tableID,
    columnNumber: field.columnID,
    typeModifier: field.dataTypeModifier,
  }));
  // Schema, table and NOT NULL of the columns read from a table, as ColumnMetadata reports them.
  const fields = await withColumnOrigins(described, async (text, values) => {
    const origins = await client.query<(string | null)[]>({
      text,
      values,
      rowMode: 'array',
      types: rawTypes,
    });
    return origins.rows;
  });
  const rows = result?.rows ?? [];
  return {
    status: 'finished',
    fields,
    rows,
    rowCount: fields.length > 0 ? rows.length : (result?.rowCount ?? 0),
    command: result?.command ?? '',
    startedAt,
    endedAt: Date.now(),
    ...(loadErrors.length > 0 ? { loadErrors } : {}),
  };
}
