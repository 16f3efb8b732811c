import * as z from 'zod/mini';
import { NotifierConfigurationError } from './errors';
import type { LoadErrorOptions } from './load-error-options';
import type { NotifierDataApi } from './notifier-dependencies';

/**
 * One row of the load-error table: which file, line and column of a COPY was bad, and why.
 *
 * @example
 * ```ts
 * const row: LoadErrorRow = { fileName: 's3://trips/2015-01.txt', lineNumber: 17, columnName: 'fare_amount', columnType: 'float4', errorMessage: "Invalid digit, Value 'x', Pos 0, Type: Float" };
 * ```
 */
export interface LoadErrorRow {
  fileName?: string;
  lineNumber?: number;
  columnName?: string;
  columnType?: string;
  /** Position of the error in the field. */
  position?: number;
  errorCode?: number;
  /** Redshift's reason; for parse errors it quotes the raw value (`Invalid digit, Value 'x', …`). */
  errorMessage?: string;
}

const identifierPattern = /^[a-zA-Z_][a-zA-Z0-9_.]{0,126}$/;

const loadErrorRowSchema = z.object({
  file_name: z.nullish(z.string()),
  line_number: z.nullish(z.number()),
  column_name: z.nullish(z.string()),
  column_type: z.nullish(z.string()),
  position: z.nullish(z.number()),
  error_code: z.nullish(z.number()),
  error_message: z.nullish(z.string()),
});

/** `Date` as Redshift's TIMESTAMP literal text in UTC: `2026-11-30 16:00:00.123`. */
function timestampText(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

function trimmed(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

/**
 * Reads the first rows of the load-error table for one failed run: `sys_load_error_detail`
 * (https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html: on provisioned
 * clusters and Serverless; columns session_id, start_time, file_name, line_number, column_name,
 * column_type, position, error_code, error_message; it has no raw value column, but error_message
 * quotes the value for parse errors). Rows are those of the statement's process (`session_id` =
 * DescribeStatement's `RedshiftPid`) that started at or after the statement was created.
 *
 * Not `query_id` = DescribeStatement's `RedshiftQueryId`: that is the CALL's query id, and the COPY
 * inside the procedure runs as a query of its own with another id. The process id is the CALL's
 * connection, which runs the COPY too; a process id can be reused by later connections, hence the
 * start-time bound (Redshift stamps start_time in UTC, the Data API's CreatedAt is UTC). One
 * `query`: ExecuteStatement, one long-polling DescribeStatement, one GetStatementResult.
 *
 * @throws NotifierConfigurationError when `options.table` is not a plain SQL identifier.
 * @throws RedshiftDataError when the query fails or times out (the caller reports it in the message).
 * @example
 * ```ts
 * const rows = await readLoadErrors(dataApi, { sessionId: 1073815778, since: description.createdAt });
 * ```
 */
export async function readLoadErrors(
  dataApi: NotifierDataApi,
  run: { sessionId: number; since: Date },
  options: LoadErrorOptions = {},
): Promise<LoadErrorRow[]> {
  const table = options.table ?? 'sys_load_error_detail';
  const maxRows = options.maxRows ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!identifierPattern.test(table)) {
    throw new NotifierConfigurationError('loadErrors.table', table, 'is not a plain SQL identifier');
  }
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 100) {
    throw new NotifierConfigurationError(
      'loadErrors.maxRows',
      maxRows,
      'must be a whole number from 1 to 100',
    );
  }
  const sql = `SELECT TRIM(file_name) AS file_name, line_number, TRIM(column_name) AS column_name, TRIM(column_type) AS column_type, position, error_code, TRIM(error_message) AS error_message FROM ${table} WHERE session_id = CAST(:session_id AS INTEGER) AND start_time >= CAST(:since AS TIMESTAMP) ORDER BY start_time, line_number LIMIT ${maxRows}`;
  const rows = await dataApi.query(sql, {
    parameters: { session_id: String(run.sessionId), since: timestampText(run.since) },
    timeoutMs,
    cancelOnTimeout: true,
    // One long poll covers a quick query with a single DescribeStatement.
    longPollSeconds: Math.max(1, Math.min(20, Math.floor(timeoutMs / 1000))),
    decoding: { int8: 'numberWhenSafe' },
  });
  return rows.map((raw) => {
    const row = loadErrorRowSchema.parse(raw);
    const entry: LoadErrorRow = {};
    const fileName = trimmed(row.file_name);
    const columnName = trimmed(row.column_name);
    const columnType = trimmed(row.column_type);
    const errorMessage = trimmed(row.error_message);
    if (fileName !== undefined) entry.fileName = fileName;
    if (row.line_number != null) entry.lineNumber = row.line_number;
    if (columnName !== undefined) entry.columnName = columnName;
    if (columnType !== undefined) entry.columnType = columnType;
    if (row.position != null) entry.position = row.position;
    if (row.error_code != null) entry.errorCode = row.error_code;
    if (errorMessage !== undefined) entry.errorMessage = errorMessage;
    return entry;
  });
}
