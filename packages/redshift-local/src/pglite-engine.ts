/**
 * The PGlite engine: one PGlite on an on-disk data dir inside a worker thread. PGlite has one
 * connection, so every request (of every Data API session) runs in one queue, in order; the worker
 * keeps the sessions' states apart (see pglite-session-state.ts) and a session whose transaction is
 * open holds the connection (see pglite-session-scheduler.ts). Cancelling the
 * running request terminates the worker (≈15 ms) and reopens the data dir (≈0.8 s recovery):
 * the cancelled statement's changes are rolled back by recovery.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { dataDirFileError, lockDataDir } from './data-dir-lock';
import { dataDirOpenFailure } from './data-dir-open-failure';
import { answeredOutcomes, reportDetachedFailure } from './detached-request';
import type { Engine, EngineRequest, EngineStatementOutcome } from './engine';
import { EngineError } from './errors';
import { PgliteSessionScheduler } from './pglite-session-scheduler';
import { type PreparedDataDir, prepareDataDir, recordSetupApplied } from './prepared-data-dir';
import { pgliteWorkerFile, type SpawnedPgliteWorker, spawnPgliteWorker } from './spawn-pglite-worker';

/** Settings of the PGlite engine. */
export interface PgliteEngineOptions {
  dataDir: string;
  s3Root: string;
  database: string;
  /** SQL run after every open (the dialect's compatibility SQL). */
  setupSql: string[];
  /** `search_path` set after every open. */
  searchPath: string;
  /** Custom settings (`shiftflow.*`) sessions may set, kept apart per session. Defaults to `shiftflow.s3_root`. */
  customSettings?: string[] | undefined;
  /**
   * How long a kept-alive session's open transaction may keep other statements waiting before it is
   * rolled back (see pglite-session-scheduler.ts). Defaults to 60 000 ms.
   */
  sessionTransactionHoldMs?: number | undefined;
  /**
   * Folder of the prepared data dir image a new data dir is unpacked from (see prepared-data-dir.ts).
   * Defaults to the package's `dist/`.
   */
  preparedImageDirectory?: string | undefined;
  /**
   * The worker thread to open the engine in, started ahead by `spawnPgliteWorker` (a command starts it
   * before it loads this package). The engine owns it from `open` on. Spawned by `open` when omitted.
   */
  worker?: SpawnedPgliteWorker | undefined;
}

