/**
 * Detached requests (`EngineRequest.detached`): the caller need not wait for them to run, so an engine
 * whose connection is held by a session's open transaction answers them at once and runs them later.
 */
import type { EngineRequest, EngineStatementOutcome } from './engine';

/**
 * The answer given to a detached request before it runs: each statement finished, without rows.
 *
 * @example
 * pending.resolve(answeredOutcomes(pending.request));
 */
export function answeredOutcomes(request: EngineRequest): EngineStatementOutcome[] {
  const now = Date.now();
  return request.statements.map(() => ({
    status: 'finished',
    fields: [],
    rows: [],
    rowCount: 0,
    command: '',
    startedAt: now,
    endedAt: now,
  }));
}

/**
 * Reports on stderr how an answered detached request failed when it finally ran (no caller is left to
 * tell): `outcomes` as the engine gave them, or the engine's error message.
 *
 * @example
 * reportDetachedFailure('control:1', outcomes);
 */
export function reportDetachedFailure(
  executionId: string,
  outcomes: readonly EngineStatementOutcome[] | string,
): void {
  const failed =
    typeof outcomes === 'string' ? undefined : outcomes.find((outcome) => outcome.status !== 'finished');
  const failure = typeof outcomes === 'string' ? outcomes : failed?.message;
  if (failure !== undefined)
    console.error(`redshift-local: deferred request ${executionId} failed: ${failure}`);
}
