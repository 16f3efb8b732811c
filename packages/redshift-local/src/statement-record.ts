/**
 * A statement as the Data API layer tracks it while it runs and after it ended: the record, its
 * sub-statements (one, or one per SQL of a batch) and their kept results.
 */
import type { SqlParameter } from './bind-parameters';
import type { EngineField } from './engine';
import type { JournalEntry } from './statement-journal';

/** Data API statement status. */
export type StatementStatus = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';

/** The statuses a statement does not leave. */
export const terminalStatuses: ReadonlySet<StatementStatus> = new Set<StatementStatus>([
  'FINISHED',
  'FAILED',
  'ABORTED',
]);

/** The rows of a result kept for GetStatementResult, with their approximate size. */
export interface StoredResult {
  fields: EngineField[];
  rows: (string | null)[][];
  bytes: number;
}

/** One SQL of a statement: the statement itself, or one SQL of a batch (`<id>:<n>`). */
export interface SubStatement {
  id: string;
  queryString: string;
  status: StatementStatus;
  error?: string | undefined;
  createdAt: number;
  updatedAt: number;
  durationNs: number;
  resultRows: number;
  resultSize: number;
  hasResultSet: boolean;
  redshiftQueryId: number;
  result?: StoredResult | undefined;
  resultDropped?: boolean | undefined;
}

/** Where a statement runs: its database and the cluster or workgroup (and credentials) named. */
export interface StatementConnection {
  database: string;
  clusterIdentifier?: string | undefined;
  workgroupName?: string | undefined;
  dbUser?: string | undefined;
  secretArn?: string | undefined;
}

/** A statement (single or batch) from submission until the retention forgets it. */
export interface StatementRecord extends StatementConnection {
  id: string;
  createdAt: number;
  updatedAt: number;
  status: StatementStatus;
  error?: string | undefined;
  isBatch: boolean;
  subs: SubStatement[];
  statementName?: string | undefined;
  withEvent: boolean;
  resultFormat: 'JSON' | 'CSV';
  sessionId?: string | undefined;
  parameters?: SqlParameter[] | undefined;
  executionMode?: 'TRANSACTION' | 'AUTO_COMMIT' | undefined;
  redshiftPid: number;
  principal: string;
  clientToken?: string | undefined;
  waiters: Set<() => void>;
  /** Kept on disk across restarts: a statement a restart ended (see `recoverStatements`). */
  journalEntry?: JournalEntry | undefined;
}

/**
 * The rows a statement affected or returned: its one SQL's, or the sum over a batch.
 *
 * @example
 * const rows = Math.max(0, totalRows(record));
 */
export function totalRows(record: StatementRecord): number {
  if (!record.isBatch) return record.subs[0]!.resultRows;
  return record.subs.reduce((sum, sub) => sum + Math.max(0, sub.resultRows), 0);
}

/**
 * The connection fields of a statement or session, without members that are not set.
 *
 * @example
 * const connection = connectionOf(session);
 */
export function connectionOf(source: StatementConnection): StatementConnection {
  const { database, clusterIdentifier, workgroupName, dbUser, secretArn } = source;
  return {
    database,
    ...(clusterIdentifier !== undefined ? { clusterIdentifier } : {}),
    ...(workgroupName !== undefined ? { workgroupName } : {}),
    ...(dbUser !== undefined ? { dbUser } : {}),
    ...(secretArn !== undefined ? { secretArn } : {}),
  };
}
