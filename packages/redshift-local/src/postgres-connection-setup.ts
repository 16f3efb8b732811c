/**
 * What every PostgreSQL connection of the engine runs before its first statement: the `search_path`,
 * the local S3 root (`shiftflow.s3_root`) and the session's RedshiftPid (`shiftflow.session_pid`).
 */
import type pg from 'pg';

/** The settings a connection is prepared with. */
export interface PostgresConnectionSettings {
  /** `search_path` set on every connection. */
  searchPath: string;
  /** Absolute host path of the local S3 root, stored in the setting `shiftflow.s3_root`. */
  s3Root: string;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The connection's backend process id, which the engine reports as the session's RedshiftPid.
 *
 * @example
 * request.onStart?.(backendPidOf(client));
 */
export function backendPidOf(client: pg.PoolClient): number {
  return (client as pg.PoolClient & { processID?: number }).processID ?? 0;
}

/**
 * Prepares connections once each, and resets a pooled connection after a session-less request.
 *
 * @example
 * const setup = new PostgresConnectionSetup({ searchPath: 'public', s3Root: '/tmp/s3' });
 * await setup.prepare(client);
 */
export class PostgresConnectionSetup {
  /** The SQL that sets `search_path` and `shiftflow.s3_root`. */
  readonly sql: string;
  readonly #prepared = new WeakSet<pg.PoolClient>();

  constructor(settings: PostgresConnectionSettings) {
    this.sql = `set search_path = ${settings.searchPath}; set shiftflow.s3_root = ${quoteLiteral(settings.s3Root)};`;
  }

  /** Runs the connection setup on `client` unless it ran there already. */
  async prepare(client: pg.PoolClient): Promise<void> {
    if (this.#prepared.has(client)) return;
    await client.query(this.sql);
    // The session's RedshiftPid, readable by SQL (PGlite reports its own per session: see pglite-session-scheduler.ts).
    const pid = backendPidOf(client);
    await client.query('select pg_catalog.set_config($1, $2, false)', ['shiftflow.session_pid', String(pid)]);
    this.#prepared.add(client);
  }

  /** Ends a session-less request's session on its pooled connection: nothing it did stays for the next. */
  async reset(client: pg.PoolClient): Promise<void> {
    // ROLLBACK outside a transaction only warns; DISCARD ALL drops temp tables, settings, role, prepared statements.
    await client.query('rollback');
    await client.query('discard all');
    this.#prepared.delete(client);
    await this.prepare(client);
  }
}
