/**
 * The Redshift Data API's semantics over an engine, composed from its parts: statements
 * (`StatementStore`, `submitStatement`, `StatementLifecycle`), results (`ResultStore`), sessions
 * (`SessionRegistry`), listing, catalog operations and crash recovery. Operations take and return
 * the wire shapes (timestamps in epoch seconds); errors are `DataApiException`s with the service's
 * exception names.
 */
import { CatalogOperations } from './catalog-operations';
import { describeStatement } from './describe-statement';
import type { EndedStatement } from './ended-statement';
import type { EndedStatementStore } from './ended-statement-store';
import type { Engine } from './engine';
import { DataApiException } from './errors';
import { listStatements } from './list-statements';
import { readPageToken } from './paged-list';
import {
  optionalNumber,
  optionalString,
  requiredString,
  type WireInput,
  type WireOutput,
} from './read-wire-input';
import { recoverStatements } from './recover-statements';
import { ResultStore } from './result-store';
import { SessionRegistry } from './session-registry';
import type { SqlDialect } from './sql-dialect';
import type { JournalEntry, StatementJournal } from './statement-journal';
import type { StatementLatency } from './statement-latency';
import { reportAside, StatementLifecycle } from './statement-lifecycle';
import { type StatementRecord, terminalStatuses } from './statement-record';
import { csvResultPage, jsonResultPage, statementResult } from './statement-result';
import { StatementStore } from './statement-store';
import type { StatementStatusChangeEnvelope } from './status-change-event';
import { type SubmitContext, submitStatement } from './submit-statement';
import { readBatchSqls } from './validate-submission';

/** Settings of the Data API layer. */
export interface LocalDataApiOptions {
  engine: Engine;
  dialect: SqlDialect;
  database: string;
  region: string;
  account: string;
  /** Active (not terminal) statements allowed at once. Defaults to 200 (the service's documented cap). */
  maxActiveStatements?: number | undefined;
  /** Open sessions allowed at once. Defaults to 500. */
  maxSessions?: number | undefined;
  /** How long statements and results are kept. Defaults to 24 h, as in the service. */
  resultRetentionMs?: number | undefined;
  /** Memory bound for kept results; oldest results are dropped beyond it. Defaults to 512 MiB. */
  maxStoredResultBytes?: number | undefined;
  /** Maximum rows per result page. Defaults to no row cap (pages are bounded by size). */
  resultPageRows?: number | undefined;
  /** Approximate size of a result page in bytes of JSON. Defaults to 1 MiB. */
  resultPageBytes?: number | undefined;
  /** Receives every status-change event of statements run with WithEvent. */
  onEvent?: (event: StatementStatusChangeEnvelope) => void;
  /** Queue and compile delays, so clients see SUBMITTED and PICKED. None by default. */
  latency?: StatementLatency | undefined;
  /** The local S3 folder UNLOAD writes into; without it UNLOAD is refused. */
  s3Root?: string | undefined;
  /** Clock, for tests. Defaults to Date.now. */
  now?: () => number;
  /**
   * Keeps statements that have not ended on disk, so that {@link LocalDataApi.recover} can end
   * them after a restart. None by default (statements live in memory only).
   */
  journal?: StatementJournal | undefined;
  /**
   * Keeps ended statements (descriptions and small results) on disk for the retention, so that
   * {@link LocalDataApi.recover} knows them after a restart, as the service does. None by default.
   */
  endedStatements?: EndedStatementStore | undefined;
}

/** Who is calling: the access key of the request's signature. */
export interface CallerContext {
  accessKeyId: string;
}

/**
 * The Data API over an engine. Each public method is one operation, named as on the wire.
 *
 * @example
 * const api = new LocalDataApi({ engine, dialect: passThroughDialect, database: 'dev', region: 'us-east-1', account: '123456789012' });
 * const { Id } = await api.ExecuteStatement({ Sql: 'select 1', WorkgroupName: 'local', Database: 'dev' }, { accessKeyId: 'test' });
 */
