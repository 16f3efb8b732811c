/**
 * The Redshift dialect: tokenizer-based Redshift → PostgreSQL rewrite plus compatibility SQL,
 * from `./dialect`. Until that layer lands this is the pass-through dialect.
 */
import { passThroughDialect, type SqlDialect } from './sql-dialect';

/**
 * The dialect `startLocalRedshift` uses by default.
 *
 * @example
 * redshiftDialect.translate('select getdate()');
 */
export const redshiftDialect: SqlDialect = passThroughDialect;
