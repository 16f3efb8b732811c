/**
 * Errors of @shiftflow/redshift-local: one base class, typed subclasses with a stable `code`. The
 * dialect layer's errors (`dialect/errors.ts`) extend the same base.
 */

/**
 * Stable codes of the errors this package throws, the dialect layer's included. A Data API
 * exception's wire name (`ValidationException`, …) is not one of them: it is
 * {@link DataApiException.exceptionName}.
 *
 * @example
 * ```ts
 * if (error instanceof RedshiftLocalError && error.code === ('ENGINE_IN_USE' satisfies RedshiftLocalErrorCode)) stopOtherProcess();
 * ```
 */
export type RedshiftLocalErrorCode =
  | 'INVALID_OPTION'
  | 'ENGINE_ERROR'
  | 'ENGINE_IN_USE'
  | 'ENGINE_DATA_DIR'
  | 'FOLDER_LOCK'
  | 'DATA_API_EXCEPTION'
  | 'JOURNAL_ERROR'
  | 'SIGNATURE_VERIFICATION_FAILED'
  | 'S3_FOLDER_NOT_MOUNTED'
  | 'S3_OBJECT_REFUSED'
  | 'S3_OBJECT_CORRUPT'
  | 'S3_OBJECT_TOO_LARGE'
  | 'S3_OBJECT_UNREADABLE'
  | 'PROGRAM_NOT_EMULATED'
  | 'NOT_EMULATED'
  | 'REDSHIFT_SYNTAX'
  | 'BINARY_COPY_REFUSED';

/**
 * Base class of every error this package throws.
 *
 * @example
 * ```ts
 * try { await startLocalRedshift({ s3Root: '' }); } catch (error) {
 *   if (error instanceof RedshiftLocalError) console.error(error.code, error.message);
 * }
 * ```
 */
