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
import { rmSync } from 'node:fs';
import path from 'node:path';
import { BinaryCopyRefusedError } from '../errors.ts';
import { createBinaryCopyConverterThread } from './binary-copy-converter-thread.ts';
import type { PrefetchJob } from './binary-copy-prefetch-job.ts';
import { jobState } from './binary-copy-prefetch-job.ts';
import { waitForPrefetchJob } from './wait-for-prefetch-job.ts';

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

interface Job {
  id: number;
  spec: string;
  file: string;
  name: string;
  state: Int32Array;
}

/** Job `id` converting (spec, file) into a fresh scratch file, and the message that posts it to the thread. */
function createJob(
  options: BinaryCopyPrefetcherOptions,
  id: number,
  spec: string,
  file: string,
): { job: Job; message: PrefetchJob } {
  const shared = new SharedArrayBuffer(8);
  const job: Job = { id, spec, file, name: options.nextName(), state: new Int32Array(shared) };
  const message: PrefetchJob = {
    id,
    spec,
    file,
    s3Directory: options.s3Directory,
    s3Root: options.s3Root,
    scratch: options.scratch,
    name: job.name,
    maxBytes: options.maxBytes,
    state: shared,
  };
  return { job, message };
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
  const thread = createBinaryCopyConverterThread(options.workerFile);
  let current: Job | undefined;
  let ids = 0;
  const removeFiles = (name: string) => {
    rmSync(path.join(options.scratch, name), { force: true });
    rmSync(path.join(options.scratch, `${name}.in`), { force: true });
  };
  const drop = (job: Job) => {
    if (Atomics.compareExchange(job.state, 0, jobState.queued, jobState.cancelled) === jobState.queued)
      return;
    // Abandoned: the thread removes its files as it stops (and so does this, in case it died); done: they are ours.
    Atomics.compareExchange(job.state, 0, jobState.claimed, jobState.abandoned);
    removeFiles(job.name);
    thread.receive(job.id);
  };
  /** False when the job was taken back or given up (stalled); its files are removed. */
  const waitFor = (job: Job): boolean => {
    const wait = waitForPrefetchJob(job.state, thread.listening, stallMs);
    if (wait.done) return true;
    if (wait.claimed) removeFiles(job.name);
    if (wait.stalled)
      thread.fail(new Error(`the binary COPY converter thread stalled ${stallMs} ms on ${job.file}`));
    return false;
  };
  const post = (spec: string, file: string): Job | undefined => {
    const port = thread.port();
    if (port === undefined) return undefined;
    const { job, message } = createJob(options, ids++, spec, file);
    port.postMessage(message);
    return job;
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
      const result = thread.receive(job.id);
      if (result === undefined) {
        removeFiles(job.name);
        return undefined;
      }
      if ('rows' in result) return { name: job.name, rows: result.rows };
      return { declined: new BinaryCopyRefusedError(result.object, result.reason) };
    },
    start(spec, file) {
      if (current !== undefined) drop(current);
      current = post(spec, file);
    },
    discard() {
      if (current !== undefined) drop(current);
      current = undefined;
    },
    async close() {
      const job = current;
      this.discard();
      await thread.close();
      if (job !== undefined) removeFiles(job.name);
    },
    failure: () => thread.failure(),
    ready: () => thread.ready(),
  };
}
