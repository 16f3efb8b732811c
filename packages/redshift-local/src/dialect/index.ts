export { compatibilitySchema, compatibilitySearchPath, compatibilitySql } from './compatibility-sql';
export { enablePgliteGzip } from './enable-pglite-gzip';
export { DialectError, type DialectErrorCode, NotEmulatedError, RedshiftSyntaxError } from './errors';
export { type CopyOptions, copyProcedureName } from './rewrite-copy';
export { splitStatements } from './split-statements';
export { type Token, type TokenType, tokenize } from './tokenize';
export { translateRedshiftSql } from './translate-redshift-sql';
