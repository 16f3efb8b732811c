/**
 * Starts the PGlite engine's worker thread ahead of the engine. Its own entry point
 * (`@shiftflow/redshift-local/spawn-pglite-worker`) with no other imports than Node's and the
 * error classes, so that a command can start the thread (Node's start of it and PGlite's module
 * load, ~150 ms on a 2-core machine) before it has loaded the rest of the local Redshift.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineError } from './errors';

/**
 * The PGlite worker's file next to this module: the build's `dist/pglite-worker.js` (or `.cjs`), or
 * `src/pglite-worker.ts` when run from source (tests).
 *
 * @throws EngineError when no worker file is there.
 */
export function pgliteWorkerFile(): string {
  const directory = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (const name of ['pglite-worker.js', 'pglite-worker.cjs', 'pglite-worker.mjs', 'pglite-worker.ts']) {
    const file = path.join(directory, name);
    if (existsSync(file)) return file;
  }
  throw new EngineError('pglite', `worker file pglite-worker.{js,cjs,ts} not found in ${directory}`);
}

/** A PGlite worker thread started before its engine; it touches no data dir until told to open one. */
export interface SpawnedPgliteWorker {
  readonly worker: Worker;
  /**
   * Hands the thread over to the engine: stops keeping its early errors and returns the first one it
   * raised, if any (the engine reports it as its open's failure).
   */
  takeOver(): Error | undefined;
}

/**
 * Starts a PGlite worker thread for an engine to take over (`createPgliteEngine`'s `worker` option,
 * `startLocalRedshift`'s `pgliteWorker`). Whoever spawns it terminates it when no engine took it
 * over: it waits for its open message and keeps the process alive until then.
 *
 * @example
 * const spawned = spawnPgliteWorker();
 * const redshift = await startLocalRedshift({ dataDir, s3Root, pgliteWorker: spawned });
 */
export function spawnPgliteWorker(): SpawnedPgliteWorker {
  const worker = new Worker(pgliteWorkerFile());
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  worker.on('error', onError);
  return {
    worker,
    takeOver() {
      worker.off('error', onError);
      return failure;
    },
  };
}
