/**
 * A session whose open transaction the PGlite engine rolled back (it held the connection too long, see
 * pglite-session-scheduler.ts) is told so by the failure of its next request: that request is refused,
 * unless it is the ROLLBACK the refusal would ask for.
 */
import type { EngineRequest, EngineStatementOutcome } from './engine';

/**
 * Whether the request is one ROLLBACK (or ABORT) statement.
 *
 * @example
 * isRollback({ executionId: 'e1', statements: [{ sql: 'ROLLBACK', values: [] }], transaction: false }); // true
 */
export function isRollback(request: EngineRequest): boolean {
  const [only, ...rest] = request.statements;
  return rest.length === 0 && /^\s*(rollback|abort)(\s+(work|transaction))?\s*;?\s*$/i.test(only?.sql ?? '');
}

/**
 * The outcomes of a refused request: its first statement fails with `message`; the rest of a batch is not run.
 *
 * @example
 * pending.resolve(refusedOutcomes(pending.request, "the session's open transaction was rolled back: …"));
 */
export function refusedOutcomes(request: EngineRequest, message: string): EngineStatementOutcome[] {
  const now = Date.now();
  return request.statements.map((_statement, index) =>
    index === 0
      ? { status: 'failed', message, startedAt: now, endedAt: now }
      : {
          status: 'aborted',
          message: 'not run: an earlier statement failed',
          startedAt: now,
          endedAt: now,
        },
  );
}
