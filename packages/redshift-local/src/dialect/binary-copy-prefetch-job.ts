/**
 * What the binary COPY prefetcher (binary-copy-prefetcher.ts) and its converter thread
 * (binary-copy-converter-worker.ts) exchange. Self-contained (erasable TypeScript, type imports only).
 */
import type { DecompressS3ObjectOptions } from './decompress-s3-object.ts';

/** A job's state, element 0 of its shared Int32Array. */
export const jobState = {
  /** Posted, not yet picked up by the thread. */
  queued: 0,
  /** The thread is converting it. */
  claimed: 1,
  /** The thread posted its result; the file (if any) is the hook's. */
  done: 2,
  /** The hook took it back before the thread picked it up: the thread skips it. */
  cancelled: 3,
  /** The hook gave up on it while the thread converted: the thread stops and removes its file. */
  abandoned: 4,
} as const;

/** One object to convert ahead: where it is read from (as decompressS3Object takes it), and its job's own fields. */
export interface PrefetchJob extends Omit<DecompressS3ObjectOptions, 'compression' | 'name'> {
  id: number;
  spec: string;
  /** The binary file's name in the scratch folder (`<name>.in` for a decompressed object). */
  name: string;
  /** Int32Array(2): [state, heartbeat]. */
  state: SharedArrayBuffer;
}

/** The thread's answer: rows written, or why the object was declined. */
export type PrefetchResult = { id: number; rows: number } | { id: number; object: string; reason: string };

/** Narrows a message received on the prefetcher's port. */
export function isPrefetchResult(message: unknown): message is PrefetchResult {
  if (typeof message !== 'object' || message === null || !('id' in message) || typeof message.id !== 'number')
    return false;
  if ('rows' in message) return typeof message.rows === 'number';
  return (
    'object' in message &&
    typeof message.object === 'string' &&
    'reason' in message &&
    typeof message.reason === 'string'
  );
}
