/** The Data API target of a pipeline target; re-exported from `@shiftflow/events`. */
export { dataApiTargetOf } from '@shiftflow/events';
export { type AnnounceOutcome, announceStatement } from './announce-statement';
export { createNotifierDependencies } from './create-notifier-dependencies';
export { dataApiTarget } from './data-api-target';
export { DynamoDbLedger, type DynamoDbLedgerOptions } from './dynamodb-ledger';
export type { EndedStatement } from './ended-statement';
export {
  InvalidStatementIdError,
  InvalidStatusChangeEventError,
  LedgerError,
  type LedgerOperation,
  NotificationPublishError,
  NotifierConfigurationError,
  NotifierError,
  type NotifierErrorCode,
  ReconcileError,
} from './errors';
export { FileLedger, type FileLedgerOptions } from './file-ledger';
export { findLoadFailure } from './find-load-failure';
export { formatDuration, formatNotification, type RunReport, snsMessageFor } from './format-notification';
export { handler, reconcileHandler } from './handler';
export {
  assertStatementId,
  DEFAULT_LEASE_SECONDS,
  DEFAULT_RETENTION_SECONDS,
  type Ledger,
  type LedgerClaim,
  type LedgerTimings,
} from './ledger';
export type { LoadErrorOptions } from './load-error-options';
export { MemoryLedger } from './memory-ledger';
export type {
  NotifierDataApi,
  NotifierDependencies,
  NotifierLogger,
} from './notifier-dependencies';
export { type NotifyOutcome, notifyStatusChange } from './notify-status-change';
export { publishNotification } from './publish-notification';
export { type LoadErrorRow, readLoadErrors } from './read-load-errors';
export { type RunResult, readRunResult } from './read-run-result';
export { type ReconcileOptions, type ReconcileReport, reconcile } from './reconcile';
export { isRunnerSuccessRecord, type RecordOutcome, recordStartedRun } from './record-started-run';
export { type RedshiftConsoleUrls, redshiftConsoleUrls } from './redshift-console-urls';
export { reportEndedRun } from './report-ended-run';
export {
  isStartedRunRegister,
  type StartedRunRecord,
  type StartedRunRegister,
} from './started-run-register';

export { version } from './version';
