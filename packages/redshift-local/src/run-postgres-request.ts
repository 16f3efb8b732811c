/**
 * Runs a request's statements in order on one PostgreSQL connection, inside BEGIN … COMMIT when the
 * request asks for a transaction (ROLLBACK when a statement fails). After a failure, or once the user
 * cancelled the request, the statements left are not run but reported aborted.
 */
import type pg from 'pg';
import { commitAfterTruncate } from './commit-after-truncate';
import type { EngineRequest, EngineStatementOutcome } from './engine';
import { backendPidOf, type PostgresConnectionSetup } from './postgres-connection-setup';
import type { PostgresRunningRequests } from './postgres-running-requests';
import { runPostgresStatement } from './run-postgres-statement';

/** What a request runs with besides its connection. */
export interface PostgresRequestContext {
  setup: PostgresConnectionSetup;
  running: PostgresRunningRequests;
}

/**
 * One outcome per statement of the request, run on `client`.
 *
 * @example
 * const outcomes = await runPostgresRequest(client, request, { setup, running });
 */
export async function runPostgresRequest(
  client: pg.PoolClient,
  request: EngineRequest,
  { setup, running }: PostgresRequestContext,
): Promise<EngineStatementOutcome[]> {
  await setup.prepare(client);
  const pid = backendPidOf(client);
  running.start(request.executionId, pid);
  request.onStart?.(pid);
  const isCancelled = () => running.isCancelled(request.executionId);
  const outcomes: EngineStatementOutcome[] = [];
  let failed = false;
  try {
    if (request.transaction) await client.query('begin');
    for (const [index, statement] of request.statements.entries()) {
      let outcome: EngineStatementOutcome;
      if (failed || isCancelled()) {
        outcome = notRunOutcome(failed);
      } else {
        outcome = await runPostgresStatement(client, statement, isCancelled);
        failed = outcome.status !== 'finished';
      }
      if (outcome.status === 'finished' && statement.commits === true) await commitAfterTruncate(client);
      outcomes.push(outcome);
      request.onStatement?.(index, outcome);
    }
    if (request.transaction) await client.query(failed ? 'rollback' : 'commit');
  } finally {
    running.end(request.executionId);
  }
  return outcomes;
}

/** A statement left unrun: after a failure in the request, or once the user cancelled it. */
function notRunOutcome(afterFailure: boolean): EngineStatementOutcome {
  const startedAt = Date.now();
  return {
    status: 'aborted',
    message: afterFailure
      ? 'not run: an earlier statement of the transaction failed'
      : 'cancelled by the user',
    startedAt,
    endedAt: startedAt,
  };
}
