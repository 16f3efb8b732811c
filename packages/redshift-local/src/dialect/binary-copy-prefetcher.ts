/**
 * Converts the COPY's next object in a converter thread (binary-copy-converter-worker.ts) while PGlite loads the
 * current one, for enablePgliteGzip's `shiftflow-binary-copy` hook. Self-contained (node: built-ins and `.ts` imports
 * of self-contained files, erasable TypeScript) because the PGlite worker imports it from `src/`.
 *
 * Safety: the hook waits for a job only while the thread is ready (a queued job) and its heartbeat moves (a claimed
 * one): at most `stallMs` without a chunk read, then it takes the job back or gives it up and converts itself; a job
 * queued before the thread is ready is taken back at once. At most one job exists at a time (with the object PGlite is
 * loading: two binary files).
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BinaryCopyRefusedError } from '../errors.ts';
import { isPrefetchResult, jobState, type PrefetchJob } from './binary-copy-prefetch-job.ts';

/** Settings of {@link createBinaryCopyPrefetcher}. */
export interface BinaryCopyPrefetcherOptions {
  s3Directory: string;
  s3Root: string;
  scratch: string;
  maxBytes: number;
  /** A fresh file name in the scratch folder. */
  nextName: () => string;
  /** The converter thread's file; defaults to binary-copy-converter-worker.{js,cjs,ts} beside this code. */
  workerFile?: string | undefined;
  /** Longest wait without a chunk read by the thread before the hook converts the object itself. Default 30 s. */
  stallMs?: number | undefined;
}

/** What a prefetched job gave: the binary file's name and rows, or the decline. */
export type PrefetchOutcome = { name: string; rows: number } | { declined: BinaryCopyRefusedError };

/** The hook's side of the converter thread. */
export interface BinaryCopyPrefetcher {
  /**
   * The prefetched conversion of (spec, file), waited for; undefined when there is none usable (never started, another
   * object, the thread gone or stalled): the hook then converts synchronously. Any other job is discarded.
   */
  take(spec: string, file: string): PrefetchOutcome | undefined;
  /** Starts converting (spec, file) in the thread (discarding any job still there). */
  start(spec: string, file: string): void;
  /** Discards the job still there, if any (its scratch file removed). */
  discard(): void;
  /** Discards, stops the thread, removes what it left. */
  close(): Promise<void>;
  /** Why the converter thread is unavailable (it failed to start or died), if it is. */
  failure(): Error | undefined;
  /** True once the converter thread has started and listens for jobs. */
  ready(): boolean;
}

/** The converter thread's file beside this code (dist: `.js`/`.cjs`, maybe under dialect/; src: `.ts`). */
export function binaryCopyConverterFile(): string {
  const directory = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (const folder of [directory, path.join(directory, 'dialect')]) {
    for (const extension of ['js', 'cjs', 'mjs', 'ts']) {
      const file = path.join(folder, `binary-copy-converter-worker.${extension}`);
      if (existsSync(file)) return file;
    }
  }
  throw new Error(`binary-copy-converter-worker.{js,cjs,ts} not found in ${directory}`);
}

interface Job {
  id: number;
  spec: string;
  file: string;
  name: string;
  state: Int32Array;
}

/**
 * Creates the prefetcher; the thread starts at the first {@link BinaryCopyPrefetcher.start}, unref()'d (it never keeps
 * a process alive) and ends with {@link BinaryCopyPrefetcher.close} or its parent thread.
 *
 * @example
 * const prefetcher = createBinaryCopyPrefetcher({ s3Directory: '/s3', s3Root, scratch, maxBytes, nextName });
 * const ready = prefetcher.take(spec, file) ?? convertHere();
 * prefetcher.start(spec, nextFile);
 */
