/**
 * The Redshift Data API's semantics over an engine: statement lifecycle, batches, parameters,
 * results and their paging, sessions, cancel, listing, catalog operations, limits and the
 * completion event. Operations take and return the wire shapes (timestamps in epoch seconds);
 * errors are `DataApiException`s with the service's exception names.
 */
import { randomUUID } from 'node:crypto';
import { bindParameters, type SqlParameter, validateParameters } from './bind-parameters';
import { type EndedStatement, toEndedStatement } from './ended-statement';
import type { EndedStatementStore } from './ended-statement-store';
import type { Engine, EngineField, EngineStatementOutcome } from './engine';
import { DataApiException } from './errors';
import { type ColumnMetadata, columnMetadata, csvValue, redshiftTypeName, toField } from './field-value';
import type { SqlDialect } from './sql-dialect';
import type { JournalEntry, StatementJournal } from './statement-journal';
import { principalArn, type StatementStatusChangeEnvelope, statusChangeEvent } from './status-change-event';

/** Data API statement status. */
export type StatementStatus = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';

/** Settings of the Data API layer. */
export interface LocalDataApiOptions {
  engine: Engine;
  dialect: SqlDialect;
  database: string;
  region: string;
  account: string;
  /** Active (not terminal) statements allowed at once. Defaults to 200 (the service's documented cap). */
  maxActiveStatements?: number;
  /** Open sessions allowed at once. Defaults to 500. */
  maxSessions?: number;
  /** How long statements and results are kept. Defaults to 24 h, as in the service. */
  resultRetentionMs?: number;
  /** Memory bound for kept results; oldest results are dropped beyond it. Defaults to 512 MiB. */
  maxStoredResultBytes?: number;
  /** Maximum rows per result page. Defaults to no row cap (pages are bounded by size). */
  resultPageRows?: number;
  /** Approximate size of a result page in bytes of JSON. Defaults to 1 MiB. */
  resultPageBytes?: number;
  /** Receives every status-change event of statements run with WithEvent. */
  onEvent?: (event: StatementStatusChangeEnvelope) => void;
  /** Clock, for tests. Defaults to Date.now. */
  now?: () => number;
  /**
   * Keeps statements that have not ended on disk, so that {@link LocalDataApi.recover} can end
   * them after a restart. None by default (statements live in memory only).
   */
  journal?: StatementJournal;
  /**
   * Keeps ended statements (descriptions and small results) on disk for the retention, so that
   * {@link LocalDataApi.recover} knows them after a restart, as the service does. None by default.
   */
  endedStatements?: EndedStatementStore;
}

/**
 * Error of a statement that a restart found unfinished: its engine (and so its transaction) went
 * away with the process. The statement ends FAILED, as a Redshift statement cut off by a reboot
 * does (ABORTED is what CancelStatement gives).
 */
export const interruptedStatementError =
  'ERROR: the local Redshift stopped while the statement ran; its transaction was rolled back';

/** Who is calling: the access key of the request's signature. */
export interface CallerContext {
  accessKeyId: string;
}

type WireInput = Record<string, unknown>;
type WireOutput = Record<string, unknown>;

interface StoredResult {
  fields: EngineField[];
  rows: (string | null)[][];
  bytes: number;
}

interface SubStatement {
  id: string;
  queryString: string;
  status: StatementStatus;
  error?: string;
  createdAt: number;
  updatedAt: number;
  durationNs: number;
  resultRows: number;
  resultSize: number;
  hasResultSet: boolean;
  redshiftQueryId: number;
  result?: StoredResult;
  resultDropped?: boolean;
}

interface StatementRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  status: StatementStatus;
  error?: string;
  isBatch: boolean;
  subs: SubStatement[];
  statementName?: string;
  withEvent: boolean;
  resultFormat: 'JSON' | 'CSV';
  sessionId?: string;
  database: string;
  clusterIdentifier?: string;
  workgroupName?: string;
  dbUser?: string;
  secretArn?: string;
  parameters?: SqlParameter[];
  executionMode?: 'TRANSACTION' | 'AUTO_COMMIT';
  redshiftPid: number;
  principal: string;
  clientToken?: string;
  waiters: Set<() => void>;
  /** Kept on disk across restarts: a statement a restart ended (see {@link LocalDataApi.recover}). */
  journalEntry?: JournalEntry;
}

interface Session {
  id: string;
  keepAliveSeconds: number;
  expiresAt: number;
  active: number;
  createdAt: number;
  updatedAt: number;
  closedAt?: number;
  currentStatementId?: string;
  database: string;
  clusterIdentifier?: string;
  workgroupName?: string;
  dbUser?: string;
  secretArn?: string;
}

const terminal = new Set<StatementStatus>(['FINISHED', 'FAILED', 'ABORTED']);
const statusFilters = new Set(['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'FAILED', 'ABORTED', 'ALL']);
const maxSqlBytes = 100 * 1024;
const maxBatchStatements = 40;
const maxWaiters = 100;
const rowCountCommands = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE', 'FETCH', 'MOVE']);

function optionalString(input: WireInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new DataApiException(
      'SerializationException',
      `${name} must be a string; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function requiredString(input: WireInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value.length === 0) {
    throw new DataApiException(
      'ValidationException',
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function optionalNumber(
  input: WireInput,
  name: string,
  minimum: number,
  maximum: number,
): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new DataApiException(
      'SerializationException',
      `${name} must be an integer; got ${JSON.stringify(value)}.`,
    );
  }
  if (value < minimum || value > maximum) {
    throw new DataApiException(
      'ValidationException',
      `1 validation error detected: Value ${value} at '${name}' failed to satisfy constraint: Member must be between ${minimum} and ${maximum}`,
    );
  }
  return value;
}

function optionalBoolean(input: WireInput, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw new DataApiException(
      'SerializationException',
      `${name} must be a boolean; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function parseParameters(input: WireInput): SqlParameter[] | undefined {
  const value = input.Parameters;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new DataApiException(
      'SerializationException',
      `Parameters must be a list; got ${JSON.stringify(value)}.`,
    );
  }
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new DataApiException(
        'SerializationException',
        `Each parameter must be an object; got ${JSON.stringify(item)}.`,
      );
    }
    const record = item as Record<string, unknown>;
    return { name: record.name as string, value: record.value as string };
  });
}

