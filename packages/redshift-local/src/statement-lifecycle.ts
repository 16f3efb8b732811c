/**
 * `StatementLifecycle`: how a statement moves as its engine reports — PICKED and STARTED, each
 * SQL's outcome and result, FAILED or ABORTED — and what happens once it has ended: waiters
 * woken, the ended statement kept on disk, its journal entry removed, its event sent.
 */

import { toEndedStatement } from './ended-statement';
import type { EndedStatementStore } from './ended-statement-store';
import type { EngineStatementOutcome } from './engine';
import type { ResultStore } from './result-store';
import type { SessionRegistry } from './session-registry';
import { type EventPlace, statementEvent } from './statement-event';
import type { StatementJournal } from './statement-journal';
import { type StatementRecord, terminalStatuses, totalRows } from './statement-record';
import type { StatementStore } from './statement-store';
import type { StatementStatusChangeEnvelope } from './status-change-event';

/** Commands whose row count Redshift reports as ResultRows. */
const rowCountCommands = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'COPY',
  'MERGE',
  'FETCH',
  'MOVE',
  'UNLOAD',
]);

/** What the lifecycle works on. */
export interface StatementLifecycleOptions {
  place: EventPlace;
  now: () => number;
  statements: StatementStore;
  sessions: SessionRegistry;
  results: ResultStore;
  journal?: StatementJournal | undefined;
  endedStatements?: EndedStatementStore | undefined;
  onEvent?: ((event: StatementStatusChangeEnvelope) => void) | undefined;
}

