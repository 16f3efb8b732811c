/**
 * The outcomes of a request that was cancelled (queued or running): every statement aborted.
 */
import type { EngineRequest, EngineStatementOutcome } from './engine';

/**
 * Every statement of the request `aborted` with `message`.
 *
 * @example
 * pending.resolve(abortedOutcomes(pending.request, 'cancelled before it started'));
 */
export function abortedOutcomes(request: EngineRequest, message: string): EngineStatementOutcome[] {
  const now = Date.now();
  return request.statements.map(() => ({ status: 'aborted', message, startedAt: now, endedAt: now }));
}