function seconds(milliseconds: number): number {
  return milliseconds / 1000;
}

function pageToken(id: string, offset: number): string {
  return Buffer.from(JSON.stringify({ id, offset })).toString('base64url');
}

function readPageToken(token: string | undefined, id: string): number {
  if (token === undefined || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      id?: unknown;
      offset?: unknown;
    };
    if (parsed.id === id && typeof parsed.offset === 'number' && parsed.offset >= 0) return parsed.offset;
  } catch (error) {
    throw new DataApiException(
      'ValidationException',
      `NextToken ${JSON.stringify(token)} is not valid.`,
      {},
      { cause: error },
    );
  }
  throw new DataApiException(
    'ValidationException',
    `NextToken ${JSON.stringify(token)} is not valid for ${id}.`,
  );
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
  readonly #statements = new Map<string, StatementRecord>();
  readonly #clientTokens = new Map<string, string>();
  readonly #sessions = new Map<string, Session>();
  readonly #pending = new Set<Promise<unknown>>();
  #storedBytes = 0;
  #queryId = 1000;
  #waiting = 0;
  #sweeper: NodeJS.Timeout;

  constructor(options: LocalDataApiOptions) {
    this.#options = options;
    this.#sweeper = setInterval(() => this.#sweep(), 1000);
    this.#sweeper.unref();
  }

  get #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Stops the sweeper and waits for running statements' bookkeeping (not for the engine). */
  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    await Promise.allSettled([...this.#pending]);
    await this.#options.journal?.flush();
    await this.#options.endedStatements?.flush();
  }

  /** Removes a statement's journal entry; a failure is reported on stderr (the statement has ended anyway). */
  #unjournal(id: string): void {
    this.#options.journal?.remove(id).catch((error: unknown) => {
      console.error(`redshift-local: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /**
   * Takes in the journal entries a previous process left (see {@link StatementJournal.open}).
   * A statement still `inflight` was cut off by the stop: it becomes FAILED with
   * {@link interruptedStatementError}, its original CreatedAt and UpdatedAt = now, and its entry is
   * kept (state `interrupted`) until the retention ends, so later restarts know it too. Entries
   * past the retention are removed. Returns the status-change events still owed for WithEvent
   * statements, oldest first; call {@link LocalDataApi.eventDelivered} once one reached a subscriber.
   *
   * @example
   * const owed = await api.recover(await journal.open());
   */
  async recover(
    entries: readonly JournalEntry[],
    ended: readonly EndedStatement[] = [],
  ): Promise<StatementStatusChangeEnvelope[]> {
    const now = this.#now;
    const retention = this.#options.resultRetentionMs ?? 24 * 3600 * 1000;
    const owed: { createdAt: number; event: StatementStatusChangeEnvelope }[] = [];
    for (const statement of ended) this.#restoreEnded(statement);
    for (const found of entries) {
      if (this.#statements.has(found.id)) {
        // Ended before the stop, its journal entry not yet removed: the ended statement is the truth.
        if (found.state === 'inflight') await this.#options.journal?.remove(found.id);
        continue;
      }
      if (now - found.createdAt > retention) {
        await this.#options.journal?.remove(found.id);
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
      if (entry !== found) await this.#options.journal?.write(entry);
      const endedAt = entry.updatedAt ?? now;
      const error = entry.error ?? interruptedStatementError;
      const record: StatementRecord = {
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
      this.#statements.set(record.id, record);
      if (entry.eventPending === true) {
        owed.push({
          createdAt: entry.createdAt,
          event: statusChangeEvent({
            account: this.#options.account,
            region: this.#options.region,
            resource: this.#resourceArn(record),
            principal: record.principal,
            statementName: record.statementName ?? '',
            statementId: record.id,
            redshiftQueryId: -1,
            state: 'FAILED',
            rows: 0,
            time: new Date(endedAt),
          }),
        });
      }
    }
    return owed.sort((a, b) => a.createdAt - b.createdAt).map((item) => item.event);
  }

  /** Takes in a statement that ended before a restart (see {@link EndedStatementStore}). */
  #restoreEnded(statement: EndedStatement): void {
    if (this.#statements.has(statement.id)) return;
    const { version: _version, subs, ...fields } = statement;
    const record: StatementRecord = { ...fields, subs: subs.map((sub) => ({ ...sub })), waiters: new Set() };
    for (const sub of record.subs) {
      if (sub.result !== undefined) this.#storedBytes += sub.result.bytes;
      this.#queryId = Math.max(this.#queryId, sub.redshiftQueryId);
    }
    this.#statements.set(record.id, record);
    if (record.clientToken !== undefined) this.#clientTokens.set(record.clientToken, record.id);
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
      console.error(`redshift-local: ${error instanceof Error ? error.message : String(error)}`);
    }
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

  #sweep(): void {
    const now = this.#now;
    const retention = this.#options.resultRetentionMs ?? 24 * 3600 * 1000;
    for (const [id, record] of this.#statements) {
      if (terminal.has(record.status) && now - record.createdAt > retention) {
        for (const sub of record.subs) this.#dropResult(sub);
        this.#statements.delete(id);
        if (record.clientToken !== undefined) this.#clientTokens.delete(record.clientToken);
        if (record.journalEntry !== undefined) this.#unjournal(id);
        this.#options.endedStatements?.forget(id).catch((error: unknown) => {
          console.error(`redshift-local: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
    }
    for (const [id, session] of this.#sessions) {
      if (session.closedAt !== undefined) {
        if (now - session.closedAt > retention) this.#sessions.delete(id);
      } else if (session.active === 0 && session.expiresAt <= now) {
        session.closedAt = now;
        session.updatedAt = now;
        void this.#options.engine.endSession(id).catch((error: unknown) => {
          console.error(`redshift-local: ending session ${id} failed: ${String(error)}`);
        });
      }
    }
  }

  #dropResult(sub: SubStatement): void {
    if (sub.result === undefined) return;
    this.#storedBytes -= sub.result.bytes;
    sub.result = undefined;
    sub.resultDropped = true;
  }

  #keepResult(sub: SubStatement, result: StoredResult): void {
    const limit = this.#options.maxStoredResultBytes ?? 512 * 1024 * 1024;
    sub.result = result;
    this.#storedBytes += result.bytes;
    if (this.#storedBytes <= limit) return;
    for (const record of this.#statements.values()) {
      for (const other of record.subs) {
        if (this.#storedBytes <= limit) return;
        if (other !== sub) this.#dropResult(other);
      }
    }
  }

  #resourceArn(record: { clusterIdentifier?: string; workgroupName?: string }): string {
    const { region, account } = this.#options;
    return record.workgroupName !== undefined
      ? `arn:aws:redshift-serverless:${region}:${account}:workgroup/${record.workgroupName}`
      : `arn:aws:redshift:${region}:${account}:cluster:${record.clusterIdentifier ?? 'local'}`;
  }

  #activeCount(): number {
    let count = 0;
    for (const record of this.#statements.values()) if (!terminal.has(record.status)) count++;
    return count;
  }

  async ExecuteStatement(input: WireInput, caller: CallerContext): Promise<WireOutput> {
    const sql = requiredString(input, 'Sql');
    return this.#submit(input, caller, [sql], false);
  }

  async BatchExecuteStatement(input: WireInput, caller: CallerContext): Promise<WireOutput> {
    const sqls = input.Sqls;
    if (!Array.isArray(sqls)) {
      throw new DataApiException(
        'ValidationException',
        `Sqls must be a list of 1 to ${maxBatchStatements} strings.`,
      );
    }
    if (sqls.length < 1 || sqls.length > maxBatchStatements) {
      throw new DataApiException(
        'ValidationException',
        `1 validation error detected: Value at 'sqls' failed to satisfy constraint: Member must have length between 1 and ${maxBatchStatements} (got ${sqls.length})`,
      );
    }
    for (const sql of sqls) {
      if (typeof sql !== 'string') {
        throw new DataApiException(
          'SerializationException',
          `Each of Sqls must be a string; got ${JSON.stringify(sql)}.`,
        );
      }
    }
    return this.#submit(input, caller, sqls as string[], true);
  }

  async #submit(
    input: WireInput,
    caller: CallerContext,
    sqls: string[],
    isBatch: boolean,
  ): Promise<WireOutput> {
    const clientToken = optionalString(input, 'ClientToken');
    if (clientToken !== undefined) {
      const existing = this.#statements.get(this.#clientTokens.get(clientToken) ?? '');
      if (existing !== undefined) return this.#submitOutput(existing);
    }
    for (const sql of sqls) {
      if (sql.trim().length === 0)
        throw new DataApiException('ValidationException', 'Sql must not be empty.');
      if (Buffer.byteLength(sql) > maxSqlBytes) {
        throw new DataApiException(
          'ValidationException',
          `Sql is ${Buffer.byteLength(sql)} bytes; the Data API accepts at most ${maxSqlBytes} bytes (100 KB).`,
        );
      }
    }
    const statementName = optionalString(input, 'StatementName');
    if (statementName !== undefined && statementName.length > 2048) {
      throw new DataApiException(
        'ValidationException',
        `StatementName is ${statementName.length} characters; at most 2048 are allowed.`,
      );
    }
    const resultFormat = optionalString(input, 'ResultFormat') ?? 'JSON';
    if (resultFormat !== 'JSON' && resultFormat !== 'CSV') {
      throw new DataApiException(
        'ValidationException',
        `ResultFormat ${JSON.stringify(resultFormat)} must be JSON or CSV.`,
      );
    }
    const executionMode = isBatch ? (optionalString(input, 'ExecutionMode') ?? 'TRANSACTION') : undefined;
    if (executionMode !== undefined && executionMode !== 'TRANSACTION' && executionMode !== 'AUTO_COMMIT') {
      throw new DataApiException(
        'ValidationException',
        `ExecutionMode ${JSON.stringify(executionMode)} must be TRANSACTION or AUTO_COMMIT.`,
      );
    }
    const keepAlive = optionalNumber(input, 'SessionKeepAliveSeconds', 0, 86400);
    const waitSeconds = optionalNumber(input, 'WaitTimeSeconds', 0, 30);
    const withEvent = optionalBoolean(input, 'WithEvent') ?? false;
    const parameters = parseParameters(input);
    const values = validateParameters(parameters);
    const bound = sqls.map((sql) => bindParameters(sql, values));
    for (const name of values.keys()) {
      if (!bound.some((statement) => statement.used.has(name))) {
        throw new DataApiException(
          'ValidationException',
          `Parameter ${name} is not used in the SQL; every parameter supplied must be used.`,
        );
      }
    }

    const sessionIdInput = optionalString(input, 'SessionId');
    let session: Session | undefined;
    let connection: Pick<
      StatementRecord,
      'database' | 'clusterIdentifier' | 'workgroupName' | 'dbUser' | 'secretArn'
    >;
    if (sessionIdInput !== undefined) {
      session = this.#sessions.get(sessionIdInput);
      if (session === undefined || this.#sessionStatus(session) === 'CLOSED') {
        throw new DataApiException(
          'ValidationException',
          `Session ${sessionIdInput} is not available: it does not exist or has expired.`,
        );
      }
      if (input.ClusterIdentifier !== undefined || input.WorkgroupName !== undefined) {
        throw new DataApiException(
          'ValidationException',
          'SessionId cannot be combined with ClusterIdentifier or WorkgroupName.',
        );
      }
      if (keepAlive !== undefined) session.keepAliveSeconds = keepAlive;
      const { database, clusterIdentifier, workgroupName, dbUser, secretArn } = session;
      connection = {
        database,
        ...(clusterIdentifier !== undefined ? { clusterIdentifier } : {}),
        ...(workgroupName !== undefined ? { workgroupName } : {}),
        ...(dbUser !== undefined ? { dbUser } : {}),
        ...(secretArn !== undefined ? { secretArn } : {}),
      };
    } else {
      const clusterIdentifier = optionalString(input, 'ClusterIdentifier');
      const workgroupName = optionalString(input, 'WorkgroupName');
      if ((clusterIdentifier === undefined) === (workgroupName === undefined)) {
        throw new DataApiException(
          'ValidationException',
          'Exactly one of ClusterIdentifier or WorkgroupName must be given (or a SessionId).',
        );
      }
      connection = {
        database: requiredString(input, 'Database'),
        ...(clusterIdentifier !== undefined ? { clusterIdentifier } : {}),
        ...(workgroupName !== undefined ? { workgroupName } : {}),
        ...(optionalString(input, 'DbUser') !== undefined ? { dbUser: optionalString(input, 'DbUser') } : {}),
        ...(optionalString(input, 'SecretArn') !== undefined
          ? { secretArn: optionalString(input, 'SecretArn') }
          : {}),
      };
    }
    if (this.#activeCount() >= (this.#options.maxActiveStatements ?? 200)) {
      throw new DataApiException(
        'ActiveStatementsExceededException',
        `The maximum number of active statements (${this.#options.maxActiveStatements ?? 200}) has been reached.`,
      );
    }
    if (session === undefined && keepAlive !== undefined && keepAlive > 0) {
      const open = [...this.#sessions.values()].filter(
        (item) => this.#sessionStatus(item) !== 'CLOSED',
      ).length;
      if (open >= (this.#options.maxSessions ?? 500)) {
        throw new DataApiException(
          'ActiveSessionsExceededException',
          `The maximum number of sessions (${this.#options.maxSessions ?? 500}) has been reached.`,
        );
      }
      session = {
        id: randomUUID(),
        keepAliveSeconds: keepAlive,
        expiresAt: Number.POSITIVE_INFINITY,
        active: 0,
        createdAt: this.#now,
        updatedAt: this.#now,
        ...connection,
      };
      this.#sessions.set(session.id, session);
    }

    const now = this.#now;
    const id = randomUUID();
    const record: StatementRecord = {
      id,
      createdAt: now,
      updatedAt: now,
      status: 'SUBMITTED',
      isBatch,
      subs: sqls.map((sql, index) => ({
        id: isBatch ? `${id}:${index + 1}` : id,
        queryString: sql,
        status: 'SUBMITTED',
        createdAt: now,
        updatedAt: now,
        durationNs: -1,
        resultRows: -1,
        resultSize: -1,
        hasResultSet: false,
        redshiftQueryId: 0,
      })),
      ...(statementName !== undefined ? { statementName } : {}),
      withEvent,
      resultFormat,
      ...(session !== undefined ? { sessionId: session.id } : {}),
      ...connection,
      ...(parameters !== undefined ? { parameters } : {}),
      ...(executionMode !== undefined ? { executionMode } : {}),
      redshiftPid: 0,
      principal: principalArn(this.#options.account, caller.accessKeyId),
      ...(clientToken !== undefined ? { clientToken } : {}),
      waiters: new Set(),
    };
    if (this.#options.journal !== undefined) {
      // On disk before it runs: a process killed from here on leaves the statement to the next start.
      try {
        await this.#options.journal.write({
          version: 1,
          id,
          state: 'inflight',
          ...(statementName !== undefined ? { statementName } : {}),
          queryStrings: sqls,
          isBatch,
          parameterCount: parameters?.length ?? 0,
          createdAt: now,
          withEvent,
          resultFormat,
          ...(executionMode !== undefined ? { executionMode } : {}),
          ...(session !== undefined ? { sessionId: session.id } : {}),
          principal: record.principal,
          accessKeyId: caller.accessKeyId,
          ...connection,
        });
      } catch (error) {
        throw new DataApiException(
          'InternalServerException',
          `The statement was not run: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    this.#statements.set(id, record);
    if (clientToken !== undefined) this.#clientTokens.set(clientToken, id);
    if (session !== undefined) session.active++;

    let translated: { sql: string; values: string[] }[] | undefined;
    let translateError: string | undefined;
    // Which statement of a batch the dialect refused: that one FAILED, not the batch's first.
    let translateIndex = 0;
    try {
      translated = bound.map((statement, index) => {
        translateIndex = index;
        return { sql: this.#options.dialect.translate(statement.sql), values: statement.values };
      });
    } catch (error) {
      translateError = error instanceof Error ? error.message : String(error);
    }
    const work =
      translated === undefined || connection.database !== this.#options.database
        ? Promise.resolve().then(() =>
            this.#fail(
              record,
              translateError ?? `database "${connection.database}" does not exist`,
              translated === undefined ? translateIndex : 0,
            ),
          )
        : this.#options.engine
            .run({
              executionId: id,
              ...(session !== undefined ? { sessionKey: session.id } : {}),
              statements: translated,
              transaction: isBatch && executionMode === 'TRANSACTION',
              onStart: (pid) => this.#started(record, pid),
              onStatement: (index, outcome) => this.#statementDone(record, index, outcome),
            })
            .then(
              (outcomes) => {
                outcomes.forEach((outcome, index) => {
                  if (record.subs[index]?.status !== outcome.status.toUpperCase())
                    this.#statementDone(record, index, outcome);
                });
                this.#finish(record);
              },
              (error: unknown) => this.#fail(record, error instanceof Error ? error.message : String(error)),
            );
    const tracked = work.finally(() => {
      this.#pending.delete(tracked);
      if (session !== undefined) {
        session.active--;
        session.updatedAt = this.#now;
        session.expiresAt = session.updatedAt + session.keepAliveSeconds * 1000;
        if (session.currentStatementId === id) delete session.currentStatementId;
      }
    });
    this.#pending.add(tracked);
    if (waitSeconds !== undefined && waitSeconds > 0) await this.#waitFor(record, waitSeconds * 1000);
    return this.#submitOutput(record);
  }

  #submitOutput(record: StatementRecord): WireOutput {
    return {
      Id: record.id,
      CreatedAt: seconds(record.createdAt),
      Database: record.database,
      ...(record.clusterIdentifier !== undefined ? { ClusterIdentifier: record.clusterIdentifier } : {}),
      ...(record.workgroupName !== undefined ? { WorkgroupName: record.workgroupName } : {}),
      ...(record.dbUser !== undefined ? { DbUser: record.dbUser, DbGroups: [] } : {}),
      ...(record.secretArn !== undefined ? { SecretArn: record.secretArn } : {}),
      ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
      Status: record.status,
      RedshiftPid: record.redshiftPid,
      HasResultSet: record.subs.some((sub) => sub.hasResultSet),
    };
  }

  #started(record: StatementRecord, pid: number): void {
    if (terminal.has(record.status)) return;
    const now = this.#now;
    const session = record.sessionId === undefined ? undefined : this.#sessions.get(record.sessionId);
    if (session !== undefined) {
      session.currentStatementId = record.id;
      session.updatedAt = now;
    }
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
      record.subs[0]!.status = 'STARTED';
      record.updatedAt = this.#now;
    });
  }

  #statementDone(record: StatementRecord, index: number, outcome: EngineStatementOutcome): void {
    const sub = record.subs[index];
    if (sub === undefined) return;
    sub.redshiftQueryId = ++this.#queryId;
    sub.updatedAt = outcome.endedAt;
    sub.durationNs = (outcome.endedAt - outcome.startedAt) * 1_000_000;
    if (outcome.status === 'finished') {
      sub.status = 'FINISHED';
      sub.hasResultSet = outcome.fields.length > 0;
      sub.resultRows =
        rowCountCommands.has(outcome.command.toUpperCase()) || sub.hasResultSet ? outcome.rowCount : -1;
      if (sub.hasResultSet) {
        let bytes = 0;
        for (const row of outcome.rows)
          for (const value of row) bytes += value === null ? 1 : value.length + 1;
        sub.resultSize = bytes;
        this.#keepResult(sub, { fields: outcome.fields, rows: outcome.rows, bytes });
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
    if (next !== undefined && outcome.status === 'finished' && !terminal.has(next.status))
      next.status = 'STARTED';
  }

  #fail(record: StatementRecord, message: string, failingIndex = 0): void {
    const now = this.#now;
    for (const sub of record.subs) {
      if (terminal.has(sub.status)) continue;
      sub.status = sub === record.subs[failingIndex] || !record.isBatch ? 'FAILED' : 'ABORTED';
      if (sub.status === 'FAILED') sub.error = `ERROR: ${message}`;
      sub.updatedAt = now;
      sub.durationNs = 0;
    }
    this.#finish(record);
  }

  #finish(record: StatementRecord): void {
    const failed = record.subs.find((sub) => sub.status === 'FAILED');
    const aborted = record.subs.some((sub) => sub.status === 'ABORTED');
    record.status = failed !== undefined ? 'FAILED' : aborted ? 'ABORTED' : 'FINISHED';
    if (failed?.error !== undefined) record.error = failed.error;
    record.updatedAt = Math.max(...record.subs.map((sub) => sub.updatedAt), record.createdAt);
    for (const waiter of record.waiters) waiter();
    record.waiters.clear();
    this.#keepEnded(record);
    this.#unjournal(record.id);
    if (record.withEvent) {
      const last = [...record.subs].reverse().find((sub) => sub.redshiftQueryId > 0) ?? record.subs[0]!;
      const state = record.status as 'FINISHED' | 'FAILED' | 'ABORTED';
      const event = statusChangeEvent({
        account: this.#options.account,
        region: this.#options.region,
        resource: this.#resourceArn(record),
        principal: record.principal,
        statementName: record.statementName ?? '',
        statementId: record.id,
        redshiftQueryId: last.redshiftQueryId > 0 ? last.redshiftQueryId : -1,
        state,
        rows: Math.max(0, this.#totalRows(record)),
        time: new Date(record.updatedAt),
      });
      try {
        this.#options.onEvent?.(event);
      } catch (error) {
        console.error(`redshift-local: a status-change listener threw: ${String(error)}`);
      }
    }
  }

  #totalRows(record: StatementRecord): number {
    if (!record.isBatch) return record.subs[0]!.resultRows;
    return record.subs.reduce((sum, sub) => sum + Math.max(0, sub.resultRows), 0);
  }

  async #waitFor(record: StatementRecord, milliseconds: number): Promise<void> {
    if (terminal.has(record.status)) return;
    if (this.#waiting >= maxWaiters) {
      throw new DataApiException(
        'ActiveWaitingRequestsExceededException',
        `More than ${maxWaiters} requests are waiting already.`,
      );
    }
    this.#waiting++;
    try {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          record.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, milliseconds);
        record.waiters.add(done);
      });
    } finally {
      this.#waiting--;
    }
  }

  #find(id: string): { record: StatementRecord; sub?: SubStatement } {
    const [parentId, subIndex] = id.split(':');
    const record = this.#statements.get(parentId ?? '');
    if (record === undefined || (subIndex !== undefined && !record.isBatch)) {
      throw new DataApiException('ResourceNotFoundException', `Query ${id} does not exist.`, {
        ResourceId: id,
      });
    }
    if (subIndex === undefined) return { record };
    const sub = record.subs[Number(subIndex) - 1];
    if (sub === undefined) {
      throw new DataApiException('ResourceNotFoundException', `Query ${id} does not exist.`, {
        ResourceId: id,
      });
    }
    return { record, sub };
  }

  #connectionFields(record: StatementRecord): WireOutput {
    return {
      Database: record.database,
      ...(record.clusterIdentifier !== undefined ? { ClusterIdentifier: record.clusterIdentifier } : {}),
      ...(record.workgroupName !== undefined ? { WorkgroupName: record.workgroupName } : {}),
      ...(record.dbUser !== undefined ? { DbUser: record.dbUser } : {}),
      ...(record.secretArn !== undefined ? { SecretArn: record.secretArn } : {}),
    };
  }

  #describeSub(sub: SubStatement): WireOutput {
    return {
      Id: sub.id,
      Status: sub.status,
      ...(sub.error !== undefined ? { Error: sub.error } : {}),
      Duration: terminal.has(sub.status) ? sub.durationNs : -1,
      CreatedAt: seconds(sub.createdAt),
      UpdatedAt: seconds(sub.updatedAt),
      QueryString: sub.queryString,
      ResultRows: sub.resultRows,
      ResultSize: sub.resultSize,
      RedshiftQueryId: sub.redshiftQueryId,
      HasResultSet: sub.hasResultSet,
    };
  }

  async DescribeStatement(input: WireInput): Promise<WireOutput> {
    const id = requiredString(input, 'Id');
    const waitSeconds = optionalNumber(input, 'WaitTimeSeconds', 0, 30);
    const found = this.#find(id);
    if (waitSeconds !== undefined && waitSeconds > 0) await this.#waitFor(found.record, waitSeconds * 1000);
    const { record, sub } = found;
    const common: WireOutput = {
      ...this.#connectionFields(record),
      RedshiftPid: record.redshiftPid,
      ResultFormat: record.resultFormat,
      ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
      ...(record.parameters !== undefined ? { QueryParameters: record.parameters } : {}),
    };
    if (sub !== undefined) return { ...common, ...this.#describeSub(sub) };
    if (!record.isBatch) return { ...common, ...this.#describeSub(record.subs[0]!) };
    const done = terminal.has(record.status);
    const firstStart = Math.min(...record.subs.map((item) => item.createdAt));
    return {
      ...common,
      Id: record.id,
      Status: record.status,
      ...(record.error !== undefined ? { Error: record.error } : {}),
      Duration: done ? record.subs.reduce((sum, item) => sum + Math.max(0, item.durationNs), 0) : -1,
      CreatedAt: seconds(firstStart),
      UpdatedAt: seconds(record.updatedAt),
      QueryString: record.subs.map((item) => item.queryString).join('; '),
      ResultRows: done ? this.#totalRows(record) : -1,
      ResultSize: done ? record.subs.reduce((sum, item) => sum + Math.max(0, item.resultSize), 0) : -1,
      RedshiftQueryId: done ? record.subs[record.subs.length - 1]!.redshiftQueryId : 0,
      HasResultSet: record.subs.some((item) => item.hasResultSet),
      ExecutionMode: record.executionMode,
      SubStatements: record.subs.map((item) => this.#describeSub(item)),
    };
  }

  async #resultOf(
    input: WireInput,
    format: 'JSON' | 'CSV',
  ): Promise<{ id: string; result: StoredResult; offset: number }> {
    const id = requiredString(input, 'Id');
    const nextToken = optionalString(input, 'NextToken');
    const waitSeconds = optionalNumber(input, 'WaitTimeSeconds', 0, 30);
    const found = this.#find(id);
    if (waitSeconds !== undefined && waitSeconds > 0) await this.#waitFor(found.record, waitSeconds * 1000);
    const { record } = found;
    if (found.sub === undefined && record.isBatch) {
      throw new DataApiException(
        'ValidationException',
        `${id} is a batch; ask for the result of a sub-statement such as ${id}:1.`,
      );
    }
    const sub = found.sub ?? record.subs[0]!;
    if (sub.status !== 'FINISHED') {
      if (!terminal.has(sub.status)) {
        throw new DataApiException(
          'ValidationException',
          `Query ${id} has not finished yet (status ${sub.status}).`,
        );
      }
      throw new DataApiException(
        'ResourceNotFoundException',
        `Query ${id} does not have result: its status is ${sub.status}.`,
        { ResourceId: id },
      );
    }
    if (record.resultFormat !== format) {
      throw new DataApiException(
        'ValidationException',
        `Query ${id} was run with ResultFormat ${record.resultFormat}; use ${record.resultFormat === 'CSV' ? 'GetStatementResultV2' : 'GetStatementResult'}.`,
      );
    }
    if (!sub.hasResultSet) {
      throw new DataApiException(
        'ResourceNotFoundException',
        `Query does not have result. Please check query status with DescribeStatement.`,
        { ResourceId: id },
      );
    }
    if (sub.result === undefined) {
      throw new DataApiException('ResourceNotFoundException', `The result of query ${id} has expired.`, {
        ResourceId: id,
      });
    }
    return { id, result: sub.result, offset: readPageToken(nextToken, id) };
  }

  #page(id: string, result: StoredResult, offset: number): { rows: (string | null)[][]; nextToken?: string } {
    const maxRows = this.#options.resultPageRows ?? Number.POSITIVE_INFINITY;
    const maxBytes = this.#options.resultPageBytes ?? 1024 * 1024;
    let end = offset;
    let bytes = 0;
    // At least one row per page; then rows until the row cap or the estimated JSON size is reached.
    while (end < result.rows.length && end - offset < maxRows && (end === offset || bytes < maxBytes)) {
      for (const value of result.rows[end]!) bytes += (value?.length ?? 0) + 20;
      end++;
    }
    const rows = result.rows.slice(offset, end);
    return end < result.rows.length ? { rows, nextToken: pageToken(id, end) } : { rows };
  }

  async GetStatementResult(input: WireInput): Promise<WireOutput> {
    const { id, result, offset } = await this.#resultOf(input, 'JSON');
    const page = this.#page(id, result, offset);
    const types = result.fields.map((field) => field.typeOid);
    return {
      Records: page.rows.map((row) => row.map((value, column) => toField(value, types[column] ?? 25))),
      ColumnMetadata: result.fields.map((field) => columnMetadata(field)),
      TotalNumRows: result.rows.length,
      ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    };
  }

  async GetStatementResultV2(input: WireInput): Promise<WireOutput> {
    const { id, result, offset } = await this.#resultOf(input, 'CSV');
    const page = this.#page(id, result, offset);
    const types = result.fields.map((field) => field.typeOid);
    const lines = page.rows.map((row) =>
      row.map((value, column) => csvValue(value, types[column] ?? 25)).join(','),
    );
    return {
      Records: [{ CSVRecords: lines.length > 0 ? `${lines.join('\n')}\n` : '' }],
      ColumnMetadata: result.fields.map((field) => columnMetadata(field)),
      TotalNumRows: result.rows.length,
      ResultFormat: 'CSV',
      ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    };
  }

  async CancelStatement(input: WireInput): Promise<WireOutput> {
    const id = requiredString(input, 'Id');
    const { record } = this.#find(id);
    if (terminal.has(record.status)) {
      throw new DataApiException(
        'ValidationException',
        `Could not cancel a query that is already in ${record.status} state.`,
      );
    }
    const cancelled = await this.#options.engine.cancel(record.id);
    if (cancelled && !terminal.has(record.status)) await this.#waitFor(record, 30_000);
    return { Status: cancelled };
  }

  #sessionStatus(session: Session): 'AVAILABLE' | 'BUSY' | 'CLOSED' {
    if (session.closedAt !== undefined) return 'CLOSED';
    if (session.active > 0) return 'BUSY';
    return session.expiresAt <= this.#now ? 'CLOSED' : 'AVAILABLE';
  }

  async ListSessions(input: WireInput): Promise<WireOutput> {
    const sessionId = optionalString(input, 'SessionId');
    const status = optionalString(input, 'Status');
    if (status !== undefined && !['AVAILABLE', 'BUSY', 'CLOSED'].includes(status)) {
      throw new DataApiException(
        'ValidationException',
        `Status ${JSON.stringify(status)} must be AVAILABLE, BUSY or CLOSED.`,
      );
    }
    const database = optionalString(input, 'Database');
    const clusterIdentifier = optionalString(input, 'ClusterIdentifier');
    const workgroupName = optionalString(input, 'WorkgroupName');
    const sessions = [...this.#sessions.values()]
      .filter((session) => sessionId === undefined || session.id === sessionId)
      .filter((session) => status === undefined || this.#sessionStatus(session) === status)
      .filter((session) => database === undefined || session.database === database)
      .filter((session) => clusterIdentifier === undefined || session.clusterIdentifier === clusterIdentifier)
      .filter((session) => workgroupName === undefined || session.workgroupName === workgroupName)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((session) => {
        const state = this.#sessionStatus(session);
        return {
          SessionId: session.id,
          Status: state,
          CreatedAt: seconds(session.createdAt),
          UpdatedAt: seconds(session.updatedAt),
          Database: session.database,
          ...(session.dbUser !== undefined ? { DbUser: session.dbUser } : {}),
          ...(session.clusterIdentifier !== undefined
            ? { ClusterIdentifier: session.clusterIdentifier }
            : {}),
          ...(session.workgroupName !== undefined ? { WorkgroupName: session.workgroupName } : {}),
          SessionAliveSeconds: session.keepAliveSeconds,
          ...(Number.isFinite(session.expiresAt) ? { SessionTtl: seconds(session.expiresAt) } : {}),
          ...(state === 'BUSY' && session.currentStatementId !== undefined
            ? { CurrentStatementId: session.currentStatementId }
            : {}),
        };
      });
    const { page, nextToken } = this.#pagedList(sessions, input, 'ListSessions', 100);
    return { Sessions: page, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
  }

  async ListStatements(input: WireInput): Promise<WireOutput> {
    const prefix = optionalString(input, 'StatementName');
    const status = optionalString(input, 'Status') ?? 'FINISHED';
    if (!statusFilters.has(status)) {
      throw new DataApiException(
        'ValidationException',
        `Status ${JSON.stringify(status)} must be one of ${[...statusFilters].join(', ')}.`,
      );
    }
    const maxResults = optionalNumber(input, 'MaxResults', 0, 100) || 100;
    const offset = readPageToken(optionalString(input, 'NextToken'), 'ListStatements');
    const matching = [...this.#statements.values()]
      .filter((record) => status === 'ALL' || record.status === status)
      .filter((record) => prefix === undefined || (record.statementName ?? '').startsWith(prefix))
      .sort((a, b) => b.createdAt - a.createdAt);
    const page = matching.slice(offset, offset + maxResults);
    return {
      Statements: page.map((record) => ({
        Id: record.id,
        ...(record.isBatch
          ? { QueryStrings: record.subs.map((sub) => sub.queryString) }
          : { QueryString: record.subs[0]!.queryString }),
        Status: record.status,
        ...(record.statementName !== undefined ? { StatementName: record.statementName } : {}),
        CreatedAt: seconds(record.createdAt),
        UpdatedAt: seconds(record.updatedAt),
        ...(record.parameters !== undefined ? { QueryParameters: record.parameters } : {}),
        IsBatchStatement: record.isBatch,
        ResultFormat: record.resultFormat,
        ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
        ...(record.secretArn !== undefined ? { SecretArn: record.secretArn } : {}),
      })),
      ...(offset + maxResults < matching.length
        ? { NextToken: pageToken('ListStatements', offset + maxResults) }
        : {}),
    };
  }

  #connectionCheck(input: WireInput): string {
    const database = requiredString(input, 'Database');
    const connected = optionalString(input, 'ConnectedDatabase');
    for (const name of [database, connected]) {
      if (name !== undefined && name !== this.#options.database) {
        throw new DataApiException(
          'ValidationException',
          `Database ${JSON.stringify(name)} does not exist; the local engine has ${JSON.stringify(this.#options.database)}.`,
        );
      }
    }
    return database;
  }

  async #catalog(sql: string, values: string[]): Promise<(string | null)[][]> {
    const [outcome] = await this.#options.engine.run({
      executionId: `catalog-${randomUUID()}`,
      statements: [{ sql, values }],
      transaction: false,
    });
    if (outcome?.status !== 'finished') {
      throw new DataApiException(
        'DatabaseConnectionException',
        `Catalog query failed: ${outcome?.status === 'failed' ? outcome.message : 'aborted'}`,
      );
    }
    return outcome.rows;
  }

  #pagedList<T>(
    items: T[],
    input: WireInput,
    key: string,
    maximum: number,
  ): { page: T[]; nextToken?: string } {
    const maxResults = optionalNumber(input, 'MaxResults', 0, maximum) || maximum;
    const offset = readPageToken(optionalString(input, 'NextToken'), key);
    const page = items.slice(offset, offset + maxResults);
    return offset + maxResults < items.length
      ? { page, nextToken: pageToken(key, offset + maxResults) }
      : { page };
  }

  async ListDatabases(input: WireInput): Promise<WireOutput> {
    this.#connectionCheck(input);
    const { page, nextToken } = this.#pagedList([this.#options.database], input, 'ListDatabases', 1000);
    return { Databases: page, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
  }

  async ListSchemas(input: WireInput): Promise<WireOutput> {
    this.#connectionCheck(input);
    const pattern = optionalString(input, 'SchemaPattern') ?? '%';
    const rows = await this.#catalog(
      `select nspname from pg_namespace where nspname like $1 and nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp\\_%' order by 1`,
      [pattern],
    );
    const { page, nextToken } = this.#pagedList(
      rows.map((row) => row[0] ?? ''),
      input,
      'ListSchemas',
      1000,
    );
    return { Schemas: page, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
  }

  async ListTables(input: WireInput): Promise<WireOutput> {
    this.#connectionCheck(input);
    const rows = await this.#catalog(
      `select c.relname, case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' else 'TABLE' end, n.nspname
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'f') and n.nspname like $1 and c.relname like $2
          and n.nspname not like 'pg\\_toast%'
        order by 3, 1`,
      [optionalString(input, 'SchemaPattern') ?? '%', optionalString(input, 'TablePattern') ?? '%'],
    );
    const tables = rows.map(([name, type, schema]) => ({ name, type, schema }));
    const { page, nextToken } = this.#pagedList(tables, input, 'ListTables', 1000);
    return { Tables: page, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
  }

  async DescribeTable(input: WireInput): Promise<WireOutput> {
    this.#connectionCheck(input);
    const schema = optionalString(input, 'Schema') ?? 'public';
    const table = optionalString(input, 'Table');
    if (table === undefined) return { ColumnList: [] };
    const rows = await this.#catalog(
      `select a.attname, a.atttypid::int, a.atttypmod, (not a.attnotnull)::int, pg_get_expr(d.adbin, d.adrelid)
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
      [schema, table],
    );
    const columns: ColumnMetadata[] = rows.map(([name, typeOid, typeModifier, nullable, columnDefault]) => {
      const oid = Number(typeOid);
      const modifier = Number(typeModifier);
      const metadata = columnMetadata({ name: name ?? '', typeOid: oid }, table, schema);
      metadata.typeName = redshiftTypeName(oid);
      metadata.nullable = Number(nullable);
      if ((oid === 1043 || oid === 1042) && modifier > 4) metadata.length = modifier - 4;
      if (oid === 1700 && modifier > 4) {
        metadata.precision = ((modifier - 4) >> 16) & 0xffff;
        metadata.scale = (modifier - 4) & 0xffff;
      }
      if (columnDefault !== null && columnDefault !== undefined) metadata.columnDefault = columnDefault;
      return metadata;
    });
    const { page, nextToken } = this.#pagedList(columns, input, `DescribeTable:${schema}.${table}`, 1000);
    return {
      TableName: table,
      ColumnList: page,
      ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
    };
  }
}
