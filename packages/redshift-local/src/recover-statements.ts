/**
 * Crash recovery: after a restart, the ended statements kept on disk are known again, and the
 * statements the journal still shows running — cut off by the stop — end FAILED.
 */
import type { EndedStatement } from './ended-statement';
import type { ResultStore } from './result-store';
import { type EventPlace, statementEvent } from './statement-event';
import type { JournalEntry, StatementJournal } from './statement-journal';
import type { StatementRecord } from './statement-record';
import type { StatementStore } from './statement-store';
import type { StatementStatusChangeEnvelope } from './status-change-event';

/**
 * Error of a statement that a restart found unfinished: its engine (and so its transaction) went
 * away with the process. The statement ends FAILED, as a Redshift statement cut off by a reboot
 * does (ABORTED is what CancelStatement gives).
 */
export const interruptedStatementError =
  'ERROR: the local Redshift stopped while the statement ran; its transaction was rolled back';

/** What recovery reads and fills. */
export interface RecoverStatementsOptions {
  /** The journal entries the previous process left. */
  entries: readonly JournalEntry[];
  /** The ended statements the previous process kept. */
  ended: readonly EndedStatement[];
  now: number;
  retentionMs: number;
  statements: StatementStore;
  results: ResultStore;
  journal?: StatementJournal | undefined;
  place: EventPlace;
}

/**
 * Takes in the ended statements, then the journal entries: a statement still `inflight` becomes
 * FAILED with {@link interruptedStatementError}, its original CreatedAt and UpdatedAt = now, and its
 * entry is kept (state `interrupted`) until the retention ends, so later restarts know it too.
 * Entries past the retention are removed. Returns the status-change events still owed for
 * WithEvent statements, oldest first.
 *
 * @example
 * const owed = await recoverStatements({ entries, ended, now: Date.now(), retentionMs, statements, results, journal, place });
 */
export async function recoverStatements(
  options: RecoverStatementsOptions,
): Promise<StatementStatusChangeEnvelope[]> {
  const { now, statements, journal } = options;
  const owed: { createdAt: number; event: StatementStatusChangeEnvelope }[] = [];
  for (const statement of options.ended) {
    const record = statements.restore(statement);
    for (const sub of record?.subs ?? []) options.results.restored(sub);
  }
  for (const found of options.entries) {
    if (statements.has(found.id)) {
      // Ended before the stop, its journal entry not yet removed: the ended statement is the truth.
      if (found.state === 'inflight') await journal?.remove(found.id);
      continue;
    }
    if (now - found.createdAt > options.retentionMs) {
      await journal?.remove(found.id);
      continue;
    }
    const entry: JournalEntry =
      found.state === 'inflight'
        ? {
            ...found,
            state: 'interrupted',
            updatedAt: now,
            error: interruptedStatementError,
            eventPending: found.withEvent,
          }
        : found;
    if (entry !== found) await journal?.write(entry);
    const record = interruptedRecord(entry, now);
    statements.add(record);
    if (entry.eventPending === true) {
      const event = statementEvent(options.place, record, {
        redshiftQueryId: -1,
        state: 'FAILED',
        rows: 0,
        time: new Date(record.updatedAt),
      });
      owed.push({ createdAt: entry.createdAt, event });
    }
  }
  return owed.sort((a, b) => a.createdAt - b.createdAt).map((item) => item.event);
}

/** The FAILED statement a journal entry stands for: its first SQL FAILED, the rest ABORTED. */
function interruptedRecord(entry: JournalEntry, now: number): StatementRecord {
  const endedAt = entry.updatedAt ?? now;
  const error = entry.error ?? interruptedStatementError;
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    updatedAt: endedAt,
    status: 'FAILED',
    error,
    isBatch: entry.isBatch,
    subs: entry.queryStrings.map((queryString, index) => ({
      id: entry.isBatch ? `${entry.id}:${index + 1}` : entry.id,
      queryString,
      status: index === 0 ? 'FAILED' : 'ABORTED',
      ...(index === 0 ? { error } : {}),
      createdAt: entry.createdAt,
      updatedAt: endedAt,
      // How long it ran before the stop is not known: Duration stays −1 (the SDK reads "unknown").
      durationNs: -1,
      resultRows: -1,
      resultSize: -1,
      hasResultSet: false,
      redshiftQueryId: 0,
    })),
    ...(entry.statementName !== undefined ? { statementName: entry.statementName } : {}),
    withEvent: entry.withEvent,
    resultFormat: entry.resultFormat,
    ...(entry.sessionId !== undefined ? { sessionId: entry.sessionId } : {}),
    database: entry.database,
    ...(entry.clusterIdentifier !== undefined ? { clusterIdentifier: entry.clusterIdentifier } : {}),
    ...(entry.workgroupName !== undefined ? { workgroupName: entry.workgroupName } : {}),
    ...(entry.dbUser !== undefined ? { dbUser: entry.dbUser } : {}),
    ...(entry.secretArn !== undefined ? { secretArn: entry.secretArn } : {}),
    ...(entry.executionMode !== undefined ? { executionMode: entry.executionMode } : {}),
    redshiftPid: 0,
    principal: entry.principal,
    waiters: new Set(),
    journalEntry: entry,
  };
}
