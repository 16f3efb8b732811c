/**
 * The open handshake with a PGlite worker thread: the engine posts `open` (which data dir, which
 * database, which setup SQL), the worker answers `opened` with its backend pid or `open-failed`.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { dataDirOpenFailure } from './data-dir-open-failure';
import { EngineError } from './errors';
import type { PgliteOpenMessage } from './pglite-open-message';
import type { PgliteWorkerMessage } from './pglite-worker-message';

/** What the worker opens: its `open` message without the type. */
export type PgliteOpenSettings = Omit<PgliteOpenMessage, 'type'>;

/** How the engine follows the worker it opens. */
export interface PgliteWorkerListeners {
  /** The worker opened the data dir: called before the open resolves, before any other message. */
  opened(pid: number): void;
  /** Every message after `opened`. */
  message(message: PgliteWorkerMessage): void;
  /** The thread exited, for whatever reason (a crash, a terminate). */
  exit(code: number): void;
}

/**
 * Opens the data dir in `worker`; resolves once it is open. `earlyFailure` is an error the thread raised
 * before the engine took it over (see spawn-pglite-worker.ts): the open then fails with it at once.
 *
 * @example
 * await openPgliteWorker(new Worker(pgliteWorkerFile()), undefined, settings, listeners);
 */
export function openPgliteWorker(
  worker: Worker,
  earlyFailure: Error | undefined,
  settings: PgliteOpenSettings,
  listeners: PgliteWorkerListeners,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (earlyFailure !== undefined) {
      reject(new EngineError('pglite', earlyFailure.message, { cause: earlyFailure }));
      return;
    }
    const onOpen = (message: PgliteWorkerMessage) => {
      if (message.type === 'opened') {
        listeners.opened(message.pid);
        worker.off('message', onOpen);
        worker.on('message', listeners.message);
        resolve();
      } else if (message.type === 'open-failed') {
        worker.off('message', onOpen);
        reject(dataDirOpenFailure(path.resolve(settings.dataDir), message.message));
      }
    };
    worker.on('message', onOpen);
    worker.once('error', (error) => reject(new EngineError('pglite', error.message, { cause: error })));
    worker.on('exit', listeners.exit);
    worker.postMessage({ type: 'open', ...settings });
  });
}
