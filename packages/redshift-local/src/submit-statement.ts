/**
 * Submitting a statement (ExecuteStatement, BatchExecuteStatement): a validated submission gets
 * its session or connection, passes the active-statement limit, is journaled, translated to the
 * engine's dialect and handed to the engine; the answer comes at once or after WaitTimeSeconds.
 */
import { randomUUID } from 'node:crypto';
import { isTruncateStatement } from './dialect/rewrite-truncate';
import type { Engine, EngineStatement } from './engine';
import { DataApiException } from './errors';
import { optionalString, type WireInput, type WireOutput, wireSeconds } from './read-wire-input';
import { LoadErrorRecorder } from './record-load-errors';
import type { Session, SessionRegistry } from './session-registry';
import type { SqlDialect } from './sql-dialect';
import { withStatementHistory } from './statement-history-views';
import type { StatementJournal } from './statement-journal';
import type { StatementLatency } from './statement-latency';
import type { StatementLifecycle } from './statement-lifecycle';
import type { StatementConnection, StatementRecord } from './statement-record';
import type { StatementStore } from './statement-store';
import { principalArn } from './status-change-event';
import { UnloadRunner } from './unload-runner';
import { parseUnloadStatement, type UnloadStatement } from './unload-statement';
import { type Submission, validateSubmission } from './validate-submission';
import { cancelledBeforeStart, waitForPickup } from './wait-for-pickup';
import { checkUnloadDestination } from './write-unload-files';

/** What submitting works with: the Data API's settings, its stores and its lifecycle. */
export interface SubmitContext {
  engine: Engine;
  dialect: SqlDialect;
  database: string;
  account: string;
  maxActiveStatements?: number | undefined;
  journal?: StatementJournal | undefined;
  now: () => number;
  statements: StatementStore;
  sessions: SessionRegistry;
  lifecycle: StatementLifecycle;
  /** Queue and compile delays (`latency` option); none by default. */
  latency?: StatementLatency | undefined;
  /** The bookkeeping of running statements, which `close` waits for. */
  pending: Set<Promise<unknown>>;
  /** The local S3 folder UNLOAD writes into; without it UNLOAD is refused by the dialect. */
  s3Root?: string | undefined;
}

/**
 * Submits `sqls` (one, or a batch) and answers as ExecuteStatement does; a ClientToken seen before
 * answers with the statement it submitted then, without running anything.
 *
 * @example
 * const answer = await submitStatement(context, input, 'AKIDEXAMPLE', ['select 1'], false);
 */
export async function submitStatement(
  context: SubmitContext,
  input: WireInput,
  accessKeyId: string,
  sqls: string[],
  isBatch: boolean,
): Promise<WireOutput> {
  const clientToken = optionalString(input, 'ClientToken');
  const existing = clientToken === undefined ? undefined : context.statements.byClientToken(clientToken);
  if (existing !== undefined) return submitOutput(existing);
  const submission = validateSubmission(input, sqls, isBatch);
  const resolved = context.sessions.resolve(input, submission.keepAlive);
  const { connection } = resolved;
  const maxActive = context.maxActiveStatements ?? 200;
  if (context.statements.activeCount() >= maxActive) {
    throw new DataApiException(
      'ActiveStatementsExceededException',
      `The maximum number of active statements (${maxActive}) has been reached.`,
    );
  }
  const keepAlive = submission.keepAlive;
  const session =
    resolved.session ??
    (keepAlive !== undefined && keepAlive > 0 ? context.sessions.open(keepAlive, connection) : undefined);
  const record = newStatementRecord(context, accessKeyId, submission, connection, session);
  if (clientToken !== undefined) record.clientToken = clientToken;
  await journalInflight(context.journal, record, submission, accessKeyId);
  context.statements.add(record);
  if (session !== undefined) context.sessions.statementSubmitted(session);
  const tracked = runStatement(context, record, submission, session).finally(() => {
    context.pending.delete(tracked);
    if (session !== undefined) context.sessions.statementEnded(session, record.id);
  });
  context.pending.add(tracked);
  const waitSeconds = submission.waitSeconds;
  if (waitSeconds !== undefined && waitSeconds > 0)
    await context.statements.waitFor(record, waitSeconds * 1000);
  return submitOutput(record);
}

/**
 * The answer of ExecuteStatement and BatchExecuteStatement (also to a repeated ClientToken).
 *
 * @example
 * const { Id, Status } = submitOutput(record);
 */
