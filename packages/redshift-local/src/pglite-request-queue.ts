/**
 * The requests waiting for PGlite's one connection and the one running on it. Every request (of every
 * Data API session) waits here; `PgliteSessionScheduler` says which runs next, so a session whose
 * transaction is open holds the connection, and the worker runs them one at a time. Control requests
 * (end a session, roll back its transaction) go ahead of the others.
 */
import { randomUUID } from 'node:crypto';
import { abortedOutcomes } from './aborted-outcomes';
import { answeredOutcomes, reportDetachedFailure } from './detached-request';
import type { EngineRequest, EngineStatementOutcome } from './engine';
import { EngineError } from './errors';
import type { PgliteSessionScheduler } from './pglite-session-scheduler';
import type { PgliteRunMessage, PgliteWorkerMessage } from './pglite-worker-message';
import { isRollback, refusedOutcomes } from './refused-outcomes';

/** A request in the queue, or the running one, with the promise its caller awaits. */
export interface PendingRequest {
  request: EngineRequest;
  /** Instead of running statements: end the request's session, or roll back its open transaction. */
  control?: 'end-session' | 'rollback-session';
  /** The RedshiftPid reported for the request (its session's). */
  pid?: number;
  /** A detached request answered before it ran (see `EngineRequest.detached`). */
  answered?: boolean;
  resolve: (outcomes: EngineStatementOutcome[]) => void;
  reject: (error: Error) => void;
}

/** What the queue needs of the engine's worker thread. */
export interface PgliteRequestRunner {
  /** Whether a worker is there to take a request (one is started and the engine is not closed). */
  ready(): boolean;
  /** Sends `message` to the worker once it has opened; `onOpenFailed` when its open failed. */
  send(message: PgliteRunMessage, onOpenFailed: (error: Error) => void): void;
  /** The PGlite backend's pid, reported when a request without a RedshiftPid starts. */
  backendPid(): number;
}

/**
 * The request queue of one PGlite engine.
 *
 * @example
 * const requests = new PgliteRequestQueue(new PgliteSessionScheduler(60_000), runner);
 * const outcomes = await requests.run(request);
 */
export class PgliteRequestQueue {
  readonly #scheduler: PgliteSessionScheduler;
  readonly #runner: PgliteRequestRunner;
  readonly #queue: PendingRequest[] = [];
  #running: PendingRequest | undefined;

  constructor(scheduler: PgliteSessionScheduler, runner: PgliteRequestRunner) {
    this.#scheduler = scheduler;
    this.#runner = runner;
  }

  /** Whether a request is running in the worker. */
  get busy(): boolean {
    return this.#running !== undefined;
  }

