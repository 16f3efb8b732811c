import { describeSdkError } from './describe-sdk-error';
import { truncate } from './truncate';

/**
 * Every error `@shiftflow/data-api` throws extends {@link RedshiftDataError} and carries a stable `code`.
 */

/**
 * Stable codes of the errors this package throws.
 *
 * @example
 * ```ts
 * if (error instanceof RedshiftDataError && error.code === 'STATEMENT_TIMEOUT') retryLater();
 * ```
 */
export type RedshiftDataErrorCode =
  | 'INVALID_TARGET'
  | 'INVALID_PARAMETER'
  | 'INVALID_OPTION'
  | 'STATEMENT_FAILED'
  | 'STATEMENT_ABORTED'
  | 'STATEMENT_TIMEOUT'
  | 'WAIT_ABORTED'
  | 'DECODING_FAILED'
  | 'SERVICE_ERROR'
  | 'ROW_INVALID'
  | 'CONFIGURATION';

/**
 * Base class of every error thrown by `@shiftflow/data-api`.
 *
 * @example
 * ```ts
 * try {
 *   await data.query('select 1');
 * } catch (error) {
 *   if (error instanceof RedshiftDataError) console.error(error.code, error.message);
 * }
 * ```
 */
export class RedshiftDataError extends Error {
  /** Stable, machine-readable error code. */
  readonly code: RedshiftDataErrorCode;
  /** Whether trying the same call again may succeed. */
  readonly isRetryable: boolean;

  constructor(
    code: RedshiftDataErrorCode,
    message: string,
    options?: ErrorOptions & { isRetryable?: boolean },
  ) {
    super(message, options);
    this.name = 'RedshiftDataError';
    this.code = code;
    this.isRetryable = options?.isRetryable ?? false;
  }
}

/**
 * The target (cluster or Serverless workgroup) given to `new RedshiftData()` is missing or inconsistent.
 *
 * @example
 * ```ts
 * try {
 *   new RedshiftData({ target: { database: 'dev' } as never });
 * } catch (error) {
 *   if (error instanceof InvalidTargetError) console.error(error.message); // names the missing field
 * }
 * ```
 */
export class InvalidTargetError extends RedshiftDataError {
  /** The target as it was given. */
  readonly target: unknown;

  constructor(message: string, target: unknown) {
    super('INVALID_TARGET', message);
    this.name = 'InvalidTargetError';
    this.target = target;
  }
}

/**
 * A SQL parameter cannot be sent to the Data API: bad name, or a value it cannot bind
 * (`null`, `undefined`, `''`, `NaN`, `Infinity`, an invalid `Date`, an object).
 *
 * @example
 * ```ts
 * try {
 *   sql`select * from t where a = ${null}`;
 * } catch (error) {
 *   if (error instanceof InvalidParameterError) console.error(error.parameterName); // 'p1'
 * }
 * ```
 */
export class InvalidParameterError extends RedshiftDataError {
  /** Name of the parameter (`p1` … for the `sql` tag). */
  readonly parameterName: string;
  /** The rejected value. */
  readonly value: unknown;

  constructor(message: string, parameterName: string, value: unknown) {
    super('INVALID_PARAMETER', message);
    this.name = 'InvalidParameterError';
    this.parameterName = parameterName;
    this.value = value;
  }
}

/**
 * An option passed to a method is out of range or inconsistent (for example 41 SQL statements in a batch).
 *
 * @example
 * ```ts
 * try {
 *   await data.executeBatch([]);
 * } catch (error) {
 *   if (error instanceof InvalidOptionError) console.error(error.option); // 'sqls'
 * }
 * ```
 */
export class InvalidOptionError extends RedshiftDataError {
  /** Name of the option. */
  readonly option: string;
  /** The rejected value. */
  readonly value: unknown;

  constructor(message: string, option: string, value: unknown) {
    super('INVALID_OPTION', message);
    this.name = 'InvalidOptionError';
    this.option = option;
    this.value = value;
  }
}

/**
 * What the statement errors know about the statement.
 *
 * @example
 * ```ts
 * const details: StatementErrorDetails = { statementId: id, sql: 'select 1' };
 * ```
 */
export interface StatementErrorDetails {
  /** The statement id (for a batch, the batch id). */
  statementId: string;
  /** The SQL text as the service reports it, when known. */
  sql?: string | undefined;
  /** For a batch, the id (`<id>:N`) of the sub-statement that failed or was aborted, when known. */
  subStatementId?: string | undefined;
}

