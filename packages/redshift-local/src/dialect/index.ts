export { compatibilitySchema, compatibilitySearchPath, compatibilitySql } from './compatibility-sql';
export { enablePgliteGzip, type PgliteGzip, type PgliteGzipOptions } from './enable-pglite-gzip';
export { DialectError, type DialectErrorCode, NotEmulatedError, RedshiftSyntaxError } from './errors';
export { type CopyOptions, copyProcedureName } from './rewrite-copy';
export { maxExpressionDepth, maxTranslationLength } from './rewrite-expressions';
export { splitStatements } from './split-statements';
export { type Token, type TokenType, tokenize } from './tokenize';
export { maxBodyDepth, translateRedshiftSql } from './translate-redshift-sql';
