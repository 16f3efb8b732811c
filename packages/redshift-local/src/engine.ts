/**
 * The engine seam: PGlite (in a worker thread) and PostgreSQL (by URL) both run batches of SQL
 * with bind parameters and return rows as PostgreSQL text, so value conversion is shared.
 */
import type { ColumnWithOrigin } from './column-origins';

/** One SQL statement with its positional bind values ($1, $2, …). */
export interface EngineStatement {
  sql: string;
  values: string[];
  /**
   * The statement is a TRUNCATE: on Redshift it commits the transaction it runs in, and what follows
   * runs in a new one (https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html).
   */
  commits?: boolean | undefined;
}

/** A batch of statements the engine runs in order, optionally inside one transaction. */
export interface EngineRequest {
  /** Unique id used to cancel the request. */
  executionId: string;
  /**
   * Data API session id: statements of one session run on one connection, in order, and keep its
   * settings, temporary tables and open transaction. Without one, the request runs in a session of its
   * own that ends with it: an open transaction is rolled back, temporary tables dropped, settings reset
   * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ExecuteStatement.html).
   */
  sessionKey?: string | undefined;
  statements: EngineStatement[];
  /** BEGIN … COMMIT around the statements (ROLLBACK when one fails). */
  transaction: boolean;
  /**
   * The caller need not wait for the request to run (bookkeeping such as load-error rows, which on
   * Redshift are written outside the load's transaction). When a session's open transaction holds
   * PGlite's one connection, the request is answered at once as finished (no rows) and runs once that
   * transaction ends; a failure then is reported on stderr.
   */
  detached?: boolean | undefined;
  /** Called when the engine picks the request up, with the session's RedshiftPid (its own per session). */
  onStart?: (backendPid: number) => void;
  /** Called after each statement with its outcome. */
  onStatement?: (index: number, outcome: EngineStatementOutcome) => void;
}

/** A column of a result, as the engine reports it. */
export type EngineField = ColumnWithOrigin;

/** What one statement produced. */
export type EngineStatementOutcome =
  | {
      status: 'finished';
      fields: EngineField[];
      rows: (string | null)[][];
      rowCount: number;
      command: string;
      startedAt: number;
      endedAt: number;
      /** Rows the COPY helper rejected (JSON, one per row; see load-error-notice.ts), kept outside the transaction. */
      loadErrors?: string[];
    }
  | {
      status: 'failed';
      message: string;
      sqlState?: string;
      startedAt: number;
      endedAt: number;
      loadErrors?: string[];
    }
  | { status: 'aborted'; message: string; startedAt: number; endedAt: number };

/** An engine behind the Data API: PGlite or PostgreSQL. */
export interface Engine {
  readonly kind: 'pglite' | 'postgres';
  /** Opens the engine; runs the dialect's compatibility SQL. */
  open(): Promise<void>;
  /**
   * Runs the request; resolves with one outcome per statement (statements after a failure in
   * a transaction, or after a cancel, are `aborted`). Never rejects for SQL errors.
   */
  run(request: EngineRequest): Promise<EngineStatementOutcome[]>;
  /** Cancels a queued or running request; false when it is not known (already done). */
  cancel(executionId: string): Promise<boolean>;
  /** Ends a session: its open transaction is rolled back and its temporary tables dropped. */
  endSession(sessionKey: string): Promise<void>;
  close(): Promise<void>;
}
