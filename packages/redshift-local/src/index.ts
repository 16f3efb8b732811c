export type { CountingProxy } from './counting-proxy';
export { startCountingProxy } from './counting-proxy';
export type { DataApiEndpointOptions } from './data-api-endpoint';
export { startDataApiEndpoint } from './data-api-endpoint';
export type { EndedStatement } from './ended-statement';
export type { EndedStatementStoreOptions } from './ended-statement-store';
export { EndedStatementStore } from './ended-statement-store';
export type { Engine, EngineField, EngineRequest, EngineStatement, EngineStatementOutcome } from './engine';
export type {
  DataApiExceptionName,
  RedshiftLocalErrorCode,
  SignatureVerificationDetails,
  SignatureVerificationReason,
} from './errors';
export {
  DataApiException,
  EngineDataDirError,
  EngineError,
  EngineInUseError,
  FolderLockError,
  InvalidOptionError,
  RedshiftLocalError,
  S3ObjectCorruptError,
  S3ObjectRefusedError,
  S3ObjectTooLargeError,
  SignatureVerificationError,
  StatementJournalError,
} from './errors';
export type {
  EventFaultRule,
  FaultCounts,
  FaultOptions,
  RequestFaultRule,
  ServerErrorFaultRule,
} from './fault-injector';
export { FaultInjector } from './fault-injector';
export type { FolderLock, FolderLockAttempt, FolderLocker, TryLockFolderOptions } from './folder-lock';
export { tryLockFolder } from './folder-lock';
export type { CallerContext, LocalDataApiOptions } from './local-data-api';
export { LocalDataApi } from './local-data-api';
export { ndjsonEventSink } from './ndjson-event-sink';
export type { PgliteEngineOptions } from './pglite-engine';
export { createPgliteEngine } from './pglite-engine';
export type { PostgresEngineOptions } from './postgres-engine';
export { createPostgresEngine } from './postgres-engine';
export { interruptedStatementError } from './recover-statements';
export { redshiftDialect } from './redshift-dialect';
export type { SpawnedPgliteWorker } from './spawn-pglite-worker';
export { spawnPgliteWorker } from './spawn-pglite-worker';
export type { SqlDialect } from './sql-dialect';
export { passThroughDialect } from './sql-dialect';
export type { LocalRedshift, LocalRedshiftOptions } from './start-local-redshift';
export { startLocalRedshift } from './start-local-redshift';
export type { JournalEntry } from './statement-journal';
export { StatementJournal } from './statement-journal';
export type { LatencyOptions, LatencyPhase } from './statement-latency';
export type { StatementStatus } from './statement-record';
export type { StatementStatusChangeEnvelope } from './status-change-event';
export { principalArn, statusChangeEvent } from './status-change-event';
export type { IncomingSignedRequest, VerifiedSignature, VerifySignatureOptions } from './verify-signature';
export { maxClockSkewMs, verifySignature } from './verify-signature';
export type { WebhookEventSink, WebhookEventSinkOptions } from './webhook-event-sink';
export { webhookEventSink } from './webhook-event-sink';
