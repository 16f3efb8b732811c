/**
 * The close handshake with an idle PGlite worker thread: the engine posts `close`, the worker closes
 * PGlite (a clean shutdown: no recovery on the next open) and answers `closed`; then the thread ends.
 */
import type { Worker } from 'node:worker_threads';
import type { PgliteWorkerMessage } from './pglite-worker-message';

/** How long the worker may take to close PGlite before the thread is terminated anyway. */
const closeTimeoutMs = 10_000;

/**
 * Closes PGlite in `worker` and terminates the thread; the worker reads `close` only between requests.
 *
 * @example
 * await closePgliteWorker(worker);
 */
export function closePgliteWorker(worker: Worker): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), closeTimeoutMs);
    worker.once('message', (message: PgliteWorkerMessage) => {
      if (message.type === 'closed') {
        clearTimeout(timer);
        void worker.terminate().then(() => resolve());
      }
    });
    worker.postMessage({ type: 'close' });
  });
}