/**
 * The statement ended in status FAILED; `serviceMessage` is the error text the service reported.
 *
 * @example
 * ```ts
 * try {
 *   await data.query('select * from missing_table');
 * } catch (error) {
 *   if (error instanceof StatementFailedError) console.error(error.statementId, error.sql, error.serviceMessage);
 * }
 * ```
 */
export class StatementFailedError extends RedshiftDataError {
  readonly statementId: string;
  readonly sql: string | undefined;
  readonly subStatementId: string | undefined;
  /** The service's error text, e.g. `ERROR: relation "missing_table" does not exist`. */
  readonly serviceMessage: string;

  constructor(details: StatementErrorDetails & { serviceMessage: string }) {
    super(
      'STATEMENT_FAILED',
      `statement ${details.subStatementId ?? details.statementId} failed: ${details.serviceMessage}` +
        (details.sql === undefined ? '' : ` (sql: ${truncate(details.sql)})`),
    );
    this.name = 'StatementFailedError';
    this.statementId = details.statementId;
    this.sql = details.sql;
    this.subStatementId = details.subStatementId;
    this.serviceMessage = details.serviceMessage;
  }
}

/**
 * The statement ended in status ABORTED (cancelled by a user or by `cancel()`).
 *
 * @example
 * ```ts
 * try {
 *   await data.wait(id);
 * } catch (error) {
 *   if (error instanceof StatementAbortedError) console.error(`${error.statementId} was cancelled`);
 * }
 * ```
 */
export class StatementAbortedError extends RedshiftDataError {
  readonly statementId: string;
  readonly sql: string | undefined;
  readonly subStatementId: string | undefined;

  constructor(details: StatementErrorDetails) {
    super(
      'STATEMENT_ABORTED',
      `statement ${details.subStatementId ?? details.statementId} was aborted` +
        (details.sql === undefined ? '' : ` (sql: ${truncate(details.sql)})`),
    );
    this.name = 'StatementAbortedError';
    this.statementId = details.statementId;
    this.sql = details.sql;
    this.subStatementId = details.subStatementId;
  }
}

/**
 * `wait()` gave up after `timeoutMs`; `cancelled` tells whether the statement was cancelled too.
 *
 * @example
 * ```ts
 * try {
 *   await data.wait(id, { timeoutMs: 60_000, cancelOnTimeout: true });
 * } catch (error) {
 *   if (error instanceof StatementTimeoutError) console.error(error.lastStatus, error.cancelled);
 * }
 * ```
 */
export class StatementTimeoutError extends RedshiftDataError {
  readonly statementId: string;
  readonly timeoutMs: number;
  /** The last status seen before giving up. */
  readonly lastStatus: string | undefined;
  /** Whether `cancel()` was called and the service accepted it. */
  readonly cancelled: boolean;
  /** Why cancelling failed, when `cancelOnTimeout` was set and `cancel()` threw. */
  readonly cancelError: unknown;

  constructor(details: {
    statementId: string;
    timeoutMs: number;
    lastStatus: string | undefined;
    cancelled: boolean;
    cancelError?: unknown;
  }) {
    super(
      'STATEMENT_TIMEOUT',
      `statement ${details.statementId} did not finish within ${details.timeoutMs} ms (last status ${details.lastStatus ?? 'unknown'})` +
        (details.cancelled ? '; it was cancelled' : ''),
      { isRetryable: true },
    );
    this.name = 'StatementTimeoutError';
    this.statementId = details.statementId;
    this.timeoutMs = details.timeoutMs;
    this.lastStatus = details.lastStatus;
    this.cancelled = details.cancelled;
    this.cancelError = details.cancelError;
  }
}

/**
 * `wait()` stopped because its `AbortSignal` fired; `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 1000);
 * try {
 *   await data.wait(id, { signal: controller.signal, cancelOnAbort: true });
 * } catch (error) {
 *   if (error instanceof WaitAbortedError) console.error(error.cancelled);
 * }
 * ```
 */
export class WaitAbortedError extends RedshiftDataError {
  readonly statementId: string;
  /** Whether `cancel()` was called and the service accepted it. */
  readonly cancelled: boolean;
  /** Why cancelling failed, when `cancelOnAbort` was set and `cancel()` threw. */
  readonly cancelError: unknown;

  constructor(details: { statementId: string; cancelled: boolean; reason: unknown; cancelError?: unknown }) {
    super(
      'WAIT_ABORTED',
      `waiting for statement ${details.statementId} was aborted` +
        (details.cancelled ? '; the statement was cancelled' : ''),
      { cause: details.reason },
    );
    this.name = 'WaitAbortedError';
    this.statementId = details.statementId;
    this.cancelled = details.cancelled;
    this.cancelError = details.cancelError;
  }
}

