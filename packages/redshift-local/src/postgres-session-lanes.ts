/**
 * The PostgreSQL engine's Data API sessions: each session's requests run in order on a connection of
 * its own, taken from the pool at its first request and kept until the session ends, so its settings,
 * temporary tables and open transaction live as long as the session and no other sees them.
 */
import type pg from 'pg';
import { abortedOutcomes } from './aborted-outcomes';
import type { EngineRequest, EngineStatementOutcome } from './engine';

/** The connection a session's requests run on: released (destroyed) when the session ends. */
export type SessionConnection = Pick<pg.PoolClient, 'release'>;

/** How the lanes get a connection and run a request on it. */
export interface PostgresSessionRunner<Connection extends SessionConnection> {
  connect(): Promise<Connection>;
  run(connection: Connection, request: EngineRequest): Promise<EngineStatementOutcome[]>;
}

interface Lane<Connection> {
  connection?: Connection;
  tail: Promise<unknown>;
}

/**
 * One lane per session: its requests wait for the one before them.
 *
 * @example
 * const sessions = new PostgresSessionLanes({ connect: () => pool.connect(), run: runRequest });
 * const outcomes = await sessions.run('session-1', request);
 */
export class PostgresSessionLanes<Connection extends SessionConnection> {
  readonly #runner: PostgresSessionRunner<Connection>;
  readonly #lanes = new Map<string, Lane<Connection>>();
  /** Requests waiting for their turn, by execution id: calling one answers it aborted. */
  readonly #queued = new Map<string, () => void>();

  constructor(runner: PostgresSessionRunner<Connection>) {
    this.#runner = runner;
  }

  /** Runs the request once the session's earlier requests are done. */
  run(sessionKey: string, request: EngineRequest): Promise<EngineStatementOutcome[]> {
    let lane = this.#lanes.get(sessionKey);
    if (lane === undefined) {
      lane = { tail: Promise.resolve() };
      this.#lanes.set(sessionKey, lane);
    }
    const current = lane;
    return new Promise<EngineStatementOutcome[]>((resolve, reject) => {
      // A queued request cancelled before its turn resolves at once as aborted.
      this.#queued.set(request.executionId, () =>
        resolve(abortedOutcomes(request, 'cancelled before it started')),
      );
      const turn = current.tail.then(async () => {
        if (!this.#queued.delete(request.executionId)) return;
        current.connection ??= await this.#runner.connect();
        resolve(await this.#runner.run(current.connection, request));
      });
      turn.catch(reject);
      current.tail = turn.catch(() => undefined);
    });
  }

  /** Answers a request still waiting for its turn aborted; false when it is not waiting (running or done). */
  cancelQueued(executionId: string): boolean {
    const abort = this.#queued.get(executionId);
    if (abort === undefined) return false;
    this.#queued.delete(executionId);
    abort();
    return true;
  }

  /** Ends the session once its requests are done. */
  async end(sessionKey: string): Promise<void> {
    const lane = this.#lanes.get(sessionKey);
    if (lane === undefined) return;
    this.#lanes.delete(sessionKey);
    await lane.tail;
    // Destroying the connection drops the session's temporary tables.
    lane.connection?.release(true);
  }

  /** Ends every session, one after the other. */
  async endAll(): Promise<void> {
    for (const [sessionKey] of this.#lanes) await this.end(sessionKey);
  }
}
