/**
 * Opening the PostgreSQL engine: one connection proves the server answers (a failure names the URL,
 * its password hidden) and runs the dialect's compatibility SQL, between two runs of the connection setup.
 */
import type pg from 'pg';
import { EngineError } from './errors';

/** What the setup runs. */
export interface PostgresDatabaseSetup {
  /** The server's URL, named (password hidden) when it cannot be reached. */
  url: string;
  /** The connection setup SQL (see PostgresConnectionSetup.sql). */
  connectionSetup: string;
  /** SQL run once after connecting (the dialect's compatibility SQL). */
  setupSql: string[];
}

/**
 * Connects through `pool` and runs the setup SQL; throws EngineError when the server cannot be reached.
 *
 * @example
 * await setUpPostgresDatabase(pool, { url, connectionSetup: setup.sql, setupSql: dialect.setupSql });
 */
export async function setUpPostgresDatabase(pool: pg.Pool, setup: PostgresDatabaseSetup): Promise<void> {
  const client = await pool.connect().catch((error: unknown) => {
    throw new EngineError('postgres', `could not connect to ${setup.url.replace(/:[^:@/]*@/, ':***@')}`, {
      cause: error,
    });
  });
  try {
    await client.query(setup.connectionSetup);
    for (const sql of setup.setupSql) await client.query(sql);
    await client.query(setup.connectionSetup);
  } finally {
    client.release();
  }
}