/**
 * A result value could not be decoded for its column type (for example invalid JSON in a SUPER column).
 *
 * @example
 * ```ts
 * try {
 *   await data.query('select payload from events');
 * } catch (error) {
 *   if (error instanceof DecodingError) console.error(error.column, error.typeName, error.value);
 * }
 * ```
 */
export class DecodingError extends RedshiftDataError {
  readonly column: string;
  readonly typeName: string;
  readonly value: unknown;

  constructor(details: {
    column: string;
    typeName: string;
    value: unknown;
    reason: string;
    cause?: unknown;
  }) {
    super(
      'DECODING_FAILED',
      `cannot decode column "${details.column}" (${details.typeName}) value ${truncate(JSON.stringify(details.value) ?? String(details.value))}: ${details.reason}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'DecodingError';
    this.column = details.column;
    this.typeName = details.typeName;
    this.value = details.value;
  }
}

/**
 * An AWS SDK call failed; `cause` is the SDK's exception, `serviceCode` its name
 * (e.g. `ValidationException`), `isRetryable` whether trying again may help.
 *
 * @example
 * ```ts
 * try {
 *   await data.describe('d9b6c0c9-0747-4bf4-b142-e8883122f766');
 * } catch (error) {
 *   if (error instanceof RedshiftDataServiceError && error.serviceCode === 'ResourceNotFoundException') {
 *     console.error('no such statement');
 *   }
 * }
 * ```
 */
export class RedshiftDataServiceError extends RedshiftDataError {
  /** The Data API operation, e.g. `ExecuteStatement`. */
  readonly operation: string;
  /** The exception name the service or SDK reported, e.g. `ValidationException`. */
  readonly serviceCode: string;
  /** HTTP status code, when a response arrived. */
  readonly statusCode: number | undefined;
  /** AWS request id, when a response arrived. */
  readonly requestId: string | undefined;

  constructor(operation: string, cause: unknown) {
    const details = describeSdkError(cause);
    super(
      'SERVICE_ERROR',
      `Redshift Data API ${operation} failed: ${details.serviceCode}: ${details.message}`,
      {
        cause,
        isRetryable: details.isRetryable,
      },
    );
    this.name = 'RedshiftDataServiceError';
    this.operation = operation;
    this.serviceCode = details.serviceCode;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
  }
}

/**
 * A result row did not match the Standard Schema given as `schema` to `query`, `results` or `collect`.
 *
 * @example
 * ```ts
 * try {
 *   await data.query('select count(*) as trips from trips', { schema: z.object({ trips: z.string() }) });
 * } catch (error) {
 *   if (error instanceof RowValidationError) console.error(error.rowIndex, error.issues);
 * }
 * ```
 */
export class RowValidationError extends RedshiftDataError {
  /** Position of the row in the result (0 for the first row). */
  readonly rowIndex: number;
  /** The schema's issues: `message` and the `path` to the value. */
  readonly issues: readonly { readonly message: string; readonly path?: readonly unknown[] | undefined }[];
  /** The decoded row as the schema received it. */
  readonly row: unknown;

  constructor(details: { rowIndex: number; issues: RowValidationError['issues']; row: unknown }) {
    const shown = details.issues
      .slice(0, 3)
      .map((issue) => {
        const path = (issue.path ?? [])
          .map((key) => String(typeof key === 'object' && key !== null && 'key' in key ? key.key : key))
          .join('.');
        return path === '' ? issue.message : `${path}: ${issue.message}`;
      })
      .join('; ');
    super(
      'ROW_INVALID',
      `row ${details.rowIndex} does not match the schema: ${truncate(shown)}` +
        (details.issues.length > 3 ? ` (and ${details.issues.length - 3} more issues)` : '') +
        '; fix the schema or the SQL (the decoding options set what each column type becomes)',
    );
    this.name = 'RowValidationError';
    this.rowIndex = details.rowIndex;
    this.issues = details.issues;
    this.row = details.row;
  }
}

/**
 * The client is not set up to reach AWS: no region, or no credentials. Thrown at creation when the
 * configuration says so, otherwise at the first call, with what to set.
 *
 * @example
 * ```ts
 * try {
 *   await data.query('select 1');
 * } catch (error) {
 *   if (error instanceof ConfigurationError) console.error(error.setting, error.message); // 'region'
 * }
 * ```
 */
export class ConfigurationError extends RedshiftDataError {
  /** What is missing: `region` or `credentials`. */
  readonly setting: 'region' | 'credentials';

  constructor(setting: 'region' | 'credentials', message: string, options?: ErrorOptions) {
    super('CONFIGURATION', message, options);
    this.name = 'ConfigurationError';
    this.setting = setting;
  }
}
