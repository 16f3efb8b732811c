export { dataApiTargetOf } from '@shiftflow/events';
export {
  type ApplyMigrationsOptions,
  applyMigrations,
  type MigrationsDataApi,
  migrationsBatchOf,
  type SubmitMigrationsOptions,
  type SubmittedMigrations,
  submitMigrations,
} from './apply-migrations';
export {
  type AppliedSetup,
  type ApplySetupOptions,
  applySetup,
  planSetup,
  type SetupDataApi,
  type SetupPlan,
  type SetupStatement,
  setupFailureOf,
} from './apply-setup';
export { clientTokenFor } from './client-token-for';
export { decodeSetupFile } from './decode-setup-file';
export {
  CustomResourceError,
  EltRunnerError,
  type EltRunnerErrorCode,
  RunStartError,
  SetupFileEncodingError,
  SetupFileReadError,
  SetupFileTooLargeError,
  SetupPlaceholderError,
  SetupStatementFailedError,
  SetupStatementTooLargeError,
  SetupTimeoutError,
  SetupTooLargeError,
  SetupValueError,
  SqlSplitError,
} from './errors';
export { type ActiveRun, type ActiveRunWait, findActiveRun, waitForNoActiveRun } from './find-active-run';
export { handler } from './handler';
export {
  type ChangedMigration,
  SetupMigrationChangedError,
  SetupRunActiveError,
  SetupStatementNotTransactionalError,
} from './migration-errors';
export {
  createMigrationsLedgerSql,
  type MigrationLedgerRow,
  migrationsLedgerTable,
  readMigrationsLedger,
} from './migrations-ledger';
export {
  type MigrationKind,
  type MigrationPlan,
  migrationKindOf,
  type PendingMigration,
  type PlanMigrationsOptions,
  planMigrations,
  sqlChecksum,
} from './plan-migrations';
export { readSetupFile, readSetupFiles, type SetupFile } from './read-setup-files';
export { quoteSqlLiteral, renderSetupSql, type SetupValues } from './render-setup-sql';
export {
  isSetupComplete,
  onSetupEvent,
  type SetupDataApiFactory,
  type SetupIsCompleteResult,
  type SetupOnEventResult,
  type SetupResourceEvent,
  type SetupResourceProperties,
  setupResourcePropertiesOf,
} from './setup-custom-resource';
export { maxBatchStatements, maxSetupFileBytes, maxStatementBytes } from './setup-limits';
export { type SqlStatementText, splitSqlStatements } from './split-sql-statements';
export {
  type EltRunDataApi,
  type EltRunDependencies,
  type EltRunResult,
  type RunLogger,
  type SkippedRun,
  type StartedRun,
  startEltRun,
} from './start-elt-run';

export { version } from './version';
