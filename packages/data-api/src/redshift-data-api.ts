import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { buildExecuteInput } from './build-execute-input';
import { callDataApi } from './call-data-api';
import { cancelStatement } from './cancel-statement';
import { checkClientConfig } from './check-client-config';
import { createRowDecoder, type DecodingOptions } from './create-row-decoder';
import { InvalidOptionError } from './errors';
import { listStatements } from './list-statements';
import { prepareStatements } from './prepare-statements';
import { readResultsWhenReady } from './read-results-when-ready';
import type {
  BatchExecuteOptions,
  BatchStatementHandle,
  ExecuteOptions,
  ListStatementsOptions,
  QueryOptions,
  RedshiftDataOptions,
  ResultsOptions,
  StatementHandle,
  WaitOptions,
} from './redshift-data-options';
import { requireStatementId } from './require-statement-id';
import type { ConnectionFields } from './resolve-target';
import { resolveTarget } from './resolve-target';
import type { SqlStatement } from './sql-statement';
import type { InferRow, RowSchema } from './standard-schema';
import {
  type StatementDescription,
  type StatementSummary,
  toStatementDescription,
} from './statement-description';
import { toStatementHandle } from './to-statement-handle';
import { validateRows } from './validate-rows';
import { type LongPollSupport, waitForStatement } from './wait-for-statement';

/** The most statements one `BatchExecuteStatement` accepts. */
const maxBatchSize = 40;

/**
 * A typed Amazon Redshift Data API client for one target (provisioned cluster or Serverless workgroup):
 * execute, batch, wait, typed results, sessions, cancel and list. Retries of failed calls come from the
 * AWS SDK's retry strategy (`maxAttempts`, `retryMode` in `clientConfig`). Named so it does not clash
 * with the AWS SDK's own `RedshiftData` class.
 *
 * @example
 * ```ts
 * import { RedshiftDataApi, sql } from '@shiftflow/data-api';
 * import { z } from 'zod';
 *
 * const data = new RedshiftDataApi({ target: { workgroupName: 'analytics', database: 'dev' } });
 * const rows = await data.query(
 *   sql`select vendor_id, count(*) as trips from trips where pickup_at >= ${new Date('2024-01-01')} group by 1`,
 *   { schema: z.object({ vendor_id: z.number(), trips: z.number() }) },
 * );
 * ```
 */
export class RedshiftDataApi {
  /** The AWS SDK client used for every call. */
  readonly client: RedshiftDataClient;
  /** The connection fields sent with each request. */
  readonly connection: Readonly<ConnectionFields>;
  private readonly decoding: DecodingOptions;
  private readonly longPoll: LongPollSupport = { supported: true };

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
    this.decoding = { ...options.decoding };
    createRowDecoder([], this.decoding); // validates the decoding options now rather than at the first query
    if (options.client === undefined) checkClientConfig(options.clientConfig ?? {}, process.env);
    this.client = options.client ?? new RedshiftDataClient(options.clientConfig ?? {});
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
    const output = await callDataApi('ExecuteStatement', () =>
      this.client.send(
        new ExecuteStatementCommand({
          ...buildExecuteInput(this.connection, options),
          Sql: sql[0]!,
          Parameters: parameters,
        }),
      ),
    );
    return toStatementHandle(output.Id, output.SessionId, output.CreatedAt);
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
    const output = await callDataApi('BatchExecuteStatement', () =>
      this.client.send(
        new BatchExecuteStatementCommand({
          ...buildExecuteInput(this.connection, options),
          Sqls: sql,
          Parameters: parameters,
          ExecutionMode: options.mode,
        }),
      ),
    );
    const handle = toStatementHandle(output.Id, output.SessionId, output.CreatedAt);
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
    requireStatementId(id);
    const output = await callDataApi('DescribeStatement', () =>
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
    return waitForStatement(this.client, id, options, this.longPoll);
  }

