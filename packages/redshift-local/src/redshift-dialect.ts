/**
 * The Redshift dialect: the tokenizer-based Redshift → PostgreSQL rewrite and the compatibility
 * SQL (functions, aggregates, COPY-from-S3 helper) of `./dialect`, behind the `SqlDialect` seam.
 */
import { compatibilitySearchPath, compatibilitySql, translateRedshiftSql } from './dialect/index';
import type { SqlDialect } from './sql-dialect';

/**
 * The dialect `startLocalRedshift` uses by default.
 *
 * @example
 * redshiftDialect.translate('select getdate()');
 */
export const redshiftDialect: SqlDialect = {
  translate: translateRedshiftSql,
  compatibilitySql: [compatibilitySql],
  searchPath: compatibilitySearchPath,
};
