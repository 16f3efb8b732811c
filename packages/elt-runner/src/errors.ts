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
  | 'SETUP_FILE_UNREADABLE'
  | 'SETUP_FILE_TOO_LARGE'
  | 'SETUP_FILE_NOT_UTF8'
  | 'SETUP_STATEMENT_TOO_LARGE'
  | 'SETUP_STATEMENT_FAILED'
  | 'SETUP_TIMED_OUT'
  | 'CUSTOM_RESOURCE_INVALID'
  | 'SETUP_MIGRATION_CHANGED'
  | 'SETUP_RUN_ACTIVE'
  | 'SETUP_STATEMENT_NOT_TRANSACTIONAL';

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
  /** 1-based line of the file on which the failing statement starts, when known. */
  readonly line: number | undefined;
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
    line?: number;
    sql?: string;
    state: string;
    serviceMessage: string;
    cause?: unknown;
  }) {
    const where =
      details.file === undefined
        ? 'setup'
        : `${details.file}${details.line === undefined ? '' : `:${details.line}`} (statement ${details.statementNumber ?? '?'} of the file)`;
    const sql = details.sql === undefined ? '' : ` (sql: ${details.sql.replace(/\s+/g, ' ').slice(0, 200)})`;
    const fix =
      details.file === undefined
        ? '; fix the setup SQL and apply it again'
        : `; fix that statement in ${details.file} and apply the setup again (the whole batch was rolled back)`;
    super(
      'SETUP_STATEMENT_FAILED',
      `${where} ${details.state}: ${details.serviceMessage}${sql}${fix}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'SetupStatementFailedError';
    this.statementId = details.statementId;
    this.file = details.file;
    this.statementNumber = details.statementNumber;
    this.line = details.line;
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
 * The setup batch did not end within the timeout; `cancelled` says whether it was cancelled (otherwise it
 * keeps running in Redshift).
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

  /** Whether the batch was cancelled (CancelStatement accepted): then none of it was committed. */
  readonly cancelled: boolean;

  constructor(
    statementId: string,
    timeoutMs: number,
    lastStatus: string | undefined,
    cause?: unknown,
    cancelled = false,
  ) {
    super(
      'SETUP_TIMED_OUT',
      `setup batch ${statementId} still ${lastStatus ?? 'unknown'} after ${timeoutMs} ms${
        cancelled
          ? '; cancelled it (one transaction: nothing of it was committed, the migrations ledger included); apply it again when the warehouse is less busy, or with a longer timeout'
          : ''
      }`,
      { isRetryable: true, ...(cause === undefined ? {} : { cause }) },
    );
    this.cancelled = cancelled;
    this.name = 'SetupTimeoutError';
    this.statementId = statementId;
    this.timeoutMs = timeoutMs;
    this.lastStatus = lastStatus;
  }
}

/**
 * A setup file cannot be read (missing, a folder, no permission).
 *
 * @example
 * ```ts
 * if (error instanceof SetupFileReadError) console.error(error.file, error.path);
 * ```
 */
export class SetupFileReadError extends EltRunnerError {
  /** The file as the configuration names it. */
  readonly file: string;
  /** The absolute path that was read. */
  readonly path: string;

  constructor(file: string, path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'SETUP_FILE_UNREADABLE',
      `cannot read setup file ${file} (${path}): ${reason}; check setupFiles in the pipeline config`,
      { cause },
    );
    this.name = 'SetupFileReadError';
    this.file = file;
    this.path = path;
  }
}

/**
 * A setup file is larger than any setup the Data API could run, so it is refused before it is read.
 *
 * @example
 * ```ts
 * if (error instanceof SetupFileTooLargeError) console.error(error.file, error.sizeBytes, error.limitBytes);
 * ```
 */
export class SetupFileTooLargeError extends EltRunnerError {
  readonly file: string;
  readonly sizeBytes: number;
  readonly limitBytes: number;

  constructor(file: string, sizeBytes: number, limitBytes: number) {
    super(
      'SETUP_FILE_TOO_LARGE',
      `setup file ${file} is ${sizeBytes} bytes; a setup file may hold at most ${limitBytes} bytes (one batch runs at most 40 statements of at most 100 KB each): load data with COPY from S3 instead of putting it in setup SQL, or split the file`,
    );
    this.name = 'SetupFileTooLargeError';
    this.file = file;
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }
}

/**
 * A setup file is not valid UTF-8; names the byte offset, line and column of the first bad byte.
 *
 * @example
 * ```ts
 * if (error instanceof SetupFileEncodingError) console.error(`${error.file}:${error.line}:${error.column}`);
 * ```
 */
export class SetupFileEncodingError extends EltRunnerError {
  readonly file: string;
  /** 0-based byte offset of the first byte that is not valid UTF-8. */
  readonly byteOffset: number;
  /** 1-based line of that byte. */
  readonly line: number;
  /** 1-based column of that byte, counted in bytes. */
  readonly column: number;

  constructor(file: string, byteOffset: number, line: number, column: number, byte: number) {
    super(
      'SETUP_FILE_NOT_UTF8',
      `setup file ${file} is not valid UTF-8: byte 0x${byte.toString(16).padStart(2, '0')} at offset ${byteOffset} (line ${line}, column ${column}); save the file as UTF-8`,
    );
    this.name = 'SetupFileEncodingError';
    this.file = file;
    this.byteOffset = byteOffset;
    this.line = line;
    this.column = column;
  }
}

/**
 * One setup statement is longer than the Data API accepts (100 KB of SQL text).
 *
 * @example
 * ```ts
 * if (error instanceof SetupStatementTooLargeError) console.error(`${error.file}:${error.line}`, error.sizeBytes);
 * ```
 */
export class SetupStatementTooLargeError extends EltRunnerError {
  readonly file: string;
  /** 1-based number of the statement within its file. */
  readonly statementNumber: number;
  /** 1-based line on which the statement starts. */
  readonly line: number;
  readonly sizeBytes: number;
  readonly limitBytes: number;

  constructor(file: string, statementNumber: number, line: number, sizeBytes: number, limitBytes: number) {
    super(
      'SETUP_STATEMENT_TOO_LARGE',
      `${file}:${line} (statement ${statementNumber} of the file) is ${sizeBytes} bytes; the Redshift Data API takes at most ${limitBytes} bytes of SQL per statement: split it, or load the data with COPY from S3`,
    );
    this.name = 'SetupStatementTooLargeError';
    this.file = file;
    this.statementNumber = statementNumber;
    this.line = line;
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }
}