  /**
   * Runs a statement, waits for it and returns all result rows as objects keyed by column name,
   * each value decoded by its column type (see the README's decoding table). With `schema` (any
   * Standard Schema: zod, valibot, arktype …) each row is validated and typed by it; a row that does not
   * match throws {@link RowValidationError}. Statements without a result set give `[]`.
   *
   * @example
   * ```ts
   * const trips = await data.query(sql`select vendor_id, count(*) as trips from trips group by 1`, {
   *   schema: z.object({ vendor_id: z.number(), trips: z.number() }),
   * });
   * ```
   */
  query<Schema extends RowSchema>(
    statement: string | SqlStatement,
    options: QueryOptions & { schema: Schema },
  ): Promise<InferRow<Schema>[]>;
  /**
   * Runs a statement, waits for it and returns all result rows, each value decoded by its column type.
   * Pass `{ schema }` to validate and type the rows.
   *
   * @example
   * ```ts
   * const rows = await data.query(sql`select id from trips where vendor_id in ${[1, 2]}`);
   * ```
   */
  query(statement: string | SqlStatement, options?: QueryOptions): Promise<Record<string, unknown>[]>;
  /** @deprecated `query<Row>` casts rows without checking them; pass `{ schema }` to validate and type them. */
  query<Row extends object>(statement: string | SqlStatement, options?: QueryOptions): Promise<Row[]>;
  async query(
    statement: string | SqlStatement,
    options: QueryOptions & { schema?: RowSchema | undefined } = {},
  ): Promise<object[]> {
    const { id } = await this.execute(statement, options);
    const description = await this.wait(id, options);
    if (!description.hasResultSet) return [];
    const rows: object[] = [];
    const pages = this.readRows(id, {
      wait: false, // waited above
      resultFormat: options.resultFormat ?? description.resultFormat ?? 'JSON',
      decoding: options.decoding,
      signal: options.signal,
      schema: options.schema,
    });
    for await (const page of pages) for (const row of page) rows.push(row);
    return rows;
  }

  /**
   * Reads a statement's results page by page (following `NextToken`), each page decoded to rows. When
   * the statement has not ended yet it waits for it first (see {@link RedshiftDataApi.wait}; `wait: false`
   * reads at once): a failed statement throws {@link StatementFailedError}. `schema` validates and types each row. For a batch, pass a sub-statement id `<id>:N`.
   *
   * @example
   * ```ts
   * for await (const rows of data.results(id, { schema: z.object({ id: z.number() }) })) {
   *   for (const row of rows) console.log(row.id);
   * }
   * ```
   */
  results<Schema extends RowSchema>(
    id: string,
    options: ResultsOptions & { schema: Schema },
  ): AsyncGenerator<InferRow<Schema>[], void, undefined>;
  /**
   * Reads a statement's result pages, waiting for it when it has not ended. Pass `{ schema }` to validate
   * and type the rows.
   *
   * @example
   * ```ts
   * for await (const rows of data.results(id)) console.log(rows.length);
   * ```
   */
  results(id: string, options?: ResultsOptions): AsyncGenerator<Record<string, unknown>[], void, undefined>;
  /** @deprecated `results<Row>` casts rows without checking them; pass `{ schema }` to validate and type them. */
  results<Row extends object>(id: string, options?: ResultsOptions): AsyncGenerator<Row[], void, undefined>;
  results(
    id: string,
    options: ResultsOptions & { schema?: RowSchema | undefined } = {},
  ): AsyncGenerator<object[], void, undefined> {
    return this.readRows(id, options);
  }

  /** `results` without the overloads: pages decoded, and validated when a schema is given. */
  private async *readRows(
    id: string,
    options: ResultsOptions & { schema?: RowSchema | undefined },
  ): AsyncGenerator<object[], void, undefined> {
    const pages = readResultsWhenReady<Record<string, unknown>>(
      this.client,
      id,
      options,
      this.decoding,
      (statementId, waitOptions) => this.wait(statementId, waitOptions),
    );
    const { schema } = options;
    if (schema === undefined) {
      yield* pages;
      return;
    }
    let rowIndex = 0;
    for await (const rows of pages) {
      yield await validateRows(rows, schema, rowIndex);
      rowIndex += rows.length;
    }
  }

  /**
   * Reads all result pages of a statement into one array of rows, waiting for it first when it has not
   * ended; `schema` validates and types each row, as in {@link RedshiftDataApi.query}.
   *
   * @example
   * ```ts
   * const rows = await data.collect(batch.subStatementIds[0]!, { schema: z.object({ x: z.number() }) });
   * ```
   */
  collect<Schema extends RowSchema>(
    id: string,
    options: ResultsOptions & { schema: Schema },
  ): Promise<InferRow<Schema>[]>;
  /**
   * Reads all result pages of a statement into one array, waiting for it when it has not ended.
   *
   * @example
   * ```ts
   * const rows = await data.collect(id);
   * ```
   */
  collect(id: string, options?: ResultsOptions): Promise<Record<string, unknown>[]>;
  /** @deprecated `collect<Row>` casts rows without checking them; pass `{ schema }` to validate and type them. */
  collect<Row extends object>(id: string, options?: ResultsOptions): Promise<Row[]>;
  async collect(
    id: string,
    options: ResultsOptions & { schema?: RowSchema | undefined } = {},
  ): Promise<object[]> {
    const all: object[] = [];
    for await (const rows of this.readRows(id, options)) for (const row of rows) all.push(row);
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
    return cancelStatement(this.client, id);
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
    yield* listStatements(this.client, options);
  }
}
