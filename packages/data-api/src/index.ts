export { createRowDecoder, type DecodingOptions, type RowDecoder } from './create-row-decoder';
export {
  ConfigurationError,
  DecodingError,
  InvalidOptionError,
  InvalidParameterError,
  InvalidTargetError,
  RedshiftDataError,
  type RedshiftDataErrorCode,
  RedshiftDataServiceError,
  RowValidationError,
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
export { RedshiftDataApi } from './redshift-data-api';
export type {
  BatchExecuteOptions,
  BatchStatementHandle,
  ExecuteOptions,
  ListStatementsOptions,
  QueryOptions,
  RedshiftDataOptions,
  RedshiftDataOptions as RedshiftDataApiOptions,
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
  InferRow,
  RowSchema,
  StandardSchemaV1,
  StandardSchemaV1Issue,
  StandardSchemaV1Props,
  StandardSchemaV1Result,
} from './standard-schema';
export type {
  StatementDescription,
  StatementStatus,
  StatementSummary,
  SubStatementDescription,
} from './statement-description';
