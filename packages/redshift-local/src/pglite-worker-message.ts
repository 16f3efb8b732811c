/**
 * What the PGlite worker thread (pglite-worker.ts) tells its host: the answer to `open`, each request's
 * progress, and the answer to `close`; and what the engine asks it to run.
 */
import type { EngineRequest, EngineStatementOutcome } from './engine';

/** A message from the PGlite worker thread to the engine that started it. */
export type PgliteWorkerMessage =
  | { type: 'opened'; pid: number }
  | { type: 'open-failed'; message: string }
  | { type: 'started'; executionId: string }
  | { type: 'statement'; executionId: string; index: number; outcome: EngineStatementOutcome }
  | { type: 'done'; executionId: string; outcomes: EngineStatementOutcome[]; inTransaction: boolean }
  | { type: 'run-failed'; executionId: string; message: string }
  | { type: 'closed'; message?: string };

/** A request for the worker to run: the engine's request without its callbacks, with its session's RedshiftPid. */
export type PgliteRunMessage = Omit<EngineRequest, 'onStart' | 'onStatement'> & {
  type: 'run';
  sessionPid: number;
  /** Instead of running statements: end the request's session, or roll back its open transaction. */
  control?: 'end-session' | 'rollback-session';
};
