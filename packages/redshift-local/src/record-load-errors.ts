/**
 * Writes the rows a COPY rejected into the engine's load-error store (`shiftflow_compat.load_errors`,
 * read through `stl_load_errors` and `sys_load_error_detail`), keyed by the Data API statement's ids,
 * before the statement that rejected them is seen to end.
 */
import { randomUUID } from 'node:crypto';
import type { Engine, EngineStatementOutcome } from './engine';
import { reportAside } from './statement-lifecycle';
import type { StatementRecord } from './statement-record';
import type { StatementStore } from './statement-store';

/** The columns a load-error notice carries (see copy-rejecting-rows-sql.ts); the ids come from the statement. */
const insertLoadErrors = `INSERT INTO shiftflow_compat.load_errors
  (session, query, userid, tbl, starttime, database_name, filename, line_number, colname, type, col_length,
   position, raw_line, raw_field_value, err_code, err_reason)
SELECT $1::integer, $2::bigint, r.userid, r.tbl, r.starttime, r.database_name, r.filename, r.line_number, r.colname,
       r.type, r.col_length, r.position, r.raw_line, r.raw_field_value, r.err_code, r.err_reason
FROM pg_catalog.jsonb_to_recordset($3::jsonb) AS r(userid integer, tbl integer, starttime timestamp, database_name text,
  filename text, line_number bigint, colname text, type text, col_length text, position integer, raw_line text,
  raw_field_value text, err_code integer, err_reason text)`;

/**
 * Holds back the end of each SQL that rejected COPY rows until the rows are written, so a client that
 * sees the statement FAILED (or FINISHED after MAXERROR) finds them in `stl_load_errors` at once, as the
 * notifier does. The rows are written in a request of their own, outside the statement's transaction, so
 * they stay whether it commits or rolls back: on Redshift `stl_load_errors` rows are written outside the
 * load's transaction. `session` is the statement's RedshiftPid and `query` the sub-statement's
 * RedshiftQueryId (given to it here, before it ends), as DescribeStatement reports them. A failure to
 * write is reported on stderr: the statement ends either way.
 *
 * @example
 * const recorder = new LoadErrorRecorder(engine, statements, record, (index, outcome) => lifecycle.statementDone(record, index, outcome));
 * engine.run({ …, onStatement: recorder.onStatement }).then((outcomes) => recorder.settled().then(() => lifecycle.ran(record, outcomes)));
 */
export class LoadErrorRecorder {
  readonly #writes: Promise<void>[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly statements: StatementStore,
    private readonly record: StatementRecord,
    private readonly statementDone: (index: number, outcome: EngineStatementOutcome) => void,
  ) {}

  /** The engine's per-SQL callback: passes the outcome on, after writing its rejected rows if it has any. */
  readonly onStatement = (index: number, outcome: EngineStatementOutcome): void => {
    const rows = outcome.status === 'aborted' ? undefined : outcome.loadErrors;
    const sub = this.record.subs[index];
    if (rows === undefined || rows.length === 0 || sub === undefined) {
      this.statementDone(index, outcome);
      return;
    }
    sub.redshiftQueryId = this.statements.nextQueryId();
    this.#writes.push(this.#write(sub.redshiftQueryId, rows).then(() => this.statementDone(index, outcome)));
  };

  /** Resolves when every write started so far has ended (never rejects). */
  settled(): Promise<void> {
    return Promise.all(this.#writes).then(() => undefined);
  }

  async #write(queryId: number, rows: string[]): Promise<void> {
    const values = [String(this.record.redshiftPid), String(queryId), `[${rows.join(',')}]`];
    try {
      const [written] = await this.engine.run({
        executionId: randomUUID(),
        statements: [{ sql: insertLoadErrors, values }],
        transaction: false,
        // On PGlite a session's open transaction would hold this write, and the statement with it.
        detached: true,
      });
      if (written !== undefined && written.status !== 'finished') {
        reportAside(
          new Error(`the load errors of statement ${this.record.id} were not recorded: ${written.message}`),
        );
      }
    } catch (error) {
      reportAside(error);
    }
  }
}
