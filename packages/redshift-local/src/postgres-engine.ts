/**
 * The PostgreSQL engine: a server given by connection URL (opt-in, for large local data).
 * Statements without a session run concurrently on a pool, each in a session of its own: the pooled
 * connection is reset after it (ROLLBACK, DISCARD ALL), as when a Redshift session ends. Each Data API
 * session gets its own connection, so its settings, temporary tables and transaction live as long as
 * the session and no other sees them. Cancel = pg_cancel_backend.
 */
import pg from 'pg';
import type { Engine, EngineRequest } from './engine';
import { EngineError } from './errors';
import { PostgresConnectionSetup } from './postgres-connection-setup';
import { PostgresRunningRequests } from './postgres-running-requests';
import { PostgresSessionLanes } from './postgres-session-lanes';
import { runOnPooledConnection } from './run-on-pooled-connection';
import { runPostgresRequest } from './run-postgres-request';
import { setUpPostgresDatabase } from './set-up-postgres-database';

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

/**
 * Creates the PostgreSQL engine (not yet open).
 *
 * @example
 * const engine = createPostgresEngine({ url: 'postgres://postgres@127.0.0.1:5432/postgres', s3Root: '/tmp/s3', setupSql: [] });
 * await engine.open();
 */
export function createPostgresEngine(options: PostgresEngineOptions): Engine {
  const setup = new PostgresConnectionSetup(options);
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 8 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) =>
    console.error(`redshift-local: idle PostgreSQL connection failed: ${error.message}`),
  );
  const running = new PostgresRunningRequests();
  const runRequest = (client: pg.PoolClient, request: EngineRequest) =>
    runPostgresRequest(client, request, { setup, running });
  const sessions = new PostgresSessionLanes({ connect: () => pool.connect(), run: runRequest });
  let closed = false;

  return {
    kind: 'postgres',
    async open() {
      await setUpPostgresDatabase(pool, {
        url: options.url,
        connectionSetup: setup.sql,
        setupSql: options.setupSql,
      });
    },
    async run(request) {
      if (closed) throw new EngineError('postgres', 'engine is closed');
      if (request.sessionKey === undefined) {
        return runOnPooledConnection(pool, request, {
          run: runRequest,
          reset: (client) => setup.reset(client),
        });
      }
      return sessions.run(request.sessionKey, request);
    },
    async cancel(executionId) {
      if (sessions.cancelQueued(executionId)) return true;
      const pid = running.cancel(executionId);
      if (pid === undefined) return false;
      await pool.query('select pg_cancel_backend($1)', [pid]);
      return true;
    },
    async endSession(sessionKey) {
      await sessions.end(sessionKey);
    },
    async close() {
      closed = true;
      await sessions.endAll();
      await pool.end();
    },
  };
}
