/**
 * Synchronous BZIP2 and LZOP decompression for PGlite's COPY hook, by the machine's own `bzip2` or
 * `lzop` program, as the PostgreSQL engine's server does. Self-contained (node: built-ins and
 * `./errors.ts` only, erasable TypeScript) because the PGlite worker imports it from `src/` on Node 24
 * as well as from both builds.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { RedshiftLocalError, S3ObjectCorruptError, S3ObjectTooLargeError } from './errors.ts';

/** The compressions a program decompresses. */
export type ProgramCompression = 'bzip2' | 'lzop';

/** What to decompress, with which program, where to, and the limit. */
export interface ProgramDecompressOptions {
  /** Open file descriptor of the object (the caller closes it). */
  fd: number;
  /** Host path of the file to write the decompressed bytes to. */
  target: string;
  /** The object as errors name it, e.g. `s3://bucket/key.bz2`. */
  object: string;
  /** Most decompressed bytes; more fails with S3ObjectTooLargeError. */
  maxBytes: number;
  compression: ProgramCompression;
}

// `head -c` stops reading one byte past the limit, so the program ends (SIGPIPE) instead of filling the disk.
const script = 'set -o pipefail; "$0" -dc | head -c "$1" > "$2"';

/**
 * Decompresses the object open on `fd` into `target` with `bzip2 -dc` or `lzop -dc`, blocking until done.
 *
 * @throws RedshiftLocalError (code PROGRAM_NOT_EMULATED) when the program is not installed, naming it.
 * @throws S3ObjectCorruptError when the program fails on the object (truncated, corrupt, another format).
 * @throws S3ObjectTooLargeError when it decompresses to more than `maxBytes`.
 * @example
 * decompressWithProgramSync({ fd, target: '/tmp/object-1', object: 's3://b/a.bz2', maxBytes: 4 * 1024 ** 3, compression: 'bzip2' });
 */
export function decompressWithProgramSync(options: ProgramDecompressOptions): void {
  const { compression, object, target, maxBytes } = options;
  const result = spawnSync('bash', ['-c', script, compression, String(maxBytes + 1), target], {
    stdio: [options.fd, 'ignore', 'pipe'],
  });
  if (result.error !== undefined) {
    throw new RedshiftLocalError(
      'S3_OBJECT_UNREADABLE',
      `${compression} object ${object} could not be decompressed: bash could not run (${result.error.message})`,
      { cause: result.error },
    );
  }
  const written = statSync(target, { throwIfNoEntry: false })?.size ?? 0;
  if (written > maxBytes) throw new S3ObjectTooLargeError(object, maxBytes, { compression });
  if (result.status === 0) return;
  const detail = result.stderr.toString().trim();
  if (result.status === 127) {
    throw new RedshiftLocalError(
      'PROGRAM_NOT_EMULATED',
      `COPY option ${compression.toUpperCase()} needs the ${compression} program on this machine to decompress ${object} on the PGlite engine (install it, e.g. apt-get install ${compression} or brew install ${compression}): ${detail}`,
    );
  }
  throw new S3ObjectCorruptError(object, detail || `${compression} exited with ${result.status}`, {
    compression,
  });
}
