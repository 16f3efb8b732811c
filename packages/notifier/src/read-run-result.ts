import * as z from 'zod/mini';
import type { NotifierDataApi } from './notifier-dependencies';

/**
 * What `run_elt_process` reports about its own run through its OUT arguments
 * (`rows_loaded BIGINT, started_at TIMESTAMP, ended_at TIMESTAMP`); a field is absent when the
 * procedure left it NULL.
 *
 * @example
 * ```ts
 * const result: RunResult = { rowsLoaded: 20_000, startedAt: new Date('2026-11-30T16:00:01Z'), endedAt: new Date('2026-11-30T16:00:04Z') };
 * ```
 */
export interface RunResult {
  rowsLoaded?: number;
  startedAt?: Date;
  endedAt?: Date;
}

const runResultRowSchema = z.object({
  rows_loaded: z.nullish(z.union([z.int().check(z.nonnegative()), z.bigint().check(z.gte(0n))])),
  started_at: z.nullish(z.date()),
  ended_at: z.nullish(z.date()),
});

/**
 * Reads the one-row result set of a finished `CALL run_elt_process();` with one GetStatementResult.
 * On Redshift a CALL of a procedure with OUT arguments returns them as a one-row result set
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CALL_procedure.html; through the Data API the
 * row is read with GetStatementResult like any query result, kept 24 hours). Returns undefined
 * when the statement returned no row.
 *
 * @throws RedshiftDataError when GetStatementResult fails (e.g. the statement has no result set).
 * @throws ZodError when the row's columns have other types than the procedure's OUT arguments.
 * @example
 * ```ts
 * const result = await readRunResult(dataApi, statementId);
 * console.log(result?.rowsLoaded);
 * ```
 */
export async function readRunResult(
  dataApi: NotifierDataApi,
  statementId: string,
): Promise<RunResult | undefined> {
  // A one-row result is one page: `collect` makes exactly one GetStatementResult call.
  const rows = await dataApi.collect(statementId, {
    decoding: { int8: 'numberWhenSafe', temporal: 'date' },
  });
  const first = rows[0];
  if (first === undefined) return undefined;
  const row = runResultRowSchema.parse(first);
  const rowsLoaded =
    typeof row.rows_loaded === 'bigint'
      ? undefined // beyond 2^53 − 1: not a count a message can state exactly
      : (row.rows_loaded ?? undefined);
  return {
    ...(rowsLoaded === undefined ? {} : { rowsLoaded }),
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
  };
}