export function submitOutput(record: StatementRecord): WireOutput {
  return {
    Id: record.id,
    CreatedAt: wireSeconds(record.createdAt),
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

/** The statement as it starts: SUBMITTED, with one sub-statement per SQL. */
function newStatementRecord(
  context: SubmitContext,
  accessKeyId: string,
  submission: Submission,
  connection: StatementConnection,
  session: Session | undefined,
): StatementRecord {
  const { isBatch, statementName, parameters, executionMode } = submission;
  const now = context.now();
  const id = randomUUID();
  return {
    id,
    createdAt: now,
    updatedAt: now,
    status: 'SUBMITTED',
    isBatch,
    subs: submission.sqls.map((sql, index) => ({
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
    withEvent: submission.withEvent,
    resultFormat: submission.resultFormat,
    ...(session !== undefined ? { sessionId: session.id } : {}),
    ...connection,
    ...(parameters !== undefined ? { parameters } : {}),
    ...(executionMode !== undefined ? { executionMode } : {}),
    redshiftPid: 0,
    principal: principalArn(context.account, accessKeyId),
    waiters: new Set(),
  };
}

/** On disk before it runs: a process killed from here on leaves the statement to the next start. */
async function journalInflight(
  journal: StatementJournal | undefined,
  record: StatementRecord,
  submission: Submission,
  accessKeyId: string,
): Promise<void> {
  if (journal === undefined) return;
  const { id, statementName, executionMode, sessionId, createdAt } = record;
  const { database, clusterIdentifier, workgroupName, dbUser, secretArn } = record;
  try {
    await journal.write({
      version: 1,
      id,
      state: 'inflight',
      ...(statementName !== undefined ? { statementName } : {}),
      queryStrings: submission.sqls,
      isBatch: record.isBatch,
      parameterCount: submission.parameters?.length ?? 0,
      createdAt,
      withEvent: record.withEvent,
      resultFormat: record.resultFormat,
      ...(executionMode !== undefined ? { executionMode } : {}),
      ...(sessionId !== undefined ? { sessionId } : {}),
      principal: record.principal,
      accessKeyId,
      database,
      ...(clusterIdentifier !== undefined ? { clusterIdentifier } : {}),
      ...(workgroupName !== undefined ? { workgroupName } : {}),
      ...(dbUser !== undefined ? { dbUser } : {}),
      ...(secretArn !== undefined ? { secretArn } : {}),
    });
  } catch (error) {
    throw new DataApiException(
      'InternalServerException',
      `The statement was not run: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Translates the statement's SQL and runs it on the engine; a SQL the dialect refuses, or another
 * database than the engine's, fails the statement without running it.
 */
function runStatement(
  context: SubmitContext,
  record: StatementRecord,
  submission: Submission,
  session: Session | undefined,
): Promise<void> {
  const { lifecycle } = context;
  const translation = translate(context.dialect, submission, context.s3Root, () =>
    context.statements.records(),
  );
  if ('error' in translation || record.database !== context.database) {
    return Promise.resolve().then(() =>
      'error' in translation
        ? lifecycle.fail(record, translation.error, translation.index)
        : lifecycle.fail(record, `database "${record.database}" does not exist`, 0),
    );
  }
  // A SQL that rejected COPY rows ends once they are written to stl_load_errors (see record-load-errors.ts).
  const loadErrors = new LoadErrorRecorder(context.engine, context.statements, record, (index, outcome) =>
    lifecycle.statementDone(record, index, outcome),
  );
  // An UNLOAD's SELECT ran in its place: its files are written before it ends (see unload-runner.ts).
  const unloads = new UnloadRunner(context.s3Root ?? '', translation.unloads, loadErrors.onStatement);
  // Under the latency profile: SUBMITTED in the queue, then PICKED while compiling (see wait-for-pickup.ts).
  return waitForPickup(context.latency, record, context.now)
    .then((picked) =>
      !picked
        ? cancelledBeforeStart(translation.statements.length)
        : context.engine.run({
            executionId: record.id,
            ...(session !== undefined ? { sessionKey: session.id } : {}),
            statements: translation.statements,
            transaction: submission.isBatch && submission.executionMode === 'TRANSACTION',
            onStart: (pid) => lifecycle.started(record, pid),
            onStatement: unloads.onStatement,
          }),
    )
    .then((outcomes) => unloads.complete(outcomes))
    .then(
      (outcomes) => loadErrors.settled().then(() => lifecycle.ran(record, outcomes)),
      (error: unknown) => lifecycle.fail(record, error instanceof Error ? error.message : String(error)),
    );
}

/** The SQLs in the engine's dialect, or the refusal of the first one the dialect cannot take. */
function translate(
  dialect: SqlDialect,
  submission: Submission,
  s3Root: string | undefined,
  history: () => Iterable<StatementRecord>,
):
  | { statements: EngineStatement[]; unloads: Map<number, UnloadStatement> }
  | { error: string; index: number } {
  const statements: EngineStatement[] = [];
  const unloads = new Map<number, UnloadStatement>();
  for (const [index, statement] of submission.bound.entries()) {
    try {
      // A top-level UNLOAD runs its SELECT on the engine; its rows are written to the local S3 folder.
      const unload = s3Root === undefined ? undefined : parseUnloadStatement(statement.sql);
      if (unload !== undefined && s3Root !== undefined) {
        // Checked before anything runs, so a batch with an UNLOAD onto existing files runs nothing.
        checkUnloadDestination(s3Root, unload);
        unloads.set(index, unload);
      }
      const translated = dialect.translate(unload?.select ?? statement.sql);
      // sys_query_history and stv_recents read the Data API's statement history (statement-history-views.ts).
      const sql = /sys_query_history|stv_recents/i.test(translated)
        ? withStatementHistory(translated, history())
        : translated;
      // Redshift's TRUNCATE commits the transaction it runs in (the engine commits after it).
      const commits = isTruncateStatement(statement.sql);
      statements.push({ sql, values: statement.values, ...(commits ? { commits } : {}) });
    } catch (error) {
      // Which statement of a batch the dialect refused: that one FAILED, not the batch's first.
      return { error: error instanceof Error ? error.message : String(error), index };
    }
  }
  return { statements, unloads };
}
