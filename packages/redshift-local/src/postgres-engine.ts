/**
 * The PostgreSQL engine: a server given by connection URL (opt-in, for large local data).
 * Statements without a session run concurrently on a pool, each in a session of its own: the pooled
 * connection is reset after it (ROLLBACK, DISCARD ALL), as when a Redshift session ends. Each Data API
 * session gets its own connection, so its settings, temporary tables and transaction live as long as
 * the session and no other sees them. Cancel = pg_cancel_backend.
 */
import pg from 'pg';
import { withColumnOrigins } from './column-origins';
import type { Engine, EngineRequest, EngineStatementOutcome } from './engine';
import { EngineError } from './errors';
import { loadErrorOfNotice } from './load-error-notice';

/** Settings of the PostgreSQL engine. */
export interface PostgresEngineOptions {
  url: string;
  /** Absolute host path of the local S3 root, stored in the setting `shiftflow.s3_root`. */
  s3Root: string;
  /** SQL run once after connecting (the dialect's compatibility SQL). */
  setupSql: string[];
  /** `search_path` set on every connection. */
  searchPath: string;
  /** Pool size for statements outside sessions. Defaults to 8. */
  poolSize?: number | undefined;
}

const rawText = (value: string) => value;
const rawTypes = { getTypeParser: () => rawText };