/** Reports an error that does not change a statement's end (it has ended either way) on stderr. */
export function reportAside(error: unknown): void {
  console.error(`redshift-local: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * The transitions of the statements of one Data API.
 *
 * @example
 * engine.run({ …, onStart: (pid) => lifecycle.started(record, pid), onStatement: (index, outcome) => lifecycle.statementDone(record, index, outcome) })
 *   .then((outcomes) => lifecycle.ran(record, outcomes), (error) => lifecycle.fail(record, String(error)));
 */
export class StatementLifecycle {
  readonly #options: StatementLifecycleOptions;

  constructor(options: StatementLifecycleOptions) {
    this.#options = options;
  }

  /** The engine picked the statement up on connection `pid`: PICKED, then STARTED a tick later. */
  started(record: StatementRecord, pid: number): void {
    if (terminalStatuses.has(record.status)) return;
    const now = this.#options.now();
    this.#options.sessions.statementStarted(record.sessionId, record.id, now);
    record.redshiftPid = pid;
    record.status = 'PICKED';
    record.updatedAt = now;
    for (const sub of record.subs) {
      sub.status = 'PICKED';
      sub.updatedAt = now;
    }
    setImmediate(() => {
      if (record.status !== 'PICKED') return;
      record.status = 'STARTED';
      // The first SQL may have ended already while the statement waits for its end (its rejected
      // COPY rows being written): a FINISHED SQL must not go back to STARTED, or GetStatementResult
      // refuses a statement DescribeStatement calls FINISHED.
      if (record.subs[0]!.status === 'PICKED') record.subs[0]!.status = 'STARTED';
      record.updatedAt = this.#options.now();
    });
  }

  /** SQL `index` of the statement ended with `outcome`; its result is kept; the next SQL starts. */
  statementDone(record: StatementRecord, index: number, outcome: EngineStatementOutcome): void {
    const sub = record.subs[index];
    if (sub === undefined) return;
    // Given before the end to a SQL whose rejected COPY rows are recorded under it (record-load-errors.ts).
    if (sub.redshiftQueryId === 0) sub.redshiftQueryId = this.#options.statements.nextQueryId();
    sub.updatedAt = outcome.endedAt;
    sub.durationNs = (outcome.endedAt - outcome.startedAt) * 1_000_000;
    if (outcome.status === 'finished') {
      sub.status = 'FINISHED';
      sub.hasResultSet = outcome.fields.length > 0;
      sub.resultRows =
        // A CTAS or SELECT INTO ends with PostgreSQL's tag "SELECT n" and no result set: DDL, no row count.
        sub.hasResultSet ||
        (rowCountCommands.has(outcome.command.toUpperCase()) && outcome.command.toUpperCase() !== 'SELECT')
          ? outcome.rowCount
          : -1;
      if (sub.hasResultSet) {
        let bytes = 0;
        for (const row of outcome.rows)
          for (const value of row) bytes += value === null ? 1 : value.length + 1;
        sub.resultSize = bytes;
        const result = { fields: outcome.fields, rows: outcome.rows, bytes };
        this.#options.results.keep(sub, result, this.#options.statements.records());
      } else sub.resultSize = 0;
    } else if (outcome.status === 'failed') {
      sub.status = 'FAILED';
      sub.error = `ERROR: ${outcome.message}`;
      sub.resultRows = -1;
      sub.resultSize = -1;
    } else {
      sub.status = 'ABORTED';
      sub.resultRows = -1;
      sub.resultSize = -1;
    }
    const next = record.subs[index + 1];
    if (next !== undefined && outcome.status === 'finished' && !terminalStatuses.has(next.status))
      next.status = 'STARTED';
  }

  /** The engine's run returned: outcomes it did not report one by one are taken in, then it ends. */
  ran(record: StatementRecord, outcomes: readonly EngineStatementOutcome[]): void {
    outcomes.forEach((outcome, index) => {
      if (record.subs[index]?.status !== outcome.status.toUpperCase())
        this.statementDone(record, index, outcome);
    });
    this.finish(record);
  }

  /** The statement failed as a whole: SQL `failingIndex` FAILED, the rest of a batch ABORTED. */
  fail(record: StatementRecord, message: string, failingIndex = 0): void {
    const now = this.#options.now();
    for (const sub of record.subs) {
      if (terminalStatuses.has(sub.status)) continue;
      sub.status = sub === record.subs[failingIndex] || !record.isBatch ? 'FAILED' : 'ABORTED';
      if (sub.status === 'FAILED') sub.error = `ERROR: ${message}`;
      sub.updatedAt = now;
      sub.durationNs = 0;
    }
    this.finish(record);
  }

  /** Ends the statement from its SQLs' statuses; wakes waiters, keeps it, sends its event. */
  finish(record: StatementRecord): void {
    const failed = record.subs.find((sub) => sub.status === 'FAILED');
    const aborted = record.subs.some((sub) => sub.status === 'ABORTED');
    record.status = failed !== undefined ? 'FAILED' : aborted ? 'ABORTED' : 'FINISHED';
    if (failed?.error !== undefined) record.error = failed.error;
    record.updatedAt = Math.max(...record.subs.map((sub) => sub.updatedAt), record.createdAt);
    for (const waiter of record.waiters) waiter();
    record.waiters.clear();
    this.#keepEnded(record);
    this.#options.journal?.remove(record.id).catch(reportAside);
    if (record.withEvent) this.#sendEvent(record);
  }

  /**
   * Keeps an ended statement on disk before its status-change event goes out and before its journal
   * entry is removed, so a stop at any moment leaves it known to the next start. Synchronous, so
   * the status, the event and the session change at the same moment as before. A failure to keep
   * it is reported on stderr: the statement has ended either way.
   */
  #keepEnded(record: StatementRecord): void {
    const store = this.#options.endedStatements;
    if (store === undefined || record.journalEntry !== undefined) return;
    try {
      store.keep(toEndedStatement(record), { durable: record.withEvent });
    } catch (error) {
      reportAside(error);
    }
  }

  #sendEvent(record: StatementRecord): void {
    const last = [...record.subs].reverse().find((sub) => sub.redshiftQueryId > 0) ?? record.subs[0]!;
    const event = statementEvent(this.#options.place, record, {
      redshiftQueryId: last.redshiftQueryId > 0 ? last.redshiftQueryId : -1,
      state: record.status as 'FINISHED' | 'FAILED' | 'ABORTED',
      rows: Math.max(0, totalRows(record)),
      time: new Date(record.updatedAt),
    });
    try {
      this.#options.onEvent?.(event);
    } catch (error) {
      console.error(`redshift-local: a status-change listener threw: ${String(error)}`);
    }
  }
}