  /** Queues the request; resolves with its outcomes once it has run (or was answered, or refused). */
  run(request: EngineRequest): Promise<EngineStatementOutcome[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  /** Queues a control request for `sessionKey` ahead of the others; resolves when it has run. */
  control(sessionKey: string, control: 'end-session' | 'rollback-session'): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const request = {
        executionId: `control:${randomUUID()}`,
        sessionKey,
        statements: [],
        transaction: false,
      };
      this.#queue.unshift({ request, control, resolve: () => resolve(), reject });
      this.pump();
    });
  }

  /** Sends the next request to the worker, unless one is running or no worker is there. */
  pump(): void {
    if (this.#running !== undefined || !this.#runner.ready()) return;
    const scheduler = this.#scheduler;
    const index = scheduler.nextIndex(this.#queue.map((pending) => pending.request));
    if (index < 0) {
      this.#answerDetached();
      if (this.#queue.some((pending) => pending.answered !== true))
        scheduler.othersWaiting((holder) => this.#rollBackHolder(holder));
      return;
    }
    const [next] = this.#queue.splice(index, 1);
    if (next === undefined) return;
    scheduler.picked(next.request);
    // A ROLLBACK is what the refusal would ask for: it runs (and only warns, nothing being open).
    const owed = next.control === undefined ? scheduler.takeRefusal(next.request.sessionKey) : undefined;
    const refusal = isRollback(next.request) ? undefined : owed;
    if (refusal !== undefined) {
      next.request.onStart?.(scheduler.pidFor(next.request));
      next.resolve(refusedOutcomes(next.request, refusal));
      this.pump();
      return;
    }
    this.#running = next;
    const sessionPid = scheduler.pidFor(next.request);
    next.pid = sessionPid;
    const { onStart: _onStart, onStatement: _onStatement, ...request } = next.request;
    this.#runner.send(
      {
        type: 'run',
        ...request,
        sessionPid,
        ...(next.control !== undefined ? { control: next.control } : {}),
      },
      (error: Error) => next.reject(error),
    );
  }

  /** Passes the worker's report on the running request to its caller; the next one goes once it is done. */
  onWorkerMessage(message: PgliteWorkerMessage): void {
    const current = this.#running;
    if (current === undefined) return;
    if (message.type === 'started' && message.executionId === current.request.executionId) {
      current.request.onStart?.(current.pid ?? this.#runner.backendPid());
    } else if (message.type === 'statement' && message.executionId === current.request.executionId) {
      current.request.onStatement?.(message.index, message.outcome);
    } else if (message.type === 'done' && message.executionId === current.request.executionId) {
      this.#running = undefined;
      const failed = message.outcomes.some((outcome) => outcome.status === 'failed');
      this.#scheduler.ran(current.request, message.inTransaction, failed);
      this.#reportDetached(current, message.outcomes);
      current.resolve(message.outcomes);
      this.pump();
    } else if (message.type === 'run-failed' && message.executionId === current.request.executionId) {
      this.#running = undefined;
      this.#reportDetached(current, message.message);
      current.reject(new EngineError('pglite', message.message));
      this.pump();
    }
  }

  /** Answers a queued request `aborted` and drops it; false when `executionId` is not queued. */
  cancelQueued(executionId: string): boolean {
    const queued = this.#queue.findIndex((pending) => pending.request.executionId === executionId);
    if (queued < 0) return false;
    const [pending] = this.#queue.splice(queued, 1);
    pending?.resolve(abortedOutcomes(pending.request, 'cancelled before it started'));
    return true;
  }

  /**
   * Takes the running request off the queue, for the caller to settle (its worker is gone); with
   * `executionId`, only when that is the one running.
   */
  takeRunning(executionId?: string): PendingRequest | undefined {
    const current = this.#running;
    if (current === undefined) return undefined;
    if (executionId !== undefined && current.request.executionId !== executionId) return undefined;
    this.#running = undefined;
    return current;
  }

  /** Fails every queued request with `error` (no worker could be started for them). */
  rejectQueued(error: Error): void {
    for (const pending of this.#queue.splice(0)) pending.reject(error);
  }

  /**
   * The engine closes: the running and queued requests fail with `error`. A session ended by the close
   * needs nothing more (its state goes with the connection): its control requests succeed.
   */
  closeAll(error: Error): void {
    this.#running?.reject(error);
    this.#running = undefined;
    for (const pending of this.#queue.splice(0))
      pending.control === undefined ? pending.reject(error) : pending.resolve([]);
  }

  /** Detached requests blocked by a session's transaction are answered now and run when it ends. */
  #answerDetached(): void {
    for (const pending of this.#queue) {
      if (pending.request.detached !== true || pending.answered === true) continue;
      pending.answered = true;
      pending.resolve(answeredOutcomes(pending.request));
    }
  }

  /** An answered detached request has no caller left to tell of its failure: stderr. */
  #reportDetached(pending: PendingRequest, outcomes: readonly EngineStatementOutcome[] | string): void {
    if (pending.answered === true) reportDetachedFailure(pending.request.executionId, outcomes);
  }

  /** The holder kept others waiting too long: its transaction is rolled back (a failure is only reported). */
  #rollBackHolder(holder: string): void {
    this.control(holder, 'rollback-session').catch((error: unknown) =>
      console.error(`redshift-local: rolling back session ${holder}'s transaction failed: ${String(error)}`),
    );
  }
}
