/**
 * Errors of the local app. Every error has a stable `code` and carries the data a caller needs;
 * the CLI prints `message` (never a stack trace) and exits non-zero.
 */

/**
 * Stable codes of the errors the local app throws, its sub-areas (event bus, scheduler, SNS)
 * included. An AWS error code on the wire (SNS's `InvalidParameter`, …) is not one of them: it is
 * `SnsApiError.awsErrorCode`.
 *
 * @example
 * ```ts
 * if (error instanceof LocalAppError && error.code === ('ENGINE_IN_USE' satisfies LocalErrorCode)) console.error(error.message);
 * ```
 */
export type LocalErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'SEED'
  | 'RUN_HISTORY'
  | 'LAMBDA_INVOCATION'
  | 'LAMBDA_TIMEOUT'
  | 'LAMBDA_BUNDLE'
  | 'LAMBDA_CONFIG'
  | 'LAMBDA_UNKNOWN_FUNCTION'
  | 'LAMBDA_HOST_CLOSED'
  | 'NO_LAMBDAS'
  | 'NO_LOAD_TABLE'
  | 'STATE_FOLDER'
  | 'STATE_FILE'
  | 'ENGINE_IN_USE'
  | 'S3_URI'
  | 'SETUP_RECORD'
  | 'SETUP_OBJECTS_MISSING'
  // event bus (event-bus/errors.ts)
  | 'INVALID_EVENT_PATTERN'
  | 'INVALID_EVENT'
  | 'INVALID_RULE_NAME'
  | 'EVENT_DELIVERY_FAILED'
  // scheduler (scheduler/errors.ts)
  | 'INVALID_SCHEDULE_EXPRESSION'
  | 'SCHEDULED_RUN_FAILED'
  | 'INVALID_START_TIME'
  | 'SCHEDULE_STOPPED'
  // SNS (sns/errors.ts)
  | 'SNS_API_ERROR'
  | 'SNS_DELIVERY_FAILED'
  | 'INVALID_SUBSCRIBER'
  | 'WEBHOOK_REJECTED'
  // local console (console/errors.ts)
  | 'CONSOLE_REQUEST'
  | 'CONSOLE_ASSETS_MISSING';

/**
 * Base class of every error the local app throws on purpose; the event bus, scheduler and SNS
 * bases extend it, so the app has one error root.
 *
 * @example
 * ```ts
 * try { await runCli(argv, io); } catch (error) {
 *   if (error instanceof LocalAppError) console.error(error.code, error.message);
 * }
 * ```
 */
export class LocalAppError extends Error {
  /** Stable, machine-readable error code. */
  readonly code: LocalErrorCode;

  constructor(code: LocalErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A command line the CLI cannot accept: unknown command, unknown flag, bad flag value. */
export class UsageError extends LocalAppError {
  readonly argument: string | undefined;

  constructor(message: string, options?: ErrorOptions & { argument?: string }) {
    super('USAGE', message, options);
    this.argument = options?.argument;
  }
}

/** The pipeline configuration file is missing or invalid. */
export class ConfigError extends LocalAppError {
  readonly file: string;

  constructor(file: string, message: string, options?: ErrorOptions) {
    super('CONFIG', message, options);
    this.file = file;
  }
}

/** The sample-data generator cannot generate what was asked. */
export class SeedError extends LocalAppError {
  readonly value: unknown;

  constructor(message: string, value: unknown, options?: ErrorOptions) {
    super('SEED', message, options);
    this.value = value;
  }
}

/** The run-history file holds a line that is not a run-history record. */
export class RunHistoryError extends LocalAppError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, message: string, options?: ErrorOptions) {
    super('RUN_HISTORY', message, options);
    this.file = file;
    this.line = line;
  }
}

/** A Lambda function failed: the handler threw or rejected. */
export class LambdaInvocationError extends LocalAppError {
  readonly functionName: string;
  readonly requestId: string;
  /** The error's name as the handler threw it (e.g. `TypeError`). */
  readonly errorType: string;

  constructor(
    functionName: string,
    requestId: string,
    errorType: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(
      'LAMBDA_INVOCATION',
      `${functionName} (request ${requestId}) failed: ${errorType}: ${message}`,
      options,
    );
    this.functionName = functionName;
    this.requestId = requestId;
    this.errorType = errorType;
  }
}

/** A Lambda function ran longer than its timeout and was stopped. */
export class LambdaTimeoutError extends LocalAppError {
  readonly functionName: string;
  readonly requestId: string;
  readonly timeoutMs: number;

  constructor(functionName: string, requestId: string, timeoutMs: number) {
    super('LAMBDA_TIMEOUT', `${functionName} (request ${requestId}) timed out after ${timeoutMs} ms`);
    this.functionName = functionName;
    this.requestId = requestId;
    this.timeoutMs = timeoutMs;
  }
}

/** A Lambda bundle cannot be loaded: missing file or no such export. */
export class LambdaBundleError extends LocalAppError {
  readonly bundle: string;

  constructor(bundle: string, message: string, options?: ErrorOptions) {
    super('LAMBDA_BUNDLE', message, options);
    this.bundle = bundle;
  }
}

/**
 * A folder given as the state folder is not one shiftflow may use or delete: not empty and not
 * marked as shiftflow's, or not a folder at all. `folder` names it.
 */
export class StateFolderError extends LocalAppError {
  readonly folder: string;

  constructor(folder: string, message: string, options?: ErrorOptions) {
    super('STATE_FOLDER', message, options);
    this.folder = folder;
  }
}

/** A file of the state folder cannot be read or written: a full disk, a folder in its place, damage. */
export class StateFileError extends LocalAppError {
  readonly file: string;

  constructor(file: string, message: string, options?: ErrorOptions) {
    super('STATE_FILE', message, options);
    this.file = file;
  }
}

/**
 * Another process has the state folder's engine open (the OS lock on the folder says so, in any
 * PID namespace). `holder` is what it recorded in `engine.lock`, when that could be read.
 */
export class EngineInUseError extends LocalAppError {
  readonly folder: string;
  readonly holder: { pid: number; command: string; endpoint?: string } | undefined;

  constructor(
    folder: string,
    holder: { pid: number; command: string; endpoint?: string } | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super('ENGINE_IN_USE', message, options);
    this.folder = folder;
    this.holder = holder;
  }
}
