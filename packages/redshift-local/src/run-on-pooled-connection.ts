/**
 * A request outside a Data API session runs in a session of its own on a pooled connection, which is
 * reset after it (see PostgresConnectionSetup.reset), as when a Redshift session ends
 * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ExecuteStatement.html).
 */
import type pg from 'pg';
import type { EngineRequest, EngineStatementOutcome } from './engine';

/** How a session-less request runs on its connection, and how the connection is reset after. */
export interface PooledConnectionRunner {
  run(client: pg.PoolClient, request: EngineRequest): Promise<EngineStatementOutcome[]>;
  reset(client: pg.PoolClient): Promise<void>;
}

/**
 * Runs the request on a connection from `pool`, resets it and gives it back; a connection whose run or
 * reset failed is destroyed, not pooled.
 *
 * @example
 * const outcomes = await runOnPooledConnection(pool, request, { run: runRequest, reset: (client) => setup.reset(client) });
 */
export async function runOnPooledConnection(
  pool: pg.Pool,
  request: EngineRequest,
  runner: PooledConnectionRunner,
): Promise<EngineStatementOutcome[]> {
  const client = await pool.connect();
  let broken = false;
  try {
    const outcomes = await runner.run(client, request);
    // A reset that fails leaves a connection in an unknown state: it is destroyed, not pooled.
    await runner.reset(client).catch((error: unknown) => {
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
