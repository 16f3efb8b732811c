/**
 * Stable codes of the errors `@shiftflow/elt-runner` throws.
 *
 * @example
 * ```ts
 * if (error instanceof EltRunnerError && error.code === ('SETUP_STATEMENT_FAILED' satisfies EltRunnerErrorCode)) console.error(error.message);
 * ```
 */
export type EltRunnerErrorCode =
  | 'RUN_START_FAILED'
  | 'SQL_SPLIT_FAILED'
  | 'SETUP_PLACEHOLDER_UNKNOWN'
  | 'SETUP_VALUE_INVALID'
  | 'SETUP_TOO_LARGE'
  | 'SETUP_STATEMENT_FAILED'
  | 'SETUP_TIMED_OUT'
  | 'CUSTOM_RESOURCE_INVALID';

/**
 * Base class of every error `@shiftflow/elt-runner` throws.
 *
 * @example
 * ```ts
 * try { await startEltRun(event, dependencies); } catch (error) {
 *   if (error instanceof EltRunnerError) console.error(error.code, error.isRetryable);
 * }
 * ```
 */
export class EltRunnerError extends Error {
  /** Stable machine-readable code. */
  readonly code: EltRunnerErrorCode;
  /** Whether trying again unchanged may succeed. */
  readonly isRetryable: boolean;

  constructor(code: EltRunnerErrorCode, message: string, options?: ErrorOptions & { isRetryable?: boolean }) {
    super(message, options);
    this.name = 'EltRunnerError';
    this.code = code;
    this.isRetryable = options?.isRetryable ?? false;
  }
}

function isRetryableCause(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && 'isRetryable' in cause && cause.isRetryable === true;
}

/**
 * The Data API refused or failed a call needed to start a run (the overlap check or ExecuteStatement).
 *
 * @example
 * ```ts
 * if (error instanceof RunStartError) console.error(error.runId, error.operation);
 * ```
 */
export class RunStartError extends EltRunnerError {
  /** The run (statement name) that could not start. */
  readonly runId: string;
  /** `ListStatements` or `ExecuteStatement`. */
  readonly operation: 'ListStatements' | 'ExecuteStatement';

  constructor(runId: string, operation: 'ListStatements' | 'ExecuteStatement', cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('RUN_START_FAILED', `run ${runId} did not start: ${operation} failed: ${reason}`, {
      cause,
      isRetryable: isRetryableCause(cause),
    });
    this.name = 'RunStartError';
    this.runId = runId;
    this.operation = operation;
  }
}

/**
 * SQL text could not be split into statements (an unterminated string, identifier, comment or dollar quote).
 *
 * @example
 * ```ts
 * if (error instanceof SqlSplitError) console.error(`${error.file}:${error.line}`);
 * ```
 */
export class SqlSplitError extends EltRunnerError {
  readonly file: string;
  /** 1-based line where the unterminated part starts. */
  readonly line: number;

  constructor(file: string, line: number, what: string) {
    super('SQL_SPLIT_FAILED', `${file}:${line}: ${what} is never closed`);
    this.name = 'SqlSplitError';
    this.file = file;
    this.line = line;
  }
}

/**
 * A setup file uses a `{{placeholder}}` for which no value is known.
 *
 * @example
 * ```ts
 * if (error instanceof SetupPlaceholderError) console.error(error.placeholder, error.file);
 * ```
 */
export class SetupPlaceholderError extends EltRunnerError {
  readonly file: string;
  readonly placeholder: string;

  /** `problem` replaces the default "has no value" when the name is known but the placeholder is misplaced. */
  constructor(file: string, placeholder: string, known: readonly string[], problem?: string) {
    super(
      'SETUP_PLACEHOLDER_UNKNOWN',
      `${file}: placeholder {{${placeholder}}} ${problem ?? 'has no value'}; known: ${known.map((name) => `{{${name}}}`).join(', ')}`,
    );
    this.name = 'SetupPlaceholderError';
    this.file = file;
    this.placeholder = placeholder;
  }
}

/**
 * A value to substitute into setup SQL is malformed or cannot be quoted safely.
 *
 * @example
 * ```ts
 * if (error instanceof SetupValueError) console.error(error.valueName, error.value);
 * ```
 */
