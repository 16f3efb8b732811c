import { setTimeout as delay } from 'node:timers/promises';
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  ListStatementsCommand,
  RedshiftDataClient,
  type RedshiftDataClientConfig,
} from '@aws-sdk/client-redshift-data';
import { createRowDecoder, type DecodingOptions, type RowDecoder } from './create-row-decoder';
import {
  InvalidOptionError,
  InvalidParameterError,
  RedshiftDataServiceError,
  StatementAbortedError,
  StatementFailedError,
  StatementTimeoutError,
  WaitAbortedError,
} from './errors';
import { type ConnectionFields, type RedshiftTarget, resolveTarget } from './resolve-target';
import { type ParameterValue, type SqlParameter, type SqlStatement, toSqlParameters } from './sql';
import {
  type StatementDescription,
  type StatementStatus,
  type StatementSummary,
  toStatementDescription,
  toStatementSummary,
} from './statement-description';

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
  | { client?: RedshiftDataClient; clientConfig?: never }
  | { clientConfig?: RedshiftDataClientConfig; client?: never }
) & {
  /** Where statements run. Checked at creation. */
  target: RedshiftTarget;
  /** How result values are decoded; see {@link DecodingOptions}. */
  decoding?: DecodingOptions;
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
  parameters?: Readonly<Record<string, ParameterValue>>;
  /** A name to find the statement by later (`listStatements({ statementNamePrefix })`). */
  statementName?: string;
  /** Send a "Redshift Data Statement Status Change" event to EventBridge when the statement ends. */
  withEvent?: boolean;
  /** Idempotency token: the same token never starts a second statement. Defaults to a token the SDK generates. */
  clientToken?: string;
  /** Result format: `'JSON'` (typed `Field`s) or `'CSV'` (read with `GetStatementResultV2`). @default 'JSON' */
  resultFormat?: 'JSON' | 'CSV';
  /** Keep a session open for this many seconds (0–86400) after the statement, for reuse with `sessionId`. */
  sessionKeepAliveSeconds?: number;
  /** Run in an existing session; the target's connection fields are then not sent. */
  sessionId?: string;
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
  mode?: 'TRANSACTION' | 'AUTO_COMMIT';
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
  sessionId?: string;
  createdAt?: Date;
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
  /** Give up after this many milliseconds (the status is checked at least once) with {@link StatementTimeoutError}. Defaults to no limit. */
  timeoutMs?: number;
  /** Stop waiting when this signal aborts, with {@link WaitAbortedError}. */
  signal?: AbortSignal;
  /** Cancel the statement when `timeoutMs` passes. @default false */
  cancelOnTimeout?: boolean;
  /** Cancel the statement when `signal` aborts. @default false */
  cancelOnAbort?: boolean;
  /** Seconds each `DescribeStatement` long-polls (`WaitTimeSeconds`, 1–30); 0 turns long-polling off. @default 20 */
  longPollSeconds?: number;
  /** First pause between polls when the service answers at once; it doubles up to `maxDelayMs`, with jitter. @default 100 */
  initialDelayMs?: number;
  /** Longest pause between polls. @default 5000 */
  maxDelayMs?: number;
}

/**
 * Options of `results()`.
 *
 * @example
 * ```ts
 * for await (const rows of data.results(id, { resultFormat: 'CSV' })) console.log(rows.length);
 * ```
 */
export interface ResultsOptions {
  /** The format the statement was run with. @default 'JSON' */
  resultFormat?: 'JSON' | 'CSV';
  /** Overrides the client's decoding options for these results. */
  decoding?: DecodingOptions;
  /** Stops reading pages when it aborts. */
  signal?: AbortSignal;
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
  decoding?: DecodingOptions;
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
  statementNamePrefix?: string;
  /** Only statements in this status; `'ALL'` includes running ones. The service's default is FINISHED only. */
  status?: StatementStatus | 'ALL';
  /** Stop after this many statements. Defaults to all. */
  maxResults?: number;
  /** List statements of the caller's IAM role (`true`, the service default) or of the user only (`false`). */
  roleLevel?: boolean;
}

/** The most statements one `BatchExecuteStatement` accepts. */
const maxBatchSize = 40;
const maxPageSize = 100;

