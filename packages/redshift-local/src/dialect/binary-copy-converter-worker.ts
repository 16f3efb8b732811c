/**
 * The binary COPY converter thread: converts the COPY's next object (writeBinaryCopyFile) while PGlite loads the
 * current one, for binary-copy-prefetcher.ts. Its own build entry, loaded from `src/` too, so self-contained (node:
 * built-ins and `.ts` imports of self-contained files, erasable TypeScript).
 *
 * A job's shared state (Int32Array of 2): [0] the job state (see jobState), [1] a heartbeat bumped per chunk read.
 * The thread claims a queued job (QUEUED → CLAIMED), posts its result on the port, then marks it DONE; a job the
 * hook took back (CANCELLED) is skipped, one it gave up on (ABANDONED) stops at the next chunk and its file goes.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { MessagePort, workerData } from 'node:worker_threads';
import { BinaryCopyRefusedError } from '../errors.ts';
import { writeBinaryCopyFile } from './binary-copy-file.ts';
import { jobState, type PrefetchJob, type PrefetchResult } from './binary-copy-prefetch-job.ts';
import { decompressS3Object } from './decompress-s3-object.ts';

function run(job: PrefetchJob, state: Int32Array): PrefetchResult {
  try {
    const made = writeBinaryCopyFile({
      spec: job.spec,
      file: job.file,
      s3Directory: job.s3Directory,
      s3Root: job.s3Root,
      scratch: job.scratch,
      nextName: () => job.name,
      decompress: (compression, file) =>
        decompressS3Object({ ...job, compression, file, name: `${job.name}.in` }),
      onChunk: () => {
        Atomics.add(state, 1, 1);
        if (Atomics.load(state, 0) === jobState.abandoned) throw new Error('prefetch abandoned by the hook');
      },
    });
    return { id: job.id, rows: made.rows };
  } catch (error) {
    const refused =
      error instanceof BinaryCopyRefusedError ? error : new BinaryCopyRefusedError(job.file, String(error));
    return { id: job.id, object: refused.object, reason: refused.reason };
  }
}

function handle(port: MessagePort, job: PrefetchJob): void {
  const state = new Int32Array(job.state);
  if (Atomics.compareExchange(state, 0, jobState.queued, jobState.claimed) !== jobState.queued) return;
  Atomics.notify(state, 0);
  port.postMessage(run(job, state));
  if (Atomics.compareExchange(state, 0, jobState.claimed, jobState.done) !== jobState.claimed) {
    // The hook gave up on it: nobody will open the file.
    rmSync(path.join(job.scratch, job.name), { force: true });
    rmSync(path.join(job.scratch, `${job.name}.in`), { force: true });
  }
  Atomics.notify(state, 0);
}

const data: unknown = workerData;
if (
  typeof data === 'object' &&
  data !== null &&
  'port' in data &&
  data.port instanceof MessagePort &&
  'ready' in data &&
  data.ready instanceof SharedArrayBuffer
) {
  const port = data.port;
  port.on('message', (message: PrefetchJob) => handle(port, message));
  // The hook waits for a queued job only once this is set.
  Atomics.store(new Int32Array(data.ready), 0, 1);
}