interface Lane {
  client?: pg.PoolClient;
  tail: Promise<unknown>;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Creates the PostgreSQL engine (not yet open).
 *
 * @example
 * const engine = createPostgresEngine({ url: 'postgres://postgres@127.0.0.1:5432/postgres', s3Root: '/tmp/s3', setupSql: [] });
 * await engine.open();
 */
export function createPostgresEngine(options: PostgresEngineOptions): Engine {
  const connectionSetup = `set search_path = ${options.searchPath}; set shiftflow.s3_root = ${quoteLiteral(options.s3Root)};`;
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 8 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) =>
    console.error(`redshift-local: idle PostgreSQL connection failed: ${error.message}`),
  );
  const lanes = new Map<string, Lane>();
  const runningPid = new Map<string, number>();
  const cancelled = new Set<string>();
  const queued = new Map<string, () => void>();
  let closed = false;

  const prepared = new WeakSet<pg.PoolClient>();
  async function prepare(client: pg.PoolClient): Promise<void> {
    if (prepared.has(client)) return;
    await client.query(connectionSetup);
    // The session's RedshiftPid, readable by SQL (PGlite reports its own per session: see pglite-session-scheduler.ts).
    const pid = (client as pg.PoolClient & { processID?: number }).processID ?? 0;
    await client.query('select pg_catalog.set_config($1, $2, false)', ['shiftflow.session_pid', String(pid)]);
    prepared.add(client);
  }

  /** Ends a session-less request's session on its pooled connection: nothing it did stays for the next. */
  async function resetConnection(client: pg.PoolClient): Promise<void> {
    // ROLLBACK outside a transaction only warns; DISCARD ALL drops temp tables, settings, role, prepared statements.
    await client.query('rollback');
    await client.query('discard all');
    prepared.delete(client);
    await prepare(client);
  }

  /**
   * A TRUNCATE that ran inside a transaction block commits it and opens a new one, as on Redshift
   * (https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html). PostgreSQL cannot say whether a
   * block is open except by trying a SAVEPOINT, which fails outside one (harmlessly: nothing is open).
   */
  async function commitAfterTruncate(client: pg.PoolClient): Promise<void> {
    const inBlock = await client.query('savepoint shiftflow_truncate').then(
      () => true,
      // The refused SAVEPOINT is the answer "no transaction block is open", not an error to report.
      () => false,
    );
    if (inBlock) await client.query('commit; begin');
  }

  async function runOn(client: pg.PoolClient, request: EngineRequest): Promise<EngineStatementOutcome[]> {
    await prepare(client);
    const pid = (client as pg.PoolClient & { processID?: number }).processID ?? 0;
    runningPid.set(request.executionId, pid);
    request.onStart?.(pid);
    const outcomes: EngineStatementOutcome[] = [];
    let failed = false;
    try {
      if (request.transaction) await client.query('begin');
      for (const [index, statement] of request.statements.entries()) {
        const startedAt = Date.now();
        let outcome: EngineStatementOutcome;
        if (failed || cancelled.has(request.executionId)) {
          outcome = {
            status: 'aborted',
            message: failed
              ? 'not run: an earlier statement of the transaction failed'
              : 'cancelled by the user',
            startedAt,
            endedAt: startedAt,
          };
        } else {
          // COPY's rejected rows arrive as notices, also when the statement then fails (see load-error-notice.ts).
          const loadErrors: string[] = [];
          const onNotice = (notice: { message?: string | undefined }) => {
            const row = loadErrorOfNotice(notice.message);
            if (row !== undefined) loadErrors.push(row);
          };
          client.on('notice', onNotice);
          try {
            const results = await client.query({
              text: statement.sql,
              ...(statement.values.length > 0 ? { values: statement.values } : {}),
              rowMode: 'array',
              types: rawTypes,
            });
            const list = (Array.isArray(results) ? results : [results]) as pg.QueryResult<
              (string | null)[]
            >[];
            const result =
              [...list].reverse().find((item) => item.fields.length > 0) ?? list[list.length - 1];
            const described = (result?.fields ?? []).map((field) => ({
              name: field.name,
              typeOid: field.dataTypeID,
              tableOid: field.tableID,
              columnNumber: field.columnID,
              typeModifier: field.dataTypeModifier,
            }));
            // Schema, table and NOT NULL of the columns read from a table, as ColumnMetadata reports them.
            const fields = await withColumnOrigins(described, async (text, values) => {
              const origins = await client.query<(string | null)[]>({
                text,
                values,
                rowMode: 'array',
                types: rawTypes,
              });
              return origins.rows;
            });
            const rows = result?.rows ?? [];
            outcome = {
              status: 'finished',
              fields,
              rows,
              rowCount: fields.length > 0 ? rows.length : (result?.rowCount ?? 0),
              command: result?.command ?? '',
              startedAt,
              endedAt: Date.now(),
              ...(loadErrors.length > 0 ? { loadErrors } : {}),
            };
          } catch (error) {
            const sqlState = (error as { code?: unknown }).code;
            const message = error instanceof Error ? error.message : String(error);
            outcome =
              sqlState === '57014' && cancelled.has(request.executionId)
                ? { status: 'aborted', message, startedAt, endedAt: Date.now() }
                : {
                    status: 'failed',
                    message,
                    ...(typeof sqlState === 'string' ? { sqlState } : {}),
                    startedAt,
                    endedAt: Date.now(),
                    ...(loadErrors.length > 0 ? { loadErrors } : {}),
                  };
            failed = true;
          } finally {
            client.off('notice', onNotice);
          }
        }
        if (outcome.status === 'finished' && statement.commits === true) await commitAfterTruncate(client);
        outcomes.push(outcome);
        request.onStatement?.(index, outcome);
      }
      if (request.transaction) await client.query(failed ? 'rollback' : 'commit');
    } finally {
      runningPid.delete(request.executionId);
      cancelled.delete(request.executionId);
    }
    return outcomes;
  }

  function abortedOutcomes(request: EngineRequest): EngineStatementOutcome[] {
    const now = Date.now();
    return request.statements.map(() => ({
      status: 'aborted',
      message: 'cancelled before it started',
      startedAt: now,
      endedAt: now,
    }));
  }

  return {
    kind: 'postgres',
    async open() {
      const client = await pool.connect().catch((error: unknown) => {
        throw new EngineError(
          'postgres',
          `could not connect to ${options.url.replace(/:[^:@/]*@/, ':***@')}`,
          {
            cause: error,
          },
        );
      });
      try {
        await client.query(connectionSetup);
        for (const sql of options.setupSql) await client.query(sql);
        await client.query(connectionSetup);
      } finally {
        client.release();
      }
    },
    async run(request) {
      if (closed) throw new EngineError('postgres', 'engine is closed');
      if (request.sessionKey === undefined) {
        const client = await pool.connect();
        let broken = false;
        try {
          const outcomes = await runOn(client, request);
          // A reset that fails leaves a connection in an unknown state: it is destroyed, not pooled.
          await resetConnection(client).catch((error: unknown) => {
            broken = true;
            console.error(
              `redshift-local: resetting a PostgreSQL connection failed, so it was closed: ${String(error)}`,
            );
          });
          return outcomes;
        } catch (error) {
          broken = true;
          throw error;
        } finally {
          client.release(broken);
        }
      }
      let lane = lanes.get(request.sessionKey);
      if (lane === undefined) {
        lane = { tail: Promise.resolve() };
        lanes.set(request.sessionKey, lane);
      }
      const current = lane;
      return new Promise<EngineStatementOutcome[]>((resolve, reject) => {
        // A queued request cancelled before its turn resolves at once as aborted.
        queued.set(request.executionId, () => resolve(abortedOutcomes(request)));
        const turn = current.tail.then(async () => {
          if (!queued.delete(request.executionId)) return;
          current.client ??= await pool.connect();
          resolve(await runOn(current.client, request));
        });
        turn.catch(reject);
        current.tail = turn.catch(() => undefined);
      });
    },
    async cancel(executionId) {
      const abort = queued.get(executionId);
      if (abort !== undefined) {
        queued.delete(executionId);
        abort();
        return true;
      }
      const pid = runningPid.get(executionId);
      if (pid === undefined) return false;
      cancelled.add(executionId);
      await pool.query('select pg_cancel_backend($1)', [pid]);
      return true;
    },
    async endSession(sessionKey) {
      const lane = lanes.get(sessionKey);
      if (lane === undefined) return;
      lanes.delete(sessionKey);
      await lane.tail;
      // Destroying the connection drops the session's temporary tables.
      lane.client?.release(true);
    },
    async close() {
      closed = true;
      for (const [key] of lanes) await this.endSession(key);
      await pool.end();
    },
  };
}
