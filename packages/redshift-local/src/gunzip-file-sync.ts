/**
 * Synchronous, streaming gzip and zstd decompression (node:zlib) for PGlite's COPY hook, which must answer before it
 * returns. Self-contained (node: built-ins and `./errors.ts` only, erasable TypeScript) because the
 * PGlite worker imports it from `src/` on Node 24 as well as from both builds.
 */
import { Worker } from 'node:worker_threads';
import { RedshiftLocalError, S3ObjectCorruptError, S3ObjectTooLargeError } from './errors.ts';

/**
 * Default most bytes one gzip object may decompress to locally: 4 GiB, far above the sample data and
 * far below a decompression bomb filling the disk.
 *
 * @example
 * gunzipFileSync({ fd, target, object, maxBytes: defaultMaxDecompressedBytes });
 */
export const defaultMaxDecompressedBytes = 4 * 1024 ** 3;

const maxMessageBytes = 1024;

/**
 * Streams the file → gunzip → a byte counter → the target file, in a helper thread so memory stays at
 * a few stream buffers whatever the object's size. Plain CommonJS, run with `eval`: no build step and
 * no file to find. States: 1 done, 2 not gzip/zstd or truncated, 3 over the limit, 4 anything else, 5 no zstd
 * in this Node.js (node:zlib has it from Node 22.15 and 23.8).
 */
const workerSource = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { pipeline, Readable, Transform } = require('node:stream');
const { fd, target, maxBytes, shared, format } = workerData;
const state = new Int32Array(shared, 0, 2);
const text = new Uint8Array(shared, 8);
function finish(code, message) {
  const bytes = Buffer.from(String(message)).subarray(0, text.length);
  text.set(bytes);
  Atomics.store(state, 1, bytes.length);
  Atomics.store(state, 0, code);
  Atomics.notify(state, 0);
}
process.on('uncaughtException', (error) => finish(4, error && error.message));
let total = 0;
let overLimit = false;
const counter = new Transform({
  transform(chunk, _encoding, callback) {
    total += chunk.length;
    if (total > maxBytes) {
      overLimit = true;
      callback(new Error('over the limit'));
    } else callback(null, chunk);
  },
});
// Reads the caller's fd without ever closing it (a file stream closes its fd when destroyed by an error,
// even with autoClose false, and the caller closes it again: EBADF, or another file's reused fd).
const source = new Readable({
  read() {
    const chunk = Buffer.allocUnsafe(65536);
    fs.read(fd, chunk, 0, chunk.length, null, (error, bytesRead) => {
      if (error) this.destroy(error);
      else this.push(bytesRead === 0 ? null : chunk.subarray(0, bytesRead));
    });
  },
});
if (format === 'zstd' && typeof zlib.createZstdDecompress !== 'function') {
  finish(5, 'node:zlib of Node.js ' + process.version + ' has no zstd');
} else {
  const decompressor = format === 'zstd' ? zlib.createZstdDecompress() : zlib.createGunzip();
  pipeline(source, decompressor, counter, fs.createWriteStream(target), (error) => {
    if (!error) finish(1, '');
    else if (overLimit) finish(3, error.message);
    else if (typeof error.code === 'string' && /^(Z_|ZSTD_)/.test(error.code)) finish(2, error.message);
    else finish(4, error.message);
  });
}
`;

/** What to decompress, where to, and the limit. */
export interface GunzipFileOptions {
  /** Open file descriptor of the gzip object (the caller closes it). */
  fd: number;
  /** Host path of the file to write the decompressed bytes to. */
  target: string;
  /** The object as errors name it, e.g. `s3://bucket/key.gz`. */
  object: string;
  /** Most decompressed bytes; more fails with S3ObjectTooLargeError. */
  maxBytes: number;
  /** `gzip` (default) or `zstd`. */
  format?: 'gzip' | 'zstd' | undefined;
}

/**
 * Decompresses the gzip file open on `fd` into `target`, blocking the calling thread until done (the
 * work streams in a helper thread). Multi-member gzip files are read whole, as `gzip -dc` does.
 *
 * @throws S3ObjectCorruptError when the object is truncated, corrupt or not gzip.
 * @throws S3ObjectTooLargeError when it decompresses to more than `maxBytes`.
 * @throws RedshiftLocalError (code S3_OBJECT_UNREADABLE) when reading or writing fails otherwise (disk full, …).
 * @example
 * gunzipFileSync({ fd, target: '/tmp/object-1', object: 's3://bucket/a.gz', maxBytes: defaultMaxDecompressedBytes });
 */
export function gunzipFileSync(options: GunzipFileOptions): void {
  const shared = new SharedArrayBuffer(8 + maxMessageBytes);
  const state = new Int32Array(shared, 0, 2);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      fd: options.fd,
      target: options.target,
      maxBytes: options.maxBytes,
      shared,
      format: options.format ?? 'gzip',
    },
  });
  // The helper thread sets the state once; waiting needs no timeout (a cancel terminates this thread).
  while (Atomics.load(state, 0) === 0) Atomics.wait(state, 0, 0);
  void worker.terminate();
  const code = Atomics.load(state, 0);
  const message = Buffer.from(new Uint8Array(shared, 8, Atomics.load(state, 1))).toString();
  if (code === 1) return;
  const compression = options.format ?? 'gzip';
  if (code === 2) throw new S3ObjectCorruptError(options.object, message, { compression });
  if (code === 3) throw new S3ObjectTooLargeError(options.object, options.maxBytes, { compression });
  if (code === 5) {
    throw new RedshiftLocalError(
      'PROGRAM_NOT_EMULATED',
      `COPY option ZSTD needs Node.js 22.15 or later on the PGlite engine (${message}): object ${options.object}`,
    );
  }
  throw new RedshiftLocalError(
    'S3_OBJECT_UNREADABLE',
    `${options.format ?? 'gzip'} object ${options.object} could not be decompressed into ${options.target}: ${message}`,
  );
}
