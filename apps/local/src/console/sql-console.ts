import {
  InvalidParameterError,
  type RedshiftData,
  RedshiftDataServiceError,
  StatementAbortedError,
  StatementFailedError,
  WaitAbortedError,
} from '@shiftflow/data-api';
import type { SqlResult } from './console-api';
import { ConsoleRequestError } from './errors';
import { readResultPage } from './read-result-page';
import type { SqlHistory } from './sql-history';

/** How long the SQL editor waits for a statement before cancelling it. */
export const sqlTimeoutMs = 10 * 60 * 1000;

/**
 * Runs one statement of the SQL editor on the local Redshift through the Data API (ExecuteStatement,
 * then DescribeStatement until it ended), returns its first page with typed columns, and records it
 * in the history. A statement the browser stops waiting for (the request closes) is cancelled.
 *
 * @throws ConsoleRequestError: `STATEMENT_FAILED` with Redshift's error text, `STATEMENT_ABORTED`,
 *   `VALIDATION` for a statement the Data API refused before it ran.
 * @example
 * const first = await runConsoleSql(dataApi, history, 'select 1 as n', { signal });
 * // { statementId, columns: [{ name: 'n', typeName: 'int4' }], rows: [[1]], nextToken: null, totalRows: 1, … }
 */
export async function runConsoleSql(
  dataApi: RedshiftData,
  history: SqlHistory,
  sql: string,
  options: { signal?: AbortSignal; clock?: () => Date } = {},
): Promise<SqlResult> {
  const at = (options.clock ?? (() => new Date()))().toISOString();
  let statementId: string | undefined;
  try {
    const handle = await dataApi.execute(sql);
    statementId = handle.id;
    const description = await dataApi.wait(handle.id, {
      timeoutMs: sqlTimeoutMs,
      cancelOnTimeout: true,
      cancelOnAbort: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const durationMs = description.durationMs ?? null;
    const result: SqlResult = description.hasResultSet
      ? {
          statementId: handle.id,
          ...(await readResultPage(dataApi, handle.id, undefined)),
          hasResultSet: true,
          durationMs,
        }
      : {
          statementId: handle.id,
          columns: [],
          rows: [],
          nextToken: null,
          totalRows: description.resultRows ?? -1,
          hasResultSet: false,
          durationMs,
        };
    await history.add({
      sql,
      at,
      statementId: handle.id,
      status: 'FINISHED',
      totalRows: result.totalRows,
      durationMs,
      error: null,
    });
    return result;
  } catch (error) {
    const refused = consoleSqlError(error, statementId);
    if (
      refused.apiCode === 'STATEMENT_FAILED' ||
      refused.apiCode === 'STATEMENT_ABORTED' ||
      refused.apiCode === 'VALIDATION'
    ) {
      await history.add({
        sql,
        at,
        statementId: statementId ?? null,
        status: refused.apiCode === 'STATEMENT_ABORTED' ? 'ABORTED' : 'FAILED',
        totalRows: null,
        durationMs: null,
        error: refused.message,
      });
    }
    throw refused;
  }
}

/**
 * The console error of a Data API failure: Redshift's own error text for a FAILED statement (as the
 * Query Editor shows it), the service's message for a refused request.
 *
 * @example
 * consoleSqlError(new StatementFailedError({ statementId, serviceMessage: 'ERROR: relation "x" does not exist' }), statementId).message;
 * // 'ERROR: relation "x" does not exist'
 */
export function consoleSqlError(error: unknown, statementId: string | undefined): ConsoleRequestError {
  const id = statementId === undefined ? {} : { statementId };
  if (error instanceof ConsoleRequestError) return error;
  if (error instanceof StatementFailedError) {
    return new ConsoleRequestError(400, 'STATEMENT_FAILED', error.serviceMessage, { cause: error, ...id });
  }
  if (error instanceof StatementAbortedError) {
    return new ConsoleRequestError(400, 'STATEMENT_ABORTED', `statement ${error.statementId} was aborted`, {
      cause: error,
      ...id,
    });
  }
  if (error instanceof WaitAbortedError) {
    return new ConsoleRequestError(400, 'STATEMENT_ABORTED', `the request was closed; ${error.message}`, {
      cause: error,
      ...id,
    });
  }
  if (error instanceof InvalidParameterError) {
    return new ConsoleRequestError(400, 'VALIDATION', error.message, { cause: error, ...id });
  }
  // Wrapped by @shiftflow/data-api (serviceCode), or thrown by the SDK itself (name) for GetStatementResult.
  const serviceCode =
    error instanceof RedshiftDataServiceError ? error.serviceCode : error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (serviceCode === 'ValidationException') {
    return new ConsoleRequestError(400, 'VALIDATION', message, { cause: error, ...id });
  }
  if (serviceCode === 'ResourceNotFoundException') {
    return new ConsoleRequestError(404, 'RESULT_NOT_FOUND', message, { cause: error, ...id });
  }
  if (error instanceof RedshiftDataServiceError && error.statusCode === undefined) {
    return new ConsoleRequestError(
      503,
      'ENGINE_UNAVAILABLE',
      `the local Redshift does not answer (${message}); is shiftflow still running?`,
      { cause: error, ...id },
    );
  }
  return new ConsoleRequestError(500, 'INTERNAL', error instanceof Error ? error.message : String(error), {
    cause: error,
    ...id,
  });
}
