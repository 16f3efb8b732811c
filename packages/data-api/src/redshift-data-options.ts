import type { RedshiftDataClient, RedshiftDataClientConfig } from '@aws-sdk/client-redshift-data';
import type { DecodingOptions } from './decoding-options';
import type { RedshiftTarget } from './resolve-target';
import type { ParameterValue } from './sql-statement';
import type { StatementStatus } from './statement-description';

/**
 * Options of `new RedshiftData()`: a ready client **or** client configuration (never both), a target,
 * and how results are decoded.
 *
 * @example
 * ```ts
 * const options: RedshiftDataOptions = {
 *   clientConfig: { region: 'eu-west-1', maxAttempts: 5, retryMode: 'adaptive' },
 *   target: { clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
 * };
 * ```
 */
export type RedshiftDataOptions = (
  | { client?: RedshiftDataClient | undefined; clientConfig?: undefined }
  | { clientConfig?: RedshiftDataClientConfig | undefined; client?: undefined }
) & {
  /** Where statements run. Checked at creation. */
  target: RedshiftTarget;
  /** How result values are decoded; see {@link DecodingOptions}. */
  decoding?: DecodingOptions | undefined;
};

/**
 * Options of `execute()`.
 *
 * @example
 * ```ts
 * await data.execute('call run_elt_process()', { statementName: 'nightly/2024-01-02', withEvent: true });
 * ```
 */
export interface ExecuteOptions {
  /** Named parameters for `:name` placeholders in the SQL, merged with those of a `sql` tagged statement. */
  parameters?: Readonly<Record<string, ParameterValue>> | undefined;
  /** A name to find the statement by later (`listStatements({ statementNamePrefix })`). */
  statementName?: string | undefined;
  /** Send a "Redshift Data Statement Status Change" event to EventBridge when the statement ends. */
  withEvent?: boolean | undefined;
  /** Idempotency token: the same token never starts a second statement. Defaults to a token the SDK generates. */
  clientToken?: string | undefined;
  /** Result format: `'JSON'` (typed `Field`s) or `'CSV'` (read with `GetStatementResultV2`). @default 'JSON' */
  resultFormat?: 'JSON' | 'CSV' | undefined;
  /** Keep a session open for this many seconds (0–86400) after the statement, for reuse with `sessionId`. */
  sessionKeepAliveSeconds?: number | undefined;
  /** Run in an existing session; the target's connection fields are then not sent. */
  sessionId?: string | undefined;
}

/**
 * Options of `executeBatch()`.
 *
 * @example
 * ```ts
 * await data.executeBatch(['truncate staging', 'insert into staging select * from raw'], { mode: 'TRANSACTION' });
 * ```
 */
export interface BatchExecuteOptions extends ExecuteOptions {
  /** `TRANSACTION` commits or rolls back all statements together; `AUTO_COMMIT` commits each. @default 'TRANSACTION' */
  mode?: 'TRANSACTION' | 'AUTO_COMMIT' | undefined;
}

/**
 * What `execute()` returns: the statement id, and the session id when a session was kept or reused.
 *
 * @example
 * ```ts
 * const { id, sessionId } = await data.execute('select 1', { sessionKeepAliveSeconds: 60 });
 * ```
 */
export interface StatementHandle {
  id: string;
  sessionId?: string | undefined;
  createdAt?: Date | undefined;
}

/**
 * What `executeBatch()` returns: the batch id and the ids `<id>:1` … `<id>:N` of its statements,
 * whose results `results()` reads.
 *
 * @example
 * ```ts
 * const batch = await data.executeBatch(['select 1', 'select 2']);
 * await data.wait(batch.id);
 * for await (const rows of data.results(batch.subStatementIds[1]!)) console.log(rows);
 * ```
 */
export interface BatchStatementHandle extends StatementHandle {
  subStatementIds: string[];
}

/**
 * Options of `wait()`.
 *
 * @example
 * ```ts
 * await data.wait(id, { timeoutMs: 10 * 60_000, cancelOnTimeout: true, signal: AbortSignal.timeout(15 * 60_000) });
 * ```
 */
export interface WaitOptions {
  /**
   * Give up after this many milliseconds (the status is checked at least once) with
   * {@link StatementTimeoutError}. `Infinity` waits without a limit.
   * @default 86_400_000 (24 hours, the longest a Data API query may run)
   */
  timeoutMs?: number | undefined;
  /** Stop waiting when this signal aborts, with {@link WaitAbortedError}. */
  signal?: AbortSignal | undefined;
  /** Cancel the statement when `timeoutMs` passes; `false` leaves it running. @default true */
  cancelOnTimeout?: boolean | undefined;
  /** Cancel the statement when `signal` aborts; `false` leaves it running. @default true */
  cancelOnAbort?: boolean | undefined;
  /** Seconds each `DescribeStatement` long-polls (`WaitTimeSeconds`, 1–30); 0 turns long-polling off. @default 20 */
  longPollSeconds?: number | undefined;
  /** First pause between polls when the service answers at once; it doubles up to `maxDelayMs`, with jitter. @default 100 */
  initialDelayMs?: number | undefined;
  /** Longest pause between polls. @default 5000 */
  maxDelayMs?: number | undefined;
}

/**
 * Options of `results()` and `collect()`: how to read the pages, and how to wait (the {@link WaitOptions})
 * when the statement has not ended yet.
 *
 * @example
 * ```ts
 * for await (const rows of data.results(id, { timeoutMs: 60_000 })) console.log(rows.length);
 * ```
 */
export interface ResultsOptions extends WaitOptions {
  /** The format the statement was run with. Defaults to `'JSON'`, or to the statement's format when it had to be waited for. */
  resultFormat?: 'JSON' | 'CSV' | undefined;
  /** Overrides the client's decoding options for these results. */
  decoding?: DecodingOptions | undefined;
  /** Stops waiting and reading pages when it aborts. */
  signal?: AbortSignal | undefined;
  /**
   * When the service refuses the first page because the statement is still running
   * (`ValidationException`), wait for the statement, then read: a failed statement throws
   * {@link StatementFailedError}. A statement that has ended costs no extra call; one without a result
   * set gives the service's `ResourceNotFoundException` either way (`query` returns `[]` for it).
   * `false` surfaces the service's refusal as it is. @default true
   */
  wait?: boolean | undefined;
}

/**
 * Options of `query()`: those of `execute()` and `wait()`, plus decoding overrides.
 *
 * @example
 * ```ts
 * const rows = await data.query(sql`select * from trips where vendor_id = ${2}`, { timeoutMs: 60_000 });
 * ```
 */
export interface QueryOptions extends ExecuteOptions, WaitOptions {
  /** Overrides the client's decoding options for this query. */
  decoding?: DecodingOptions | undefined;
}

/**
 * Options of `listStatements()`.
 *
 * @example
 * ```ts
 * data.listStatements({ statementNamePrefix: 'nightly/', status: 'STARTED', maxResults: 10 });
 * ```
 */
export interface ListStatementsOptions {
  /** Only statements whose name starts with this (case-sensitive). */
  statementNamePrefix?: string | undefined;
  /** Only statements in this status; `'ALL'` includes running ones. The service's default is FINISHED only. */
  status?: StatementStatus | 'ALL' | undefined;
  /** Stop after this many statements. Defaults to all. */
  maxResults?: number | undefined;
  /** List statements of the caller's IAM role (`true`, the service default) or of the user only (`false`). */
  roleLevel?: boolean | undefined;
}