export class LocalDataApi {
  readonly #options: LocalDataApiOptions;
  readonly #statements = new StatementStore();
  readonly #results: ResultStore;
  readonly #sessions: SessionRegistry;
  readonly #lifecycle: StatementLifecycle;
  readonly #catalog: CatalogOperations;
  readonly #submitContext: SubmitContext;
  /** The bookkeeping of running statements, which {@link LocalDataApi.close} waits for. */
  readonly #pending = new Set<Promise<unknown>>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: LocalDataApiOptions) {
    this.#options = options;
    const { engine, journal, endedStatements } = options;
    const now = () => this.#now;
    this.#results = new ResultStore(options);
    this.#sessions = new SessionRegistry({
      maxSessions: options.maxSessions,
      now,
      endSession: (id) => engine.endSession(id),
    });
    this.#lifecycle = new StatementLifecycle({
      place: options,
      now,
      statements: this.#statements,
      sessions: this.#sessions,
      results: this.#results,
      journal,
      endedStatements,
      onEvent: options.onEvent,
    });
    this.#catalog = new CatalogOperations(engine, options.database);
    this.#submitContext = {
      engine,
      dialect: options.dialect,
      database: options.database,
      account: options.account,
      maxActiveStatements: options.maxActiveStatements,
      journal,
      now,
      statements: this.#statements,
      sessions: this.#sessions,
      lifecycle: this.#lifecycle,
      latency: options.latency,
      pending: this.#pending,
      s3Root: options.s3Root,
    };
    this.#sweeper = setInterval(() => this.#sweep(), 1000);
    this.#sweeper.unref();
  }

  get #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  get #retentionMs(): number {
    return this.#options.resultRetentionMs ?? 24 * 3600 * 1000;
  }

  /** Stops the sweeper and waits for running statements' bookkeeping (not for the engine). */
  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    await Promise.allSettled([...this.#pending]);
    await this.#options.journal?.flush();
    await this.#options.endedStatements?.flush();
  }

  /**
   * Takes in what a previous process left: the ended statements it kept (see
   * {@link EndedStatementStore}) and its journal entries (see {@link StatementJournal.open}). A
   * statement still `inflight` was cut off by the stop: it becomes FAILED with
   * `interruptedStatementError` (see `recoverStatements`). Returns the status-change events still
   * owed for WithEvent statements, oldest first; call {@link LocalDataApi.eventDelivered} once one
   * reached a subscriber.
   *
   * @example
   * const owed = await api.recover(await journal.open());
   */
  async recover(
    entries: readonly JournalEntry[],
    ended: readonly EndedStatement[] = [],
  ): Promise<StatementStatusChangeEnvelope[]> {
    return recoverStatements({
      entries,
      ended,
      now: this.#now,
      retentionMs: this.#retentionMs,
      statements: this.#statements,
      results: this.#results,
      journal: this.#options.journal,
      place: this.#options,
    });
  }

  /**
   * Records that the owed status-change event of a recovered statement reached a subscriber, so
   * no later restart sends it again.
   *
   * @example
   * for (const event of owed) { deliver(event); await api.eventDelivered(event.detail.statementId); }
   */
  async eventDelivered(statementId: string): Promise<void> {
    const record = this.#statements.get(statementId);
    const entry = record?.journalEntry;
    if (record === undefined || entry === undefined || entry.eventPending !== true) return;
    record.journalEntry = { ...entry, eventPending: false };
    await this.#options.journal?.write(record.journalEntry);
  }

  /** Every second: forgets statements and sessions past the retention, closes expired sessions. */
  #sweep(): void {
    const now = this.#now;
    this.#statements.sweep(now, this.#retentionMs, (record) => this.#forget(record));
    this.#sessions.sweep(now, this.#retentionMs);
  }

  #forget(record: StatementRecord): void {
    for (const sub of record.subs) this.#results.drop(sub);
    if (record.journalEntry !== undefined) this.#options.journal?.remove(record.id).catch(reportAside);
    this.#options.endedStatements?.forget(record.id).catch(reportAside);
  }

  async ExecuteStatement(input: WireInput, caller: CallerContext): Promise<WireOutput> {
    const sql = requiredString(input, 'Sql');
    return submitStatement(this.#submitContext, input, caller.accessKeyId, [sql], false);
  }

  async BatchExecuteStatement(input: WireInput, caller: CallerContext): Promise<WireOutput> {
    const sqls = readBatchSqls(input);
    return submitStatement(this.#submitContext, input, caller.accessKeyId, sqls, true);
  }

  async DescribeStatement(input: WireInput): Promise<WireOutput> {
    const id = requiredString(input, 'Id');
    const waitSeconds = optionalNumber(input, 'WaitTimeSeconds', 0, 30);
    const found = this.#statements.find(id);
    if (waitSeconds !== undefined && waitSeconds > 0)
      await this.#statements.waitFor(found.record, waitSeconds * 1000);
    return describeStatement(found);
  }

  async GetStatementResult(input: WireInput): Promise<WireOutput> {
    const { id, result, offset } = await this.#readableResult(input, 'JSON');
    return jsonResultPage(result, this.#results.page(id, result, offset));
  }

  async GetStatementResultV2(input: WireInput): Promise<WireOutput> {
    const { id, result, offset } = await this.#readableResult(input, 'CSV');
    return csvResultPage(result, this.#results.page(id, result, offset));
  }

  /** The result a GetStatementResult request reads, after its wait, and where its page starts. */
  async #readableResult(input: WireInput, format: 'JSON' | 'CSV') {
    const id = requiredString(input, 'Id');
    const nextToken = optionalString(input, 'NextToken');
    const waitSeconds = optionalNumber(input, 'WaitTimeSeconds', 0, 30);
    const found = this.#statements.find(id);
    if (waitSeconds !== undefined && waitSeconds > 0)
      await this.#statements.waitFor(found.record, waitSeconds * 1000);
    const result = statementResult(found, id, format);
    return { id, result, offset: readPageToken(nextToken, id) };
  }

  async CancelStatement(input: WireInput): Promise<WireOutput> {
    const id = requiredString(input, 'Id');
    const { record } = this.#statements.find(id);
    if (terminalStatuses.has(record.status)) {
      throw new DataApiException(
        'ValidationException',
        `Could not cancel a query that is already in ${record.status} state.`,
      );
    }
    // Still queued or compiling under the latency profile: the engine does not know it yet.
    const cancelled =
      (this.#options.latency?.cancelWaiting(record.id) ?? false) ||
      (await this.#options.engine.cancel(record.id));
    if (cancelled && !terminalStatuses.has(record.status)) await this.#statements.waitFor(record, 30_000);
    return { Status: cancelled };
  }

  async ListSessions(input: WireInput): Promise<WireOutput> {
    return this.#sessions.list(input);
  }

  async ListStatements(input: WireInput): Promise<WireOutput> {
    return listStatements(input, this.#statements.records());
  }

  async ListDatabases(input: WireInput): Promise<WireOutput> {
    return this.#catalog.listDatabases(input);
  }

  async ListSchemas(input: WireInput): Promise<WireOutput> {
    return this.#catalog.listSchemas(input);
  }

  async ListTables(input: WireInput): Promise<WireOutput> {
    return this.#catalog.listTables(input);
  }

  async DescribeTable(input: WireInput): Promise<WireOutput> {
    return this.#catalog.describeTable(input);
  }
}