export class SetupValueError extends EltRunnerError {
  readonly valueName: string;
  readonly value: unknown;

  constructor(valueName: string, value: unknown, reason: string) {
    super(
      'SETUP_VALUE_INVALID',
      `setup value ${valueName} ${JSON.stringify(value) ?? String(value)} ${reason}`,
    );
    this.name = 'SetupValueError';
    this.valueName = valueName;
    this.value = value;
  }
}

/**
 * The setup files hold more statements than one BatchExecuteStatement accepts (40).
 *
 * @example
 * ```ts
 * if (error instanceof SetupTooLargeError) console.error(error.statementCount);
 * ```
 */
export class SetupTooLargeError extends EltRunnerError {
  readonly statementCount: number;

  constructor(statementCount: number, limit: number) {
    super(
      'SETUP_TOO_LARGE',
      `setup has ${statementCount} statements; one BatchExecuteStatement takes at most ${limit}`,
    );
    this.name = 'SetupTooLargeError';
    this.statementCount = statementCount;
  }
}

/**
 * A setup statement failed (or the batch was aborted); names the file, the statement and the service's error.
 *
 * @example
 * ```ts
 * if (error instanceof SetupStatementFailedError) console.error(error.file, error.statementNumber, error.serviceMessage);
 * ```
 */
export class SetupStatementFailedError extends EltRunnerError {
  /** The batch id. */
  readonly statementId: string;
  /** The setup file of the failing statement, when known. */
  readonly file: string | undefined;
  /** 1-based number of the failing statement within its file, when known. */
  readonly statementNumber: number | undefined;
  /** The failing SQL, when known. */
  readonly sql: string | undefined;
  /** FAILED or ABORTED. */
  readonly state: string;
  /** The service's error text. */
  readonly serviceMessage: string;

  constructor(details: {
    statementId: string;
    file?: string;
    statementNumber?: number;
    sql?: string;
    state: string;
    serviceMessage: string;
    cause?: unknown;
  }) {
    const where =
      details.file === undefined ? 'setup' : `${details.file} statement ${details.statementNumber ?? '?'}`;
    const sql = details.sql === undefined ? '' : ` (sql: ${details.sql.replace(/\s+/g, ' ').slice(0, 200)})`;
    super(
      'SETUP_STATEMENT_FAILED',
      `${where} ${details.state}: ${details.serviceMessage}${sql}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'SetupStatementFailedError';
    this.statementId = details.statementId;
    this.file = details.file;
    this.statementNumber = details.statementNumber;
    this.sql = details.sql;
    this.state = details.state;
    this.serviceMessage = details.serviceMessage;
  }
}

/**
 * A CloudFormation custom-resource request for the setup lacks or misshapes a property.
 *
 * @example
 * ```ts
 * if (error instanceof CustomResourceError) console.error(error.property);
 * ```
 */
export class CustomResourceError extends EltRunnerError {
  readonly property: string;

  constructor(property: string, reason: string, options?: ErrorOptions) {
    super('CUSTOM_RESOURCE_INVALID', `custom resource property ${property} ${reason}`, options);
    this.name = 'CustomResourceError';
    this.property = property;
  }
}

/**
 * The setup batch did not end within the timeout (it keeps running in Redshift).
 *
 * @example
 * ```ts
 * if (error instanceof SetupTimeoutError) console.error(error.statementId, error.lastStatus);
 * ```
 */
export class SetupTimeoutError extends EltRunnerError {
  readonly statementId: string;
  readonly timeoutMs: number;
  readonly lastStatus: string | undefined;

  constructor(statementId: string, timeoutMs: number, lastStatus: string | undefined, cause?: unknown) {
    super(
      'SETUP_TIMED_OUT',
      `setup batch ${statementId} still ${lastStatus ?? 'unknown'} after ${timeoutMs} ms`,
      { isRetryable: true, ...(cause === undefined ? {} : { cause }) },
    );
    this.name = 'SetupTimeoutError';
    this.statementId = statementId;
    this.timeoutMs = timeoutMs;
    this.lastStatus = lastStatus;
  }
}