export class RedshiftLocalError extends Error {
  /** Stable, machine-readable error code. */
  readonly code: RedshiftLocalErrorCode;
  constructor(code: RedshiftLocalErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * An option given to `startLocalRedshift` or the command is invalid; `option` names it, `value` shows it.
 *
 * @example
 * new InvalidOptionError('port', -1, 'must be an integer from 0 to 65535');
 */
export class InvalidOptionError extends RedshiftLocalError {
  readonly option: string;
  readonly value: unknown;
  constructor(option: string, value: unknown, reason: string, options?: ErrorOptions) {
    super('INVALID_OPTION', `option ${option} = ${JSON.stringify(value)} ${reason}`, options);
    this.option = option;
    this.value = value;
  }
}

/**
 * The engine (PGlite worker or PostgreSQL connection) failed outside any statement: it could not
 * open, it crashed, or it was closed while work was pending.
 *
 * @example
 * new EngineError('pglite', 'worker exited with code 1');
 */
export class EngineError extends RedshiftLocalError {
  readonly engine: 'pglite' | 'postgres';
  /** `options.code` is for subclasses; defaults to `ENGINE_ERROR`. */
  constructor(
    engine: 'pglite' | 'postgres',
    message: string,
    options?: ErrorOptions & {
      code?: Extract<RedshiftLocalErrorCode, 'ENGINE_ERROR' | 'ENGINE_IN_USE' | 'ENGINE_DATA_DIR'>;
    },
  ) {
    super(options?.code ?? 'ENGINE_ERROR', `${engine} engine: ${message}`, options);
    this.engine = engine;
  }
}

/**
 * The data dir is open in another engine: another process (in any PID namespace: the decision
 * rests on an OS lock on the folder) or this one. `holderPid` is the pid the holder recorded, as
 * seen in its own PID namespace, when it could be read.
 *
 * @example
 * new EngineInUseError('/data/engine', 4242);
 */
export class EngineInUseError extends EngineError {
  readonly dataDir: string;
  readonly holderPid: number | undefined;
  constructor(dataDir: string, holderPid: number | undefined, message: string) {
    super('pglite', message, { code: 'ENGINE_IN_USE' });
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

/**
 * The data dir cannot be opened: `reason` says whether its file system is full (`no-space`), or
 * its files cannot be read as a database (`damaged`, e.g. after a crash or two writers), or
 * another file-system error occurred (`file-system`).
 *
 * @example
 * new EngineDataDirError('/data/engine', 'no-space', 'no space left on device');
 */
export class EngineDataDirError extends EngineError {
  readonly dataDir: string;
  readonly reason: 'no-space' | 'damaged' | 'file-system';
  constructor(
    dataDir: string,
    reason: 'no-space' | 'damaged' | 'file-system',
    message: string,
    options?: ErrorOptions,
  ) {
    super('pglite', message, { ...options, code: 'ENGINE_DATA_DIR' });
    this.dataDir = dataDir;
    this.reason = reason;
  }
}

/**
 * A folder lock could not be taken for a reason other than another holder: the folder cannot be
 * opened, or the locking tool failed. `folder` names it.
 *
 * @example
 * new FolderLockError('/data', '/data is not a folder');
 */
export class FolderLockError extends RedshiftLocalError {
  readonly folder: string;
  constructor(folder: string, message: string, options?: ErrorOptions) {
    super('FOLDER_LOCK', `could not lock ${folder}: ${message}`, options);
    this.folder = folder;
  }
}

/** Names of the Redshift Data API exceptions the local endpoint returns. */
export type DataApiExceptionName =
  | 'ValidationException'
  | 'ResourceNotFoundException'
  | 'ActiveStatementsExceededException'
  | 'ActiveSessionsExceededException'
  | 'ActiveWaitingRequestsExceededException'
  | 'QueryTimeoutException'
  | 'DatabaseConnectionException'
  | 'ExecuteStatementException'
  | 'BatchExecuteStatementException'
  | 'InternalServerException'
  | 'ServiceUnavailableException'
  | 'ThrottlingException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException'
  | 'IncompleteSignatureException'
  | 'MissingAuthenticationTokenException';

const httpStatusByName: Record<DataApiExceptionName, number> = {
  ValidationException: 400,
  // awsJson1_1: botocore's redshift-data service-2.json gives ResourceNotFoundException no
  // httpStatusCode, so the JSON protocol's default for a client error, 400, is what the service
  // sends (the JS SDK's Smithy @httpError(404) is advisory: errors are chosen by __type, not status).
  ResourceNotFoundException: 400,
  ActiveStatementsExceededException: 400,
  ActiveSessionsExceededException: 400,
  ActiveWaitingRequestsExceededException: 400,
  QueryTimeoutException: 400,
  DatabaseConnectionException: 500,
  ExecuteStatementException: 500,
  BatchExecuteStatementException: 500,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
  ThrottlingException: 400,
  SerializationException: 400,
  UnknownOperationException: 400,
  UnrecognizedClientException: 400,
  InvalidSignatureException: 403,
  IncompleteSignatureException: 403,
  MissingAuthenticationTokenException: 403,
};

/**
 * A Redshift Data API exception as the service returns it: `exceptionName` is the wire name
 * (`__type` and `x-amzn-ErrorType`), `httpStatus` the status AWS uses, `fields` any extra members
 * (`ResourceId`, `StatementId`).
 *
 * @example
 * throw new DataApiException('ResourceNotFoundException', 'Query does not exist.', { ResourceId: id });
 */
export class DataApiException extends RedshiftLocalError {
  readonly exceptionName: DataApiExceptionName;
  readonly httpStatus: number;
  readonly fields: Record<string, string>;
  constructor(
    exceptionName: DataApiExceptionName,
    message: string,
    fields: Record<string, string> = {},
    options?: ErrorOptions,
  ) {
    super('DATA_API_EXCEPTION', message, options);
    this.exceptionName = exceptionName;
    this.httpStatus = httpStatusByName[exceptionName];
    this.fields = fields;
  }
}

/**
 * The statement journal (the on-disk list of statements not yet ended, kept in the data dir) could
 * not be written or read; `path` names the file.
 *
 * @example
 * new StatementJournalError('/data/redshift-local/statements/1.json', 'could not be written');
 */
export class StatementJournalError extends RedshiftLocalError {
  readonly path: string;
  constructor(path: string, reason: string, options?: ErrorOptions) {
    super('JOURNAL_ERROR', `statement journal ${path} ${reason}`, options);
    this.path = path;
  }
}

/**
 * Why a signature was refused: no Authorization header (`missing`); an Authorization or X-Amz-Date
 * header that cannot be used (`malformed`, see `header`); an access key that is not known
 * (`unknown-key`); X-Amz-Date more than 15 minutes before or after the server's clock (`expired`,
 * `not-yet-valid`); a body that does not hash to the signed `x-amz-content-sha256`
 * (`body-hash-mismatch`); or a signature that differs from the one calculated (`mismatch`).
 */
export type SignatureVerificationReason =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'mismatch'
  | 'expired'
  | 'not-yet-valid'
  | 'body-hash-mismatch';

/** What the verifier had read when it refused; fields it had not reached yet are absent. */
export interface SignatureVerificationDetails {
  /** For `malformed`: the header that cannot be used. */
  readonly header?: 'authorization' | 'x-amz-date' | undefined;
  /** The Authorization header as received. */
  readonly authorization?: string | undefined;
  /** The access key id of the Credential scope. */
  readonly accessKeyId?: string | undefined;
  /** The date (`YYYYMMDD`) of the Credential scope. */
  readonly scopeDate?: string | undefined;
  /** The X-Amz-Date header as received; absent when the request has none. */
  readonly amzDate?: string | undefined;
  /** For `expired` and `not-yet-valid`: the server's clock, in ms since the epoch. */
  readonly serverTime?: number | undefined;
}

/**
 * A request's SigV4 signature was refused; `reason` says why and the other fields show what was
 * received, so an endpoint can answer with its own protocol's error.
 *
 * @example
 * ```ts
 * try { await verifySignature(request, { test: 'test' }); } catch (error) {
 *   if (error instanceof SignatureVerificationError && error.reason === 'unknown-key') console.error(error.accessKeyId);
 * }
 * ```
 */
export class SignatureVerificationError extends RedshiftLocalError implements SignatureVerificationDetails {
  readonly reason: SignatureVerificationReason;
  readonly header: SignatureVerificationDetails['header'];
  readonly authorization: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly scopeDate: string | undefined;
  readonly amzDate: string | undefined;
  readonly serverTime: number | undefined;

  constructor(
    reason: SignatureVerificationReason,
    message: string,
    details: SignatureVerificationDetails = {},
    options?: ErrorOptions,
  ) {
    super('SIGNATURE_VERIFICATION_FAILED', message, options);
    this.reason = reason;
    this.header = details.header;
    this.authorization = details.authorization;
    this.accessKeyId = details.accessKeyId;
    this.scopeDate = details.scopeDate;
    this.amzDate = details.amzDate;
    this.serverTime = details.serverTime;
  }
}

/**
 * A COPY named a local S3 object the engine refuses to read: the bucket or key breaks S3's naming
 * rules, a key segment is `.` or `..` (also percent-encoded), a link leads out of the local S3
 * folder, or the object is not a regular file (a folder, a device, a pipe). `object` shows it.
 *
 * @example
 * new S3ObjectRefusedError('s3://bucket/../x.gz', 'a key segment is ".."');
 */
export class S3ObjectRefusedError extends RedshiftLocalError {
  readonly object: string;
  readonly reason: string;
  constructor(object: string, reason: string, options?: ErrorOptions) {
    super(
      'S3_OBJECT_REFUSED',
      `local S3 object ${object} refused: ${reason}; the local S3 folder only serves regular files inside it, named by valid S3 bucket names and keys`,
      options,
    );
    this.object = object;
    this.reason = reason;
  }
}

/**
 * A gzip object could not be decompressed (truncated, corrupt, not gzip): the COPY fails, as
 * Redshift's does, instead of loading part of it or nothing.
 *
 * @example
 * new S3ObjectCorruptError('s3://bucket/part-0.gz', 'unexpected end of file');
 */
export class S3ObjectCorruptError extends RedshiftLocalError {
  readonly object: string;
  /** `options.compression`: gzip (default), bzip2, zstd or lzop. */
  constructor(object: string, detail: string, options?: ErrorOptions & { compression?: string }) {
    const compression = options?.compression ?? 'gzip';
    super(
      'S3_OBJECT_CORRUPT',
      `${compression} object ${object} could not be decompressed (${detail}): it is truncated or not ${compression}; upload a complete object or drop the ${compression.toUpperCase()} option`,
      options,
    );
    this.object = object;
  }
}

/**
 * A gzip object decompresses to more bytes than the local engine allows (a decompression bomb or an
 * object too large for a laptop); `limitBytes` is the limit.
 *
 * @example
 * new S3ObjectTooLargeError('s3://bucket/bomb.gz', 4 * 1024 ** 3);
 */
export class S3ObjectTooLargeError extends RedshiftLocalError {
  readonly object: string;
  readonly limitBytes: number;
  /** `options.compression`: gzip (default), bzip2, zstd or lzop. */
  constructor(object: string, limitBytes: number, options?: ErrorOptions & { compression?: string }) {
    super(
      'S3_OBJECT_TOO_LARGE',
      `${options?.compression ?? 'gzip'} object ${object} decompresses to more than ${limitBytes} bytes, the local limit: split it into smaller objects`,
      options,
    );
    this.object = object;
    this.limitBytes = limitBytes;
  }
}

/**
 * PGlite's binary COPY accelerator declined an object: a line or field lies outside the strict subset whose binary
 * load is provably identical to the text COPY (or the object could not be read). Not a user error: the COPY helper
 * then loads the object with the text COPY, which loads it or raises the real error. `reason` says why.
 *
 * @example
 * new BinaryCopyRefusedError('s3://bucket/part-0', 'line 3, field 2: " 5" is not a plain integer');
 */
export class BinaryCopyRefusedError extends RedshiftLocalError {
  readonly object: string;
  readonly reason: string;
  constructor(object: string, reason: string, options?: ErrorOptions) {
    super(
      'BINARY_COPY_REFUSED',
      `binary COPY of ${object} declined (${reason}); the text COPY loads it instead`,
      options,
    );
    this.object = object;
    this.reason = reason;
  }
}