interface Pending {
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

type WorkerMessage =
  | { type: 'opened'; pid: number }
  | { type: 'open-failed'; message: string }
  | { type: 'started'; executionId: string }
  | { type: 'statement'; executionId: string; index: number; outcome: EngineStatementOutcome }
  | { type: 'done'; executionId: string; outcomes: EngineStatementOutcome[]; inTransaction: boolean }
  | { type: 'run-failed'; executionId: string; message: string }
  | { type: 'closed'; message?: string };

declare const __dirname: string | undefined;

/** Whether the request is one ROLLBACK (or ABORT) statement. */
function isRollback(request: EngineRequest): boolean {
  const [only, ...rest] = request.statements;
  return rest.length === 0 && /^\s*(rollback|abort)(\s+(work|transaction))?\s*;?\s*$/i.test(only?.sql ?? '');
}

/**
 * Creates the PGlite engine (not yet open).
 *
 * @example
 * const engine = createPgliteEngine({ dataDir: '/tmp/db', s3Root: '/tmp/s3', database: 'dev', setupSql: [] });
 * await engine.open();
 */
export function createPgliteEngine(options: PgliteEngineOptions): Engine & {
  backendPid(): number;
  crashWorker(): Promise<void>;
  /** How the data dir was opened (unpacked from the prepared image, created by initdb, or existing); set by `open`. */
  preparedDataDir(): PreparedDataDir | undefined;
} {
  const workerFile = pgliteWorkerFile();
  // Decompressed gzip objects go here; the host owns it so a terminated worker leaves nothing behind.
  const gunzipDirectory = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-gunzip-'));
  let worker: Worker | undefined;
  let pid = 0;
  let opening: Promise<void> | undefined;
  let openedWorker: Worker | undefined;
  let running: Pending | undefined;
  const queue: Pending[] = [];
  const scheduler = new PgliteSessionScheduler(options.sessionTransactionHoldMs ?? 60_000);
  let closed = false;
  let releaseLock: (() => void) | undefined;
  let prepared: PreparedDataDir | undefined;
  /** The setup SQL the next worker open runs: none once the data dir holds it. */
  let setupSql = options.setupSql;
  /** The worker the caller started ahead (see spawn-pglite-worker.ts), until the first open takes it. */
  let earlyWorker = options.worker;

  /** A new data dir is unpacked from the prepared image when it fits (see prepared-data-dir.ts). */
  function prepareNewDataDir(dataDir: string): PreparedDataDir {
    try {
      return prepareDataDir({
        dataDir,
        database: options.database,
        setupSql: options.setupSql,
        imageDirectory: options.preparedImageDirectory,
      });
    } catch (error) {
      if (typeof (error as NodeJS.ErrnoException).code === 'string' && !(error instanceof EngineError)) {
        throw dataDirFileError(dataDir, dataDir, error);
      }
      throw error;
    }
  }

  function startWorker(spawned?: SpawnedPgliteWorker): Promise<void> {
    const current = spawned?.worker ?? new Worker(workerFile);
    const earlyFailure = spawned?.takeOver();
    worker = current;
    opening = new Promise<void>((resolve, reject) => {
      if (earlyFailure !== undefined) {
        reject(new EngineError('pglite', earlyFailure.message, { cause: earlyFailure }));
        return;
      }
      const onOpen = (message: WorkerMessage) => {
        if (message.type === 'opened') {
          pid = message.pid;
          openedWorker = current;
          current.off('message', onOpen);
          current.on('message', onMessage);
          resolve();
        } else if (message.type === 'open-failed') {
          current.off('message', onOpen);
          reject(dataDirOpenFailure(path.resolve(options.dataDir), message.message));
        }
      };
      current.on('message', onOpen);
      current.once('error', (error) => reject(new EngineError('pglite', error.message, { cause: error })));
      current.on('exit', (code) => {
        if (worker !== current || closed) return;
        // The worker died on its own (out of memory, crash): fail the running request, restart.
        const failedRequest = running;
        running = undefined;
        worker = undefined;
        failedRequest?.reject(new EngineError('pglite', `worker exited with code ${code}`));
        void restart();
      });
      current.postMessage({
        type: 'open',
        dataDir: options.dataDir,
        s3Root: options.s3Root,
        database: options.database,
        setupSql,
        searchPath: options.searchPath,
        customSettings: options.customSettings ?? ['shiftflow.s3_root'],
        gunzipDirectory,
      });
    });
    return opening;
  }

  function onMessage(message: WorkerMessage): void {
    const current = running;
    if (current === undefined) return;
    if (message.type === 'started' && message.executionId === current.request.executionId) {
      current.request.onStart?.(current.pid ?? pid);
    } else if (message.type === 'statement' && message.executionId === current.request.executionId) {
      current.request.onStatement?.(message.index, message.outcome);
    } else if (message.type === 'done' && message.executionId === current.request.executionId) {
      running = undefined;
      const failed = message.outcomes.some((outcome) => outcome.status === 'failed');
      scheduler.ran(current.request, message.inTransaction, failed);
      reportDetached(current, message.outcomes);
      current.resolve(message.outcomes);
      pump();
    } else if (message.type === 'run-failed' && message.executionId === current.request.executionId) {
      running = undefined;
      reportDetached(current, message.message);
      current.reject(new EngineError('pglite', message.message));
      pump();
    }
  }

  async function restart(): Promise<void> {
    scheduler.restarted();
    try {
      await startWorker();
      pump();
    } catch (error) {
      for (const pending of queue.splice(0)) pending.reject(error as Error);
    }
  }

  function pump(): void {
    if (running !== undefined || worker === undefined || closed) return;
    const index = scheduler.nextIndex(queue.map((pending) => pending.request));
    if (index < 0) {
      answerDetached();
      if (queue.some((pending) => pending.answered !== true)) scheduler.othersWaiting(rollBackHolder);
      return;
    }
    const [next] = queue.splice(index, 1);
    if (next === undefined) return;
    scheduler.picked(next.request);
    // A ROLLBACK is what the refusal would ask for: it runs (and only warns, nothing being open).
    const owed = next.control === undefined ? scheduler.takeRefusal(next.request.sessionKey) : undefined;
    const refusal = isRollback(next.request) ? undefined : owed;
    if (refusal !== undefined) {
      next.request.onStart?.(scheduler.pidFor(next.request));
      next.resolve(refusedOutcomes(next.request, refusal));
      pump();
      return;
    }
    running = next;
    next.pid = scheduler.pidFor(next.request);
    const { onStart: _onStart, onStatement: _onStatement, ...request } = next.request;
    opening?.then(
      () =>
        worker?.postMessage({
          type: 'run',
          ...request,
          sessionPid: next.pid,
          ...(next.control !== undefined ? { control: next.control } : {}),
        }),
      (error: Error) => next.reject(error),
    );
  }

  /** Detached requests blocked by a session's transaction are answered now and run when it ends. */
  function answerDetached(): void {
    for (const pending of queue) {
      if (pending.request.detached !== true || pending.answered === true) continue;
      pending.answered = true;
      pending.resolve(answeredOutcomes(pending.request));
    }
  }

  /** An answered detached request has no caller left to tell of its failure: stderr. */
  function reportDetached(pending: Pending, outcomes: readonly EngineStatementOutcome[] | string): void {
    if (pending.answered === true) reportDetachedFailure(pending.request.executionId, outcomes);
  }

  /** The holder kept others waiting too long: its transaction is rolled back (a failure is only reported). */
  function rollBackHolder(holder: string): void {
    enqueueControl(holder, 'rollback-session').catch((error: unknown) =>
      console.error(`redshift-local: rolling back session ${holder}'s transaction failed: ${String(error)}`),
    );
  }

  /** Queues a control request for `sessionKey` ahead of the others; resolves when it has run. */
  function enqueueControl(sessionKey: string, control: 'end-session' | 'rollback-session'): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const request = {
        executionId: `control:${randomUUID()}`,
        sessionKey,
        statements: [],
        transaction: false,
      };
      queue.unshift({ request, control, resolve: () => resolve(), reject });
      pump();
    });
  }

  /** The session's first statement fails with `message`; the rest of a batch is not run. */
  function refusedOutcomes(request: EngineRequest, message: string): EngineStatementOutcome[] {
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

  function abortedOutcomes(request: EngineRequest, message: string): EngineStatementOutcome[] {
    const now = Date.now();
    return request.statements.map(() => ({ status: 'aborted', message, startedAt: now, endedAt: now }));
  }

  return {
    kind: 'pglite',
    backendPid: () => pid,
    preparedDataDir: () => prepared,
    async crashWorker() {
      // Terminated without a close: the 'exit' handler fails the running request and restarts.
      const current = worker;
      if (current === undefined) throw new EngineError('pglite', 'no worker is running');
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      await current.terminate();
      await exited;
    },
    async open() {
      // A worker started ahead of `open`'s lock and data dir preparation: Node's start of the thread and
      // PGlite's module load overlap them. It touches the data dir only once told to open it.
      const spawned = earlyWorker ?? spawnPgliteWorker();
      earlyWorker = undefined;
      try {
        releaseLock = await lockDataDir(options.dataDir);
      } catch (error) {
        spawned.takeOver();
        await spawned.worker.terminate();
        throw error;
      }
      try {
        const dataDir = path.resolve(options.dataDir);
        prepared = prepareNewDataDir(dataDir);
        setupSql = prepared.setupSql;
        await startWorker(spawned);
        if (setupSql.length > 0) {
          // Ran once in this data dir: later opens (and this engine's restarts) skip it.
          recordSetupApplied(dataDir, prepared.digest);
          setupSql = [];
        }
      } catch (error) {
        closed = true;
        // A failed preparation leaves the early worker unused (never told to open).
        if (worker !== spawned.worker) {
          spawned.takeOver();
          await spawned.worker.terminate();
        }
        await worker?.terminate();
        worker = undefined;
        releaseLock();
        rmSync(gunzipDirectory, { recursive: true, force: true });
        throw error;
      }
    },
    run(request) {
      if (closed) return Promise.reject(new EngineError('pglite', 'engine is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      });
    },
    async cancel(executionId) {
      const queued = queue.findIndex((pending) => pending.request.executionId === executionId);
      if (queued >= 0) {
        const [pending] = queue.splice(queued, 1);
        pending?.resolve(abortedOutcomes(pending.request, 'cancelled before it started'));
        return true;
      }
      const current = running;
      if (current === undefined || current.request.executionId !== executionId) return false;
      running = undefined;
      const old = worker;
      worker = undefined;
      await old?.terminate();
      current.resolve(abortedOutcomes(current.request, 'cancelled by the user'));
      void restart();
      return true;
    },
    async endSession(sessionKey) {
      // Its transaction is rolled back and its temporary tables dropped, as when a backend ends.
      if (closed) return;
      await enqueueControl(sessionKey, 'end-session');
      scheduler.forget(sessionKey);
      pump();
    },
    async close() {
      closed = true;
      const current = worker;
      // The worker reads 'close' only between requests: a running one (maybe another client's
      // pg_sleep) or a reopen after a cancel would hold the close for as long as it takes.
      const busy = running !== undefined || openedWorker !== current;
      worker = undefined;
      const error = new EngineError('pglite', 'engine closed while the request was pending');
      running?.reject(error);
      running = undefined;
      // A session ended by the close needs nothing more: its state goes with the connection.
      for (const pending of queue.splice(0))
        pending.control === undefined ? pending.reject(error) : pending.resolve([]);
      if (current === undefined) {
        rmSync(gunzipDirectory, { recursive: true, force: true });
        releaseLock?.();
        return;
      }
      if (busy) {
        // Stopped as a cancel stops it: recovery on the next open rolls back what was not committed.
        await current.terminate();
        rmSync(gunzipDirectory, { recursive: true, force: true });
        releaseLock?.();
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void current.terminate().then(() => resolve()), 10_000);
        current.once('message', (message: WorkerMessage) => {
          if (message.type === 'closed') {
            clearTimeout(timer);
            void current.terminate().then(() => resolve());
          }
        });
        current.postMessage({ type: 'close' });
      });
      rmSync(gunzipDirectory, { recursive: true, force: true });
      releaseLock?.();
    },
  };
}
