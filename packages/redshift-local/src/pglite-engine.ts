/**
 * The PGlite engine: one PGlite on an on-disk data dir inside a worker thread. PGlite has one
 * connection, so every request (of every Data API session) runs in one queue, in order; the worker
 * keeps the sessions' states apart (see pglite-session-state.ts) and a session whose transaction is
 * open holds the connection (see pglite-session-scheduler.ts). Cancelling the
 * running request terminates the worker (≈15 ms) and reopens the data dir (≈0.8 s recovery):
 * the cancelled statement's changes are rolled back by recovery.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { abortedOutcomes } from './aborted-outcomes';
import { closePgliteWorker } from './close-pglite-worker';
import { dataDirFileError, lockDataDir } from './data-dir-lock';
import type { Engine, EngineRequest, EngineStatementOutcome } from './engine';
import { EngineError } from './errors';
import { openPgliteWorker } from './open-pglite-worker';
import { PgliteRequestQueue } from './pglite-request-queue';
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
  const engine = new PgliteEngine(options);
  // A plain object of functions, so a caller may pass a method on without its `this`.
  return {
    kind: 'pglite',
    backendPid: () => engine.backendPid,
    preparedDataDir: () => engine.prepared,
    crashWorker: () => engine.crashWorker(),
    open: () => engine.open(),
    run: (request) => engine.run(request),
    cancel: (executionId) => engine.cancel(executionId),
    endSession: (sessionKey) => engine.endSession(sessionKey),
    close: () => engine.close(),
  };
}

/** A new data dir is unpacked from the prepared image when it fits (see prepared-data-dir.ts). */
async function prepareNewDataDir(options: PgliteEngineOptions, dataDir: string): Promise<PreparedDataDir> {
  try {
    return await prepareDataDir({
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

/**
 * One PGlite engine: the lock on its data dir, the worker thread that holds PGlite's connection
 * (restarted after a cancel or a crash), and the queue of the requests it runs.
 */
class PgliteEngine {
  readonly #options: PgliteEngineOptions;
  readonly #workerFile = pgliteWorkerFile();
  // Decompressed gzip objects go here; the host owns it so a terminated worker leaves nothing behind.
  readonly #gunzipDirectory = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-gunzip-'));
  readonly #scheduler: PgliteSessionScheduler;
  readonly #requests: PgliteRequestQueue;
  #worker: Worker | undefined;
  #pid = 0;
  #opening: Promise<void> | undefined;
  #openedWorker: Worker | undefined;
  #closed = false;
  #releaseLock: (() => void) | undefined;
  #prepared: PreparedDataDir | undefined;
  /** The setup SQL the next worker open runs: none once the data dir holds it. */
  #setupSql: string[];
  /** The worker the caller started ahead (see spawn-pglite-worker.ts), until the first open takes it. */
  #earlyWorker: SpawnedPgliteWorker | undefined;

  constructor(options: PgliteEngineOptions) {
    this.#options = options;
    this.#setupSql = options.setupSql;
    this.#earlyWorker = options.worker;
    this.#scheduler = new PgliteSessionScheduler(options.sessionTransactionHoldMs ?? 60_000);
    this.#requests = new PgliteRequestQueue(this.#scheduler, {
      ready: () => this.#worker !== undefined && !this.#closed,
      send: (message, onOpenFailed) => {
        this.#opening?.then(() => this.#worker?.postMessage(message), onOpenFailed);
      },
      backendPid: () => this.#pid,
    });
  }

  get backendPid(): number {
    return this.#pid;
  }

  get prepared(): PreparedDataDir | undefined {
    return this.#prepared;
  }

  async crashWorker(): Promise<void> {
    // Terminated without a close: the 'exit' handler fails the running request and restarts.
    const current = this.#worker;
    if (current === undefined) throw new EngineError('pglite', 'no worker is running');
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    await current.terminate();
    await exited;
  }

  async open(): Promise<void> {
    // A worker started ahead of `open`'s lock and data dir preparation: Node's start of the thread and
    // PGlite's module load overlap them. It touches the data dir only once told to open it.
    const spawned = this.#earlyWorker ?? spawnPgliteWorker();
    this.#earlyWorker = undefined;
    let releaseLock: () => void;
    try {
      releaseLock = await lockDataDir(this.#options.dataDir);
    } catch (error) {
      spawned.takeOver();
      await spawned.worker.terminate();
      throw error;
    }
    this.#releaseLock = releaseLock;
    try {
      const dataDir = path.resolve(this.#options.dataDir);
      const prepared = await prepareNewDataDir(this.#options, dataDir);
      this.#prepared = prepared;
      this.#setupSql = prepared.setupSql;
      await this.#startWorker(spawned);
      if (this.#setupSql.length > 0) {
        // Ran once in this data dir: later opens (and this engine's restarts) skip it.
        recordSetupApplied(dataDir, prepared.digest);
        this.#setupSql = [];
      }
    } catch (error) {
      this.#closed = true;
      // A failed preparation leaves the early worker unused (never told to open).
      if (this.#worker !== spawned.worker) {
        spawned.takeOver();
        await spawned.worker.terminate();
      }
      await this.#worker?.terminate();
      this.#worker = undefined;
      releaseLock();
      rmSync(this.#gunzipDirectory, { recursive: true, force: true });
      throw error;
    }
  }

  run(request: EngineRequest): Promise<EngineStatementOutcome[]> {
    if (this.#closed) return Promise.reject(new EngineError('pglite', 'engine is closed'));
    return this.#requests.run(request);
  }

  async cancel(executionId: string): Promise<boolean> {
    if (this.#requests.cancelQueued(executionId)) return true;
    const current = this.#requests.takeRunning(executionId);
    if (current === undefined) return false;
    const old = this.#worker;
    this.#worker = undefined;
    await old?.terminate();
    current.resolve(abortedOutcomes(current.request, 'cancelled by the user'));
    void this.#restart();
    return true;
  }

  async endSession(sessionKey: string): Promise<void> {
    // Its transaction is rolled back and its temporary tables dropped, as when a backend ends.
    if (this.#closed) return;
    await this.#requests.control(sessionKey, 'end-session');
    this.#scheduler.forget(sessionKey);
    this.#requests.pump();
  }

  async close(): Promise<void> {
    this.#closed = true;
    const current = this.#worker;
    // The worker reads 'close' only between requests: a running one (maybe another client's
    // pg_sleep) or a reopen after a cancel would hold the close for as long as it takes.
    const busy = this.#requests.busy || this.#openedWorker !== current;
    this.#worker = undefined;
    this.#requests.closeAll(new EngineError('pglite', 'engine closed while the request was pending'));
    if (current !== undefined) {
      // Busy, it is stopped as a cancel stops it: recovery on the next open rolls back what was not committed.
      await (busy ? current.terminate() : closePgliteWorker(current));
    }
    rmSync(this.#gunzipDirectory, { recursive: true, force: true });
    this.#releaseLock?.();
  }

  #startWorker(spawned?: SpawnedPgliteWorker): Promise<void> {
    const current = spawned?.worker ?? new Worker(this.#workerFile);
    const earlyFailure = spawned?.takeOver();
    this.#worker = current;
    const options = this.#options;
    const settings = {
      dataDir: options.dataDir,
      s3Root: options.s3Root,
      database: options.database,
      setupSql: this.#setupSql,
      searchPath: options.searchPath,
      customSettings: options.customSettings ?? ['shiftflow.s3_root'],
      gunzipDirectory: this.#gunzipDirectory,
    };
    this.#opening = openPgliteWorker(current, earlyFailure, settings, {
      opened: (pid) => {
        this.#pid = pid;
        this.#openedWorker = current;
      },
      message: (message) => this.#requests.onWorkerMessage(message),
      exit: (code) => this.#workerExited(current, code),
    });
    return this.#opening;
  }

  #workerExited(current: Worker, code: number): void {
    if (this.#worker !== current || this.#closed) return;
    // The worker died on its own (out of memory, crash): fail the running request, restart.
    const failedRequest = this.#requests.takeRunning();
    this.#worker = undefined;
    failedRequest?.reject(new EngineError('pglite', `worker exited with code ${code}`));
    void this.#restart();
  }

  async #restart(): Promise<void> {
    this.#scheduler.restarted();
    try {
      await this.#startWorker();
      this.#requests.pump();
    } catch (error) {
      this.#requests.rejectQueued(error as Error);
    }
  }
}