/**
 * A typed Amazon Redshift Data API client for one target (provisioned cluster or Serverless workgroup):
 * execute, batch, wait, typed results, sessions, cancel and list. Retries of failed calls come from the
 * AWS SDK's retry strategy (`maxAttempts`, `retryMode` in `clientConfig`).
 *
 * @example
 * ```ts
 * import { RedshiftData, sql } from '@shiftflow/data-api';
 *
 * const data = new RedshiftData({ target: { workgroupName: 'analytics', database: 'dev' } });
 * const rows = await data.query<{ vendor_id: number; trips: bigint }>(
 *   sql`select vendor_id, count(*) as trips from trips where pickup_at >= ${new Date('2024-01-01')} group by 1`,
 * );
 * ```
 */
export class RedshiftData {
  /** The AWS SDK client used for every call. */
  readonly client: RedshiftDataClient;
  /** The connection fields sent with each request. */
  readonly connection: Readonly<ConnectionFields>;
  private readonly decoding: DecodingOptions;
  private longPollSupported = true;

  constructor(options: RedshiftDataOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidOptionError(
        `options are ${options === null ? 'null' : typeof options}; pass { target, client? | clientConfig? }`,
        'options',
        options,
      );
    }
    if (options.client !== undefined && options.clientConfig !== undefined) {
      throw new InvalidOptionError(
        'pass either client or clientConfig, not both',
        'clientConfig',
        'both given',
      );
    }
    this.connection = Object.freeze(resolveTarget(options.target));
    this.client = options.client ?? new RedshiftDataClient(options.clientConfig ?? {});
    this.decoding = { ...options.decoding };
    createRowDecoder([], this.decoding); // validates the decoding options now rather than at the first query
  }

  /**
   * Starts one SQL statement and returns at once with its id (the Data API runs statements asynchronously).
   *
   * @example
   * ```ts
   * const { id } = await data.execute(sql`delete from trips where pickup_at < ${cutoff}`, { withEvent: true });
   * ```
   */
  async execute(statement: string | SqlStatement, options: ExecuteOptions = {}): Promise<StatementHandle> {
    const { sql, parameters } = prepareStatements([statement], options.parameters);
    const output = await this.call('ExecuteStatement', () =>
      this.client.send(
        new ExecuteStatementCommand({ ...this.commonInput(options), Sql: sql[0]!, Parameters: parameters }),
      ),
    );
    return toHandle(output.Id, output.SessionId, output.CreatedAt);
  }

  /**
   * Starts up to 40 SQL statements as one batch, in a transaction (default) or each committed on its own.
   * Parameters of all statements are sent together, so one name must mean one value across the batch.
   *
   * @example
   * ```ts
   * const batch = await data.executeBatch(['create temp table t as select 1 as x', 'select x from t']);
   * const done = await data.wait(batch.id);
   * const rows = await data.collect(batch.subStatementIds[1]!);
   * ```
   */
  async executeBatch(
    statements: readonly (string | SqlStatement)[],
    options: BatchExecuteOptions = {},
  ): Promise<BatchStatementHandle> {
    if (!Array.isArray(statements) || statements.length === 0 || statements.length > maxBatchSize) {
      throw new InvalidOptionError(
        `a batch needs 1 to ${maxBatchSize} SQL statements; got ${Array.isArray(statements) ? statements.length : typeof statements}`,
        'sqls',
        statements,
      );
    }
    if (options.mode !== undefined && options.mode !== 'TRANSACTION' && options.mode !== 'AUTO_COMMIT') {
      throw new InvalidOptionError(
        `mode is ${JSON.stringify(options.mode)}; expected 'TRANSACTION' or 'AUTO_COMMIT'`,
        'mode',
        options.mode,
      );
    }
    const { sql, parameters } = prepareStatements(statements, options.parameters);
    const output = await this.call('BatchExecuteStatement', () =>
      this.client.send(
        new BatchExecuteStatementCommand({
          ...this.commonInput(options),
          Sqls: sql,
          Parameters: parameters,
          ExecutionMode: options.mode,
        }),
      ),
    );
    const handle = toHandle(output.Id, output.SessionId, output.CreatedAt);
    return { ...handle, subStatementIds: sql.map((_, index) => `${handle.id}:${index + 1}`) };
  }

  /**
   * Describes a statement (or a batch sub-statement `<id>:N`): status, error text, duration, rows.
   *
   * @example
   * ```ts
   * const { status, error, durationMs } = await data.describe(id);
   * ```
   */
  async describe(id: string): Promise<StatementDescription> {
    requireId(id);
    const output = await this.call('DescribeStatement', () =>
      this.client.send(new DescribeStatementCommand({ Id: id })),
    );
    return toStatementDescription(output);
  }

  /**
   * Waits until a statement ends. Resolves with its description on FINISHED; throws
   * {@link StatementFailedError} on FAILED, {@link StatementAbortedError} on ABORTED,
   * {@link StatementTimeoutError} after `timeoutMs`, {@link WaitAbortedError} when `signal` aborts.
   * Each poll long-polls with `WaitTimeSeconds` where the service supports it; between polls that
   * return at once it backs off exponentially (100 ms doubling to 5 s) with jitter.
   *
   * @example
   * ```ts
   * const { id } = await data.execute('call run_elt_process()');
   * const done = await data.wait(id, { timeoutMs: 30 * 60_000, cancelOnTimeout: true });
   * console.log(`${done.resultRows ?? 0} rows in ${done.durationMs} ms`);
   * ```
   */
  async wait(id: string, options: WaitOptions = {}): Promise<StatementDescription> {
    requireId(id);
    const timeoutMs = optionalNumber('timeoutMs', options.timeoutMs, 0, Number.MAX_SAFE_INTEGER);
    const longPollSeconds = optionalNumber('longPollSeconds', options.longPollSeconds, 0, 30) ?? 20;
    const initialDelayMs = optionalNumber('initialDelayMs', options.initialDelayMs, 0, 3_600_000) ?? 100;
    const maxDelayMs = optionalNumber('maxDelayMs', options.maxDelayMs, 0, 3_600_000) ?? 5000;
    const { signal } = options;
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    let pause = Math.min(initialDelayMs, maxDelayMs);
    let lastStatus: string | undefined;
    let polled = false;

    for (;;) {
      if (signal?.aborted) return this.abortWait(id, options, signal.reason);
      const remaining = deadline - Date.now();
      // The status is checked at least once, so a short timeout never reports an ended statement as timed out.
      if (remaining <= 0 && polled) return this.timeoutWait(id, options, timeoutMs ?? 0, lastStatus);
      const waitTimeSeconds =
        this.longPollSupported && longPollSeconds >= 1 && remaining >= 1000
          ? Math.min(Math.floor(longPollSeconds), Math.floor(remaining / 1000))
          : undefined;
      const pollStarted = Date.now();
      let description: StatementDescription;
      try {
        description = await this.poll(id, waitTimeSeconds, signal);
      } catch (error) {
        if (signal?.aborted) return this.abortWait(id, options, signal.reason);
        throw error;
      }
      polled = true;
      lastStatus = description.status ?? description.raw.Status;
      if (settle(description)) return description;
      const jittered = pause / 2 + (Math.random() * pause) / 2;
      const sleep = Math.min(Math.max(0, jittered - (Date.now() - pollStarted)), deadline - Date.now());
      // Doubling from at least 1 ms, so initialDelayMs 0 still backs off instead of polling in a hot loop.
      pause = Math.min(Math.max(pause * 2, 1), maxDelayMs);
      if (sleep > 0) {
        try {
          await delay(sleep, undefined, signal === undefined ? undefined : { signal });
        } catch (error) {
          if (signal?.aborted) return this.abortWait(id, options, signal.reason);
          throw error;
        }
      }
    }
  }

  /**
   * Runs a statement, waits for it and returns all result rows as objects keyed by column name,
   * each value decoded by its column type (see the README's decoding table). Statements without a
   * result set give `[]`.
   *
   * @example
   * ```ts
   * interface Trip { vendor_id: number; fare: string; pickup_at: string }
   * const trips = await data.query<Trip>(sql`select vendor_id, fare, pickup_at from trips limit ${10}`);
   * ```
   */
  async query<Row extends object = Record<string, unknown>>(
    statement: string | SqlStatement,
    options: QueryOptions = {},
  ): Promise<Row[]> {
    const { id } = await this.execute(statement, options);
    const description = await this.wait(id, options);
    if (!description.hasResultSet) return [];
    return this.collect<Row>(id, {
      resultFormat: options.resultFormat ?? description.resultFormat ?? 'JSON',
      ...(options.decoding === undefined ? {} : { decoding: options.decoding }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }

  /**
   * Reads a finished statement's results page by page (following `NextToken`), each page decoded to rows.
   * For a batch, pass a sub-statement id `<id>:N`.
   *
   * @example
   * ```ts
   * for await (const rows of data.results<{ id: number }>(id)) {
   *   for (const row of rows) console.log(row.id);
   * }
   * ```
   */
  async *results<Row extends object = Record<string, unknown>>(
    id: string,
    options: ResultsOptions = {},
  ): AsyncGenerator<Row[], void, undefined> {
    requireId(id);
    const resultFormat = options.resultFormat ?? 'JSON';
    if (resultFormat !== 'JSON' && resultFormat !== 'CSV') {
      throw new InvalidOptionError(
        `resultFormat is ${JSON.stringify(resultFormat)}; expected 'JSON' or 'CSV'`,
        'resultFormat',
        resultFormat,
      );
    }
    const decoding = { ...this.decoding, ...options.decoding };
    let decoder: RowDecoder<Row> | undefined;
    let nextToken: string | undefined;
    let firstPage = true;
    do {
      options.signal?.throwIfAborted();
      const token = nextToken;
      if (resultFormat === 'CSV') {
        const output = await this.call('GetStatementResultV2', () =>
          this.client.send(new GetStatementResultV2Command({ Id: id, NextToken: token }), {
            abortSignal: options.signal,
          }),
        );
        if (decoder === undefined || (output.ColumnMetadata?.length ?? 0) > 0) {
          decoder = createRowDecoder<Row>(output.ColumnMetadata ?? [], decoding);
        }
        const rows: Row[] = [];
        for (const [index, record] of (output.Records ?? []).entries()) {
          if (record.CSVRecords === undefined) continue;
          for (const row of decoder.decodeCsv(record.CSVRecords, firstPage && index === 0)) rows.push(row);
        }
        nextToken = output.NextToken || undefined;
        firstPage = false;
        yield rows;
      } else {
        const output = await this.call('GetStatementResult', () =>
          this.client.send(new GetStatementResultCommand({ Id: id, NextToken: token }), {
            abortSignal: options.signal,
          }),
        );
        if (decoder === undefined || (output.ColumnMetadata?.length ?? 0) > 0) {
          decoder = createRowDecoder<Row>(output.ColumnMetadata ?? [], decoding);
        }
        nextToken = output.NextToken || undefined;
        yield decoder.decodeRecords(output.Records ?? []);
      }
    } while (nextToken !== undefined);
  }

  /**
   * Reads all result pages of a finished statement into one array of rows.
   *
   * @example
   * ```ts
   * const rows = await data.collect<{ x: number }>(batch.subStatementIds[0]!);
   * ```
   */
  async collect<Row extends object = Record<string, unknown>>(
    id: string,
    options: ResultsOptions = {},
  ): Promise<Row[]> {
    const all: Row[] = [];
    for await (const rows of this.results<Row>(id, options)) for (const row of rows) all.push(row);
    return all;
  }

  /**
   * Cancels a running statement; resolves `true` when the service accepted the cancellation.
   *
   * @example
   * ```ts
   * if (await data.cancel(id)) console.log('cancelled');
   * ```
   */
  async cancel(id: string): Promise<boolean> {
    requireId(id);
    const output = await this.call('CancelStatement', () =>
      this.client.send(new CancelStatementCommand({ Id: id })),
    );
    return output.Status === true;
  }

  /**
   * Lists statements, newest first, following `NextToken` across pages.
   *
   * @example
   * ```ts
   * for await (const statement of data.listStatements({ statementNamePrefix: 'nightly/', status: 'ALL' })) {
   *   if (statement.status === 'STARTED') console.log(`${statement.id} is still running`);
   * }
   * ```
   */
  async *listStatements(
    options: ListStatementsOptions = {},
  ): AsyncGenerator<StatementSummary, void, undefined> {
    const maxResults = optionalNumber('maxResults', options.maxResults, 1, Number.MAX_SAFE_INTEGER);
    if (options.statementNamePrefix !== undefined && typeof options.statementNamePrefix !== 'string') {
      throw new InvalidOptionError(
        'statementNamePrefix must be a string',
        'statementNamePrefix',
        options.statementNamePrefix,
      );
    }
    let yielded = 0;
    let nextToken: string | undefined;
    do {
      const pageSize = Math.min(maxPageSize, maxResults === undefined ? maxPageSize : maxResults - yielded);
      const token = nextToken;
      const output = await this.call('ListStatements', () =>
        this.client.send(
          new ListStatementsCommand({
            NextToken: token,
            MaxResults: pageSize,
            StatementName: options.statementNamePrefix,
            Status: options.status,
            RoleLevel: options.roleLevel,
          }),
        ),
      );
      for (const statement of output.Statements ?? []) {
        yield toStatementSummary(statement);
        yielded++;
        if (maxResults !== undefined && yielded >= maxResults) return;
      }
      nextToken = output.NextToken || undefined;
    } while (nextToken !== undefined);
  }

  private commonInput(options: ExecuteOptions): {
    ClusterIdentifier?: string;
    WorkgroupName?: string;
    Database?: string;
    DbUser?: string;
    SecretArn?: string;
    StatementName?: string;
    WithEvent?: boolean;
    ClientToken?: string;
    ResultFormat?: 'JSON' | 'CSV';
    SessionKeepAliveSeconds?: number;
    SessionId?: string;
  } {
    if (
      options.resultFormat !== undefined &&
      options.resultFormat !== 'JSON' &&
      options.resultFormat !== 'CSV'
    ) {
      throw new InvalidOptionError(
        `resultFormat is ${JSON.stringify(options.resultFormat)}; expected 'JSON' or 'CSV'`,
        'resultFormat',
        options.resultFormat,
      );
    }
    const keepAlive = optionalNumber('sessionKeepAliveSeconds', options.sessionKeepAliveSeconds, 0, 86_400);
    if (keepAlive !== undefined && !Number.isInteger(keepAlive)) {
      throw new InvalidOptionError(
        `sessionKeepAliveSeconds is ${keepAlive}; it must be a whole number of seconds`,
        'sessionKeepAliveSeconds',
        keepAlive,
      );
    }
    for (const key of ['statementName', 'clientToken', 'sessionId'] as const) {
      const value = options[key];
      if (value !== undefined && (typeof value !== 'string' || value === '')) {
        throw new InvalidOptionError(
          `${key} is ${JSON.stringify(value)}; it must be a non-empty string`,
          key,
          value,
        );
      }
    }
    const input: ReturnType<RedshiftData['commonInput']> =
      options.sessionId === undefined ? { ...this.connection } : { SessionId: options.sessionId };
    if (options.statementName !== undefined) input.StatementName = options.statementName;
    if (options.withEvent !== undefined) input.WithEvent = options.withEvent;
    if (options.clientToken !== undefined) input.ClientToken = options.clientToken;
    if (options.resultFormat !== undefined) input.ResultFormat = options.resultFormat;
    if (keepAlive !== undefined) input.SessionKeepAliveSeconds = keepAlive;
    return input;
  }

  private async poll(
    id: string,
    waitTimeSeconds: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<StatementDescription> {
    try {
      const output = await this.call('DescribeStatement', () =>
        this.client.send(new DescribeStatementCommand({ Id: id, WaitTimeSeconds: waitTimeSeconds }), {
          abortSignal: signal,
        }),
      );
      return toStatementDescription(output);
    } catch (error) {
      // A service or emulator without long-polling rejects WaitTimeSeconds: poll without it from now on.
      if (
        waitTimeSeconds !== undefined &&
        error instanceof RedshiftDataServiceError &&
        error.serviceCode === 'ValidationException' &&
        /WaitTimeSeconds/i.test(error.message)
      ) {
        this.longPollSupported = false;
        return this.poll(id, undefined, signal);
      }
      throw error;
    }
  }

  private async abortWait(id: string, options: WaitOptions, reason: unknown): Promise<never> {
    const { cancelled, cancelError } = options.cancelOnAbort
      ? await this.tryCancel(id)
      : { cancelled: false };
    throw new WaitAbortedError({ statementId: id, cancelled, reason, cancelError });
  }

  private async timeoutWait(
    id: string,
    options: WaitOptions,
    timeoutMs: number,
    lastStatus: string | undefined,
  ): Promise<never> {
    const { cancelled, cancelError } = options.cancelOnTimeout
      ? await this.tryCancel(id)
      : { cancelled: false };
    throw new StatementTimeoutError({ statementId: id, timeoutMs, lastStatus, cancelled, cancelError });
  }

  /** Cancels for wait(); a failed cancel is reported on the wait error (`cancelError`), not thrown over it. */
  private async tryCancel(id: string): Promise<{ cancelled: boolean; cancelError?: unknown }> {
    try {
      return { cancelled: await this.cancel(id) };
    } catch (error) {
      return { cancelled: false, cancelError: error };
    }
  }

  private async call<Output>(operation: string, run: () => Promise<Output>): Promise<Output> {
    try {
      return await run();
    } catch (error) {
      throw new RedshiftDataServiceError(operation, error);
    }
  }
}

/** Returns true on FINISHED, throws on FAILED and ABORTED, returns false while the statement runs. */
function settle(description: StatementDescription): boolean {
  const status = description.status;
  if (status === 'FINISHED') return true;
  if (status === 'FAILED') {
    const failed = description.subStatements.find((subStatement) => subStatement.status === 'FAILED');
    throw new StatementFailedError({
      statementId: description.id,
      sql: failed?.queryString ?? description.queryString,
      subStatementId: failed?.id,
      serviceMessage: description.error ?? failed?.error ?? 'the service reported no error text',
    });
  }
  if (status === 'ABORTED') {
    const aborted = description.subStatements.find((subStatement) => subStatement.status === 'ABORTED');
    throw new StatementAbortedError({
      statementId: description.id,
      sql: aborted?.queryString ?? description.queryString,
      subStatementId: aborted?.id,
    });
  }
  return false;
}

function prepareStatements(
  statements: readonly (string | SqlStatement)[],
  named: Readonly<Record<string, ParameterValue>> | undefined,
): { sql: string[]; parameters: SqlParameter[] | undefined } {
  const byName = new Map<string, string>();
  const add = (parameter: SqlParameter): void => {
    const existing = byName.get(parameter.name);
    if (existing !== undefined && existing !== parameter.value) {
      throw new InvalidParameterError(
        `parameter "${parameter.name}" is given twice with different values ("${existing}" and "${parameter.value}"); ` +
          'in a batch, pass differing values under distinct names in options.parameters',
        parameter.name,
        parameter.value,
      );
    }
    byName.set(parameter.name, parameter.value);
  };
  const sql = statements.map((statement, index) => {
    if (typeof statement === 'string') {
      if (statement.trim() === '') {
        throw new InvalidOptionError(`SQL statement ${index + 1} is empty`, 'sql', statement);
      }
      return statement;
    }
    if (typeof statement !== 'object' || statement === null || typeof statement.sql !== 'string') {
      throw new InvalidOptionError(
        `SQL statement ${index + 1} is neither a string nor a sql\`…\` statement`,
        'sql',
        statement,
      );
    }
    if (statement.sql.trim() === '')
      throw new InvalidOptionError(`SQL statement ${index + 1} is empty`, 'sql', statement);
    for (const parameter of statement.parameters) add(parameter);
    return statement.sql;
  });
  if (named !== undefined) for (const parameter of toSqlParameters(named)) add(parameter);
  return {
    sql,
    parameters: byName.size === 0 ? undefined : [...byName].map(([name, value]) => ({ name, value })),
  };
}

function toHandle(
  id: string | undefined,
  sessionId: string | undefined,
  createdAt: Date | undefined,
): StatementHandle {
  if (id === undefined || id === '') {
    throw new RedshiftDataServiceError('ExecuteStatement', new Error('the response has no statement Id'));
  }
  const handle: StatementHandle = { id };
  if (sessionId !== undefined) handle.sessionId = sessionId;
  if (createdAt !== undefined) handle.createdAt = createdAt;
  return handle;
}

function requireId(id: string): void {
  if (typeof id !== 'string' || id === '') {
    throw new InvalidOptionError(
      `statement id is ${JSON.stringify(id)}; pass the id execute() returned`,
      'id',
      id,
    );
  }
}

function optionalNumber(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidOptionError(
      `${name} is ${String(value)}; expected a number from ${min} to ${max}`,
      name,
      value,
    );
  }
  return value;
}
