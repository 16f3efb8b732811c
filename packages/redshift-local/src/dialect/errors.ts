/**
 * Errors of the Redshift SQL dialect layer: one base class under the package's
 * {@link RedshiftLocalError}, typed subclasses with a stable `code`.
 */

import { RedshiftLocalError, type RedshiftLocalErrorCode } from '../errors';

/** Stable codes of the errors the dialect layer throws (a part of {@link RedshiftLocalErrorCode}). */
export type DialectErrorCode = Extract<RedshiftLocalErrorCode, 'NOT_EMULATED' | 'REDSHIFT_SYNTAX'>;

/**
 * Base class of every error the Redshift dialect layer throws; a {@link RedshiftLocalError}, so
 * one `instanceof RedshiftLocalError` catches every error of the package.
 *
 * @example
 * ```ts
 * try {
 *   translateRedshiftSql("unload ('select 1') to 's3://b/x' iam_role default");
 * } catch (error) {
 *   if (error instanceof DialectError) console.error(error.code, error.message);
 * }
 * ```
 */
export class DialectError extends RedshiftLocalError {
  /** Stable, machine-readable error code. */
  declare readonly code: DialectErrorCode;
  /** The SQL text that was being translated. */
  readonly sql: string;

  constructor(code: DialectErrorCode, message: string, options: ErrorOptions & { sql: string }) {
    super(code, message, options);
    this.sql = options.sql;
  }
}

/**
 * The SQL uses a Redshift construct that the local engine does not emulate (UNLOAD, COPY from Parquet,
 * external schemas, …). Thrown instead of silently ignoring the construct.
 *
 * @example
 * ```ts
 * try {
 *   translateRedshiftSql('create external schema spectrum from data catalog');
 * } catch (error) {
 *   if (error instanceof NotEmulatedError) console.error(error.construct); // 'CREATE EXTERNAL SCHEMA'
 * }
 * ```
 */
export class NotEmulatedError extends DialectError {
  /** The construct that is not emulated, as Redshift names it, e.g. `UNLOAD` or `COPY option FORMAT AS PARQUET`. */
  readonly construct: string;

  constructor(construct: string, sql: string, options?: ErrorOptions) {
    super('NOT_EMULATED', `${construct} is not emulated locally (shiftflow local Redshift)`, {
      ...options,
      sql,
    });
    this.construct = construct;
  }
}

/**
 * The SQL is not valid Redshift SQL as far as the dialect layer can tell: an unterminated string,
 * comment or dollar-quoted body, an unbalanced parenthesis, or a malformed COPY option.
 *
 * @example
 * ```ts
 * try {
 *   translateRedshiftSql("select 'unterminated");
 * } catch (error) {
 *   if (error instanceof RedshiftSyntaxError) console.error(error.position); // 7
 * }
 * ```
 */
export class RedshiftSyntaxError extends DialectError {
  /** Zero-based character offset in `sql` where the problem was found. */
  readonly position: number;

  constructor(message: string, sql: string, position: number, options?: ErrorOptions) {
    super('REDSHIFT_SYNTAX', `${message} at position ${position}: ${excerpt(sql, position)}`, {
      ...options,
      sql,
    });
    this.position = position;
  }
}

function excerpt(sql: string, position: number): string {
  const start = Math.max(0, position - 20);
  const text = sql.slice(start, position + 40).replace(/\s+/g, ' ');
  return JSON.stringify(`${start > 0 ? '…' : ''}${text}${position + 40 < sql.length ? '…' : ''}`);
}
