/**
 * Writes the rows a COPY rejected into the engine's load-error store (`shiftflow_compat.load_errors`,
 * read through `stl_load_errors` and `sys_load_error_detail`), keyed by the Data API statement's ids.
 */
import { randomUUID } from 'node:crypto';
import type { Engine, EngineStatementOutcome } from './engine';
import { reportAside } from './statement-lifecycle';
import type { StatementRecord } from './statement-record';

/** The columns a load-error notice carries (see copy-helper-sql.ts); the ids come from the statement. */
const insertLoadErrors = `INSERT INTO shiftflow_compat.load_errors
  (session, query, userid, tbl, starttime, database_name, filename, line_number, colname, type, col_length,
   position, raw_line, raw_field_value, err_code, err_reason)
SELECT $1::integer, $2::bigint, r.userid, r.tbl, r.starttime, r.database_name, r.filename, r.line_number, r.colname,
       r.type, r.col_length, r.position, r.raw_line, r.raw_field_value, r.err_code, r.err_reason
FROM pg_catalog.jsonb_to_recordset($3::jsonb) AS r(userid integer, tbl integer, starttime timestamp, database_name text,
  filename text, line_number bigint, colname text, type text, col_length text, position integer, raw_line text,
  raw_field_value text, err_code integer, err_reason text)`;

/**
 * Writes the load errors of each SQL of `record` in a request of their own, after the statement's own
 * transaction has ended, so they stay whether it committed or rolled back: on Redshift
 * `stl_load_errors` rows are written outside the load's transaction. `session` is the statement's
 * RedshiftPid and `query` the sub-statement's RedshiftQueryId, as DescribeStatement reports them. A
 * failure to write is reported on stderr: the statement ends either way. Never rejects.
 *
 * @example
 * engine.run(request).then((outcomes) => recordLoadErrors(engine, record, outcomes).then(() => lifecycle.ran(record, outcomes)));
 */
export async function recordLoadErrors(
  engine: Engine,
  record: StatementRecord,
  outcomes: readonly EngineStatementOutcome[],
): Promise<void> {
  const statements = outcomes.flatMap((outcome, index) => {
    const rows = outcome.status === 'aborted' ? undefined : outcome.loadErrors;
    if (rows === undefined || rows.length === 0) return [];
    const queryId = record.subs[index]?.redshiftQueryId ?? 0;
    return [
      { sql: insertLoadErrors, values: [String(record.redshiftPid), String(queryId), `[${rows.join(',')}]`] },
    ];
  });
  if (statements.length === 0) return;
  try {
    const written = await engine.run({ executionId: randomUUID(), statements, transaction: true });
    for (const outcome of written) {
      if (outcome.status === 'finished') continue;
      reportAside(
        new Error(`the load errors of statement ${record.id} were not recorded: ${outcome.message}`),
      );
      break;
    }
  } catch (error) {
    reportAside(error);
  }
}
