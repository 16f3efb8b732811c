/**
 * The binary COPY prefetcher's converter thread (binary-copy-converter-worker.ts): started on first use, its port,
 * its ready flag and why it is unavailable. Self-contained (node: built-ins and `.ts` imports of self-contained files,
 * erasable TypeScript) because the PGlite worker imports it from `src/`.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { binaryCopyConverterFile } from './binary-copy-converter-file.ts';
import { isPrefetchResult, type PrefetchResult } from './binary-copy-prefetch-job.ts';

/** The prefetcher's handle on its converter thread. */
export interface BinaryCopyConverterThread {
  /** The port jobs go to, the thread started at the first call; undefined once the thread failed or was closed. */
  port(): MessagePort | undefined;
  /**
   * The result of job `id`, skipping the results of jobs no longer wanted (their files were removed when they were
   * given up); undefined when it has not arrived.
   */
  receive(id: number): PrefetchResult | undefined;
  /** True once the thread has set its ready flag (it listens for jobs), whether or not it failed since. */
  listening(): boolean;
  /** Marks the thread unavailable for `reason`, unless it already is. */
  fail(reason: Error): void;
  /** Why the thread is unavailable (it failed to start, died, stalled or was closed), if it is. */
  failure(): Error | undefined;
  /** True once the thread listens for jobs and has not failed. */
  ready(): boolean;
  /** Marks the thread closed, closes the port and stops the thread. */
  close(): Promise<void>;
}

/**
 * Creates the handle; the thread starts at the first {@link BinaryCopyConverterThread.port}, unref()'d (it never keeps
 * a process alive).
 *
 * @example
 * const thread = createBinaryCopyConverterThread(undefined);
 * thread.port()?.postMessage(job);
 */
export function createBinaryCopyConverterThread(workerFile: string | undefined): BinaryCopyConverterThread {
  let worker: Worker | undefined;
  let port: MessagePort | undefined;
  let failed: Error | undefined;
  /** [0]: 1 once the thread listens for jobs. */
  const readyFlag = new Int32Array(new SharedArrayBuffer(4));
  const ensureWorker = (): boolean => {
    if (failed !== undefined) return false;
    if (worker !== undefined) return true;
    try {
      const channel = new MessageChannel();
      worker = new Worker(workerFile ?? binaryCopyConverterFile(), {
        workerData: { port: channel.port2, ready: readyFlag.buffer },
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
  return {
    port: () => (ensureWorker() ? port : undefined),
    receive(id) {
      for (;;) {
        const received = port === undefined ? undefined : receiveMessageOnPort(port);
        if (received === undefined) return undefined;
        if (isPrefetchResult(received.message) && received.message.id === id) return received.message;
      }
    },
    listening: () => Atomics.load(readyFlag, 0) === 1,
    fail(reason) {
      failed ??= reason;
    },
    failure: () => failed,
    ready: () => Atomics.load(readyFlag, 0) === 1 && failed === undefined,
    async close() {
      const stopping = worker;
      worker = undefined;
      failed ??= new Error('the binary COPY prefetcher is closed');
      port?.close();
      if (stopping !== undefined) await stopping.terminate();
    },
  };
}