export function createBinaryCopyPrefetcher(options: BinaryCopyPrefetcherOptions): BinaryCopyPrefetcher {
  const stallMs = options.stallMs ?? 30_000;
  let worker: Worker | undefined;
  let port: MessagePort | undefined;
  let failed: Error | undefined;
  let current: Job | undefined;
  let ids = 0;
  /** [0]: 1 once the thread listens for jobs. */
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const removeFiles = (name: string) => {
    rmSync(path.join(options.scratch, name), { force: true });
    rmSync(path.join(options.scratch, `${name}.in`), { force: true });
  };
  /** Results of jobs no longer wanted: their files were removed when they were given up. */
  const receive = (id: number) => {
    for (;;) {
      const received = port === undefined ? undefined : receiveMessageOnPort(port);
      if (received === undefined) return undefined;
      if (isPrefetchResult(received.message) && received.message.id === id) return received.message;
    }
  };
  const drop = (job: Job) => {
    if (Atomics.compareExchange(job.state, 0, jobState.queued, jobState.cancelled) === jobState.queued)
      return;
    // Abandoned: the thread removes its files as it stops (and so does this, in case it died); done: they are ours.
    Atomics.compareExchange(job.state, 0, jobState.claimed, jobState.abandoned);
    removeFiles(job.name);
    receive(job.id);
  };
  const ensureWorker = (): boolean => {
    if (failed !== undefined) return false;
    if (worker !== undefined) return true;
    try {
      const channel = new MessageChannel();
      worker = new Worker(options.workerFile ?? binaryCopyConverterFile(), {
        workerData: { port: channel.port2, ready: ready.buffer },
        transferList: [channel.port2],
      });
      port = channel.port1;
      port.unref();
      worker.unref();
      worker.on('error', (error) => {
        failed ??= error;
      });
      worker.on('exit', (code) => {
        failed ??= new Error(`the binary COPY converter thread exited (code ${code})`);
      });
      return true;
    } catch (error) {
      failed = error instanceof Error ? error : new Error(String(error));
      return false;
    }
  };
  /**
   * Waits for the job while the thread works on it: a queued job only once the thread is ready (then it has nothing
   * else to do), a claimed one while its heartbeat moves. False when the job was taken back or given up (stalled).
   */
  const waitFor = (job: Job): boolean => {
    let beat = Atomics.load(job.state, 1);
    let since = Date.now();
    for (;;) {
      const state = Atomics.load(job.state, 0);
      if (state === jobState.done) return true;
      const giveUp = state === jobState.queued ? jobState.cancelled : jobState.abandoned;
      const stalled = Date.now() - since > stallMs;
      if ((state === jobState.queued && (Atomics.load(ready, 0) !== 1 || stalled)) || stalled) {
        if (Atomics.compareExchange(job.state, 0, state, giveUp) === state) {
          if (state === jobState.claimed) removeFiles(job.name);
          if (stalled)
            failed ??= new Error(`the binary COPY converter thread stalled ${stallMs} ms on ${job.file}`);
          return false;
        }
        continue;
      }
      Atomics.wait(job.state, 0, state, 200);
      const now = Atomics.load(job.state, 1);
      if (now !== beat || Atomics.load(job.state, 0) !== state) {
        beat = now;
        since = Date.now();
      }
    }
  };
  return {
    take(spec, file) {
      const job = current;
      current = undefined;
      if (job === undefined) return undefined;
      if (job.spec !== spec || job.file !== file) {
        drop(job);
        return undefined;
      }
      if (!waitFor(job)) return undefined;
      const result = receive(job.id);
      if (result === undefined) {
        removeFiles(job.name);
        return undefined;
      }
      if ('rows' in result) return { name: job.name, rows: result.rows };
      return { declined: new BinaryCopyRefusedError(result.object, result.reason) };
    },
    start(spec, file) {
      if (current !== undefined) drop(current);
      current = undefined;
      if (!ensureWorker() || port === undefined) return;
      const shared = new SharedArrayBuffer(8);
      const job: Job = { id: ids++, spec, file, name: options.nextName(), state: new Int32Array(shared) };
      const message: PrefetchJob = {
        id: job.id,
        spec,
        file,
        s3Directory: options.s3Directory,
        s3Root: options.s3Root,
        scratch: options.scratch,
        name: job.name,
        maxBytes: options.maxBytes,
        state: shared,
      };
      port.postMessage(message);
      current = job;
    },
    discard() {
      if (current !== undefined) drop(current);
      current = undefined;
    },
    async close() {
      const job = current;
      this.discard();
      const stopping = worker;
      worker = undefined;
      failed ??= new Error('the binary COPY prefetcher is closed');
      port?.close();
      if (stopping !== undefined) await stopping.terminate();
      if (job !== undefined) removeFiles(job.name);
    },
    failure() {
      return failed;
    },
    ready() {
      return Atomics.load(ready, 0) === 1 && failed === undefined;
    },
  };
}
