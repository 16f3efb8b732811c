import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/errors';
import { spawnPgliteWorker, startLocalRedshift } from '../src/index';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'spawn-pglite-worker-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Settles with the thread's exit code once it has stopped. */
function exited(worker: Worker): Promise<number> {
  return new Promise((resolve) => worker.once('exit', resolve));
}

describe('spawnPgliteWorker', () => {
  it('is the thread the local Redshift opens its engine in', async () => {
    const spawned = spawnPgliteWorker();
    const stopped = exited(spawned.worker);
    const redshift = await startLocalRedshift({
      dataDir: path.join(root, 'data'),
      s3Root: path.join(root, 's3'),
      pgliteWorker: spawned,
    });
    try {
      // Killing the engine's thread kills this one: an engine that had started a thread of its own
      // would leave it running (and the test would time out waiting for its exit).
      await redshift.crashEngineWorker();
      expect(await stopped).toBeTypeOf('number');
    } finally {
      await redshift.close();
    }
  });

  it('is stopped when the local Redshift refuses its options, so it keeps no process alive', async () => {
    const spawned = spawnPgliteWorker();
    const stopped = exited(spawned.worker);
    await expect(
      startLocalRedshift({ dataDir: path.join(root, 'data'), s3Root: '', pgliteWorker: spawned }),
    ).rejects.toThrow(InvalidOptionError);
    expect(await stopped).toBeTypeOf('number');
  });
});
