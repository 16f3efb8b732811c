export { createRowDecoder, type DecodingOptions, type RowDecoder } from './create-row-decoder';
export {
  DecodingError,
  InvalidOptionError,
  InvalidParameterError,
  InvalidTargetError,
  RedshiftDataError,
  type RedshiftDataErrorCode,
  RedshiftDataServiceError,
  StatementAbortedError,
  type StatementErrorDetails,
  StatementFailedError,
  StatementTimeoutError,
  WaitAbortedError,
} from './errors';
export { formatParameterValue, toSqlParameters } from './format-parameter-value';
export { isRetryableAwsError } from './is-retryable-aws-error';
export { parseCsvRecords } from './parse-csv-records';
export { RedshiftData } from './redshift-data';
export type {
  BatchExecuteOptions,
  BatchStatementHandle,
  ExecuteOptions,
  ListStatementsOptions,
  QueryOptions,
  RedshiftDataOptions,
  ResultsOptions,
  StatementHandle,
  WaitOptions,
} from './redshift-data-options';
export {
  type ClusterTarget,
  type ConnectionFields,
  type RedshiftTarget,
  resolveTarget,
  type WorkgroupTarget,
} from './resolve-target';
export { type CheckedSqlValues, type SqlTag, type SqlValueHint, sql } from './sql';
export type { ParameterValue, SqlFragment, SqlParameter, SqlStatement, SqlValue } from './sql-statement';
export type {
  StatementDescription,
  StatementStatus,
  StatementSummary,
  SubStatementDescription,
} from './statement-description';
