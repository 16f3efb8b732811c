/**
 * Worker-thread entry of the PGlite engine: owns one PGlite instance on an on-disk data dir so a
 * running statement never blocks the host's event loop, and so the host can cancel it by
 * terminating this worker. Erasable TypeScript whose relative imports name `.ts` files that are
 * self-contained too, so it runs from `src/` on Node 24 as well as from both builds.
 */
import { mkdirSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { PGlite, Results } from '@electric-sql/pglite';
import { describeResultColumns } from './describe-pglite-columns.ts';
import { enablePgliteGzip, type PgliteGzip } from './dialect/enable-pglite-gzip.ts';
import { EngineError } from './errors.ts';
import { loadErrorOfNotice } from './load-error-notice.ts';
import { openPgliteDatabase } from './open-pglite-database.ts';
import type { PgliteOpenMessage } from './pglite-open-message.ts';
import { captureBaseline, PgliteSessionState } from './pglite-session-state.ts';

interface RunMessage {
  type: 'run';
  executionId: string;
  /** The kept-alive session the request belongs to; none: a session of its own, ended after it. */
  sessionKey?: string;
  /** The RedshiftPid the host reports for the session, readable as `shiftflow.session_pid`. */
  sessionPid: number;
  /** `commits`: a TRUNCATE, which commits the transaction it runs in (as on Redshift). */
  statements: { sql: string; values: string[]; commits?: boolean }[];
  transaction: boolean;
  /** Instead of statements: end the session, or roll back its open transaction. */
  control?: 'end-session' | 'rollback-session';
}
type Outcome =
  | {
      status: 'finished';
      fields: { name: string; typeOid: number }[];
      rows: (string | null)[][];
      rowCount: number;
      command: string;
      startedAt: number;
      endedAt: number;
      loadErrors?: string[];
    }
  | {
      status: 'failed';
      message: string;
      sqlState?: string;
      startedAt: number;
      endedAt: number;
      loadErrors?: string[];
    }
  | { status: 'aborted'; message: string; startedAt: number; endedAt: number };

const port = parentPort;
if (port === null) throw new Error('pglite-worker must run in a worker thread');

let database: PGlite | undefined;
let sessions: PgliteSessionState | undefined;
/** The RedshiftPid whose `shiftflow.session_pid` is set on the connection. */
let sessionPid = 0;
const rawParsers: Record<number, (value: string) => string> = {};
const queryOptions = { rowMode: 'array' as const, parsers: rawParsers };

function describeError(error: unknown): { message: string; sqlState?: string } {
  if (error instanceof Error) {
    const sqlState = (error as Error & { code?: unknown }).code;
    return typeof sqlState === 'string' ? { message: error.message, sqlState } : { message: error.message };
  }
  return { message: String(error) };
}

let gzip: PgliteGzip | undefined;

async function open(message: PgliteOpenMessage): Promise<number> {
  mkdirSync(message.dataDir, { recursive: true });
  // Connected to the database the Data API serves, so current_database() and three-part names match.
  const instance = await openPgliteDatabase(message.dataDir, message.database);
  const fs = instance.Module.FS;
  fs.mkdirTree('/s3');
  fs.mount(instance.Module.NODEFS, { root: message.s3Root }, '/s3');
  // COPY … GZIP: the hook serves only gzip objects inside the local S3 folder (see enablePgliteGzip).
  gzip = await enablePgliteGzip(instance, { s3Directory: '/s3', scratchDirectory: message.gunzipDirectory });
  const types = await instance.query<[number]>('select oid::int from pg_type', [], { rowMode: 'array' });
  for (const [oid] of types.rows) rawParsers[oid] = (value: string) => value;
  await instance.exec(`set shiftflow.s3_root = '/s3';`);
  for (const sql of message.setupSql) await instance.exec(sql);
  // PGlite resets search_path on open: set it after the compatibility SQL, on every open.
  await instance.exec(`set search_path = ${message.searchPath};`);
  const pid = await instance.query<[number]>('select pg_backend_pid()', [], { rowMode: 'array' });
  sessions = new PgliteSessionState(instance, await captureBaseline(instance, message.customSettings));
  database = instance;
  return pid.rows[0]?.[0] ?? 0;
}

function lastResult(results: Results[]): Results | undefined {
  for (let index = results.length - 1; index >= 0; index--) {
    const result = results[index];
    if (result !== undefined && result.fields.length > 0) return result;
  }
  return results[results.length - 1];
}

function isTextCell(cell: unknown): cell is string | null {
  return cell === null || typeof cell === 'string';
}

function isTextRow(row: unknown): row is (string | null)[] {
  return Array.isArray(row) && row.every(isTextCell);
}

/**
 * The rows of a result read with `rowMode: 'array'` and the raw (text) parsers: one list of text
 * values or NULLs per row. PGlite types `exec`'s rows as objects whatever the row mode, so each
 * row is checked instead of cast; a row that is not text (a parser this worker did not install)
 * fails the statement naming the row instead of reaching the client as a wrong value.
 */
function textRows(rows: unknown[]): (string | null)[][] {
  if (rows.every(isTextRow)) return rows;
  const index = rows.findIndex((row) => !isTextRow(row));
  throw new EngineError('pglite', `row ${index + 1} of the result is not a list of text values or NULLs`);
}

async function runStatement(instance: PGlite, sql: string, values: string[]): Promise<Outcome> {
  const startedAt = Date.now();
  gzip?.takeError();
  // COPY's rejected rows arrive as notices, also when the statement then fails (see load-error-notice.ts).
  const loadErrors: string[] = [];
  const onNotice = (notice: { message?: string | undefined }) => {
    const row = loadErrorOfNotice(notice.message);
    if (row !== undefined) loadErrors.push(row);
  };
  const withLoadErrors = () => (loadErrors.length > 0 ? { loadErrors } : {});
  try {
    const result =
      values.length === 0
        ? lastResult(await instance.exec(sql, { ...queryOptions, onNotice }))
        : await instance.query(sql, values, { ...queryOptions, onNotice });
    const rows = textRows(result?.rows ?? []);
    return {
      status: 'finished',
      // Declared lengths and table origins of the columns, which PGlite's results leave out.
      fields: await describeResultColumns(
        instance,
        sql,
        (result?.fields ?? []).map((field) => ({ name: field.name, typeOid: field.dataTypeID })),
      ),
      rows,
      rowCount: result?.fields.length ? rows.length : (result?.rowCount ?? result?.affectedRows ?? 0),
      command: result?.command ?? '',
      startedAt,
      endedAt: Date.now(),
      ...withLoadErrors(),
    };
  } catch (error) {
    const described = describeError(error);
    // A COPY the gzip hook refused fails with PostgreSQL's 'could not execute command …': put the
    // hook's own reason (which object, which rule or limit) first.
    const cause = gzip?.takeError();
    const message = cause === undefined ? described.message : `${cause.message} (${described.message})`;
    return { status: 'failed', ...described, message, startedAt, endedAt: Date.now(), ...withLoadErrors() };
  }
}

async function runControl(state: PgliteSessionState, message: RunMessage): Promise<void> {
  if (message.sessionKey === undefined) return;
  if (message.control === 'end-session') await state.end(message.sessionKey);
  else if (state.current === message.sessionKey) await state.rollbackCurrent();
}

async function run(message: RunMessage): Promise<void> {
  const instance = database;
  const state = sessions;
  if (instance === undefined || state === undefined) throw new Error('pglite-worker: run before open');
  if (message.control !== undefined) {
    await runControl(state, message);
    port?.postMessage({ type: 'done', executionId: message.executionId, outcomes: [], inTransaction: false });
    return;
  }
  await state.enter(message.sessionKey);
  // Set when another session's state came in (never in the session's own, maybe failed, transaction).
  if (message.sessionPid !== sessionPid) {
    await instance.query('select pg_catalog.set_config($1, $2, false)', [
      'shiftflow.session_pid',
      String(message.sessionPid),
    ]);
    sessionPid = message.sessionPid;
  }
  port?.postMessage({ type: 'started', executionId: message.executionId });
  const outcomes: Outcome[] = [];
  if (message.transaction) await instance.exec('begin');
  let failed = false;
  for (const [index, statement] of message.statements.entries()) {
    const now = Date.now();
    const outcome: Outcome = failed
      ? {
          status: 'aborted',
          message: 'not run: an earlier statement of the transaction failed',
          startedAt: now,
          endedAt: now,
        }
      : await runStatement(instance, statement.sql, statement.values);
    if (outcome.status === 'failed') failed = true;
    // Redshift's TRUNCATE commits the transaction it runs in, and the statements after it run in a
    // new one (https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html).
    if (outcome.status === 'finished' && statement.commits === true && instance.isInTransaction())
      await instance.exec('commit; begin');
    outcomes.push(outcome);
    port?.postMessage({ type: 'statement', executionId: message.executionId, index, outcome });
  }
  if (message.transaction && instance.isInTransaction()) await instance.exec(failed ? 'rollback' : 'commit');
  await state.leaveIfSessionless(message.sessionKey);
  const inTransaction = instance.isInTransaction();
  port?.postMessage({ type: 'done', executionId: message.executionId, outcomes, inTransaction });
}

/**
 * PGlite runs PostgreSQL in single-user mode, where no autovacuum worker ever starts: rows a DELETE or
 * UPDATE leaves behind stay on disk for good, and a table replaced by DELETE + INSERT every run (the
 * pipeline's run_elt_process) grows by its whole size each run, and so does every later scan of it.
 * So the worker does autovacuum's job between requests, with autovacuum's default trigger (dead rows >
 * 50 + 0.2 × live rows, https://www.postgresql.org/docs/current/routine-vacuuming.html#AUTOVACUUM) and at
 * least 10,000 dead rows, checked after a request that ran 50 ms or more and after every 100th.
 */
const vacuumDueSql = `select pg_catalog.format('%I.%I', schemaname, relname) from pg_catalog.pg_stat_user_tables
  where n_dead_tup >= 10000 and n_dead_tup > 50 + 0.2 * n_live_tup`;
let requestsSinceVacuumCheck = 0;

async function vacuumIfDue(ranMs: number): Promise<void> {
  const instance = database;
  requestsSinceVacuumCheck++;
  if (instance === undefined || (ranMs < 50 && requestsSinceVacuumCheck < 100)) return;
  // VACUUM cannot run inside a transaction block: a session holding one open waits for the next check.
  if (instance.isInTransaction()) return;
  requestsSinceVacuumCheck = 0;
  // The request's own row counts reach pg_stat_user_tables only when the backend flushes its statistics,
  // at most once a second when idle (https://www.postgresql.org/docs/current/monitoring-stats.html): read
  // straight after the request they are stale, and a table replaced twice in a second was never vacuumed
  // in between. pg_stat_force_next_flush() flushes them at the end of its own statement.
  await instance.exec('select pg_catalog.pg_stat_force_next_flush()');
  const due = await instance.query<[string]>(vacuumDueSql, [], { rowMode: 'array' });
  for (const [table] of due.rows) await instance.exec(`vacuum ${table}`);
}

/** Requests one after another, each followed by the vacuum it made due (the host sends one at a time). */
let requests: Promise<void> = Promise.resolve();

port.on('message', (message: PgliteOpenMessage | RunMessage | { type: 'close' }) => {
  if (message.type === 'open') {
    open(message).then(
      (pid) => port.postMessage({ type: 'opened', pid }),
      (error: unknown) => port.postMessage({ type: 'open-failed', ...describeError(error) }),
    );
  } else if (message.type === 'run') {
    requests = requests.then(async () => {
      const started = Date.now();
      try {
        await run(message);
      } catch (error) {
        port.postMessage({ type: 'run-failed', executionId: message.executionId, ...describeError(error) });
        return;
      }
      try {
        await vacuumIfDue(Date.now() - started);
      } catch (error) {
        // The request itself has been answered; a failed vacuum only leaves the dead rows for the next check.
        console.error(
          `redshift-local: PGlite vacuum after ${message.executionId} failed: ${describeError(error).message}`,
        );
      }
    });
  } else {
    // After the request (and vacuum) in progress, if any.
    requests = requests.then(async () => {
      const instance = database;
      database = undefined;
      await (instance?.close() ?? Promise.resolve()).then(
        () => port.postMessage({ type: 'closed' }),
        (error: unknown) => port.postMessage({ type: 'closed', ...describeError(error) }),
      );
    });
  }
});
