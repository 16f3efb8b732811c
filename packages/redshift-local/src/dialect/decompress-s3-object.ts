/**
 * Decompresses one local S3 object into the scratch folder, for the COPY helper's `<tool> -dc` commands and the binary
 * COPY converter. Self-contained (node: built-ins and `.ts` imports of self-contained files, erasable TypeScript)
 * because the PGlite worker and the binary COPY converter thread import it from `src/`.
 */
import { closeSync, rmSync } from 'node:fs';
import path from 'node:path';
import { decompressWithProgramSync } from '../decompress-with-program-sync.ts';
import { S3ObjectRefusedError } from '../errors.ts';
import { gunzipFileSync } from '../gunzip-file-sync.ts';
import { openS3ObjectFile } from '../open-s3-object-file.ts';

/** Where an object is read from and decompressed to. */
export interface DecompressS3ObjectOptions {
  /** gzip, bzip2, zstd or lzop. */
  compression: string;
  /** The object's path in PGlite's file system, under `s3Directory`. */
  file: string;
  /** Where the local S3 folder is mounted in PGlite's file system, e.g. `/s3`. */
  s3Directory: string;
  /** The local S3 folder on the host. */
  s3Root: string;
  /** Host scratch folder. */
  scratch: string;
  /** The decompressed file's name in the scratch folder. */
  name: string;
  /** Most bytes the object may decompress to. */
  maxBytes: number;
}

/**
 * Decompresses `file` (read through the local S3 jail) into `scratch/name`: gzip and zstd by node:zlib streams,
 * bzip2 and lzop by the machine's programs. Nothing is left in the scratch folder when it throws.
 *
 * @throws S3ObjectRefusedError outside the jail; S3ObjectCorruptError, S3ObjectTooLargeError, RedshiftLocalError.
 * @example
 * decompressS3Object({ compression: 'gzip', file: '/s3/bucket/key.gz', s3Directory: '/s3', s3Root, scratch, name, maxBytes });
 */
export function decompressS3Object(options: DecompressS3ObjectOptions): string {
  const { compression, file, s3Directory, scratch, name, maxBytes } = options;
  if (!file.startsWith(`${s3Directory}/`)) {
    throw new S3ObjectRefusedError(file, `${compression} -dc reads only objects under ${s3Directory}/`);
  }
  const object = `s3://${file.slice(s3Directory.length + 1)}`;
  const fd = openS3ObjectFile(options.s3Root, file.slice(s3Directory.length + 1), object);
  const target = path.join(scratch, name);
  try {
    if (compression === 'bzip2' || compression === 'lzop') {
      decompressWithProgramSync({ fd, target, object, maxBytes, compression });
    } else gunzipFileSync({ fd, target, object, maxBytes, format: compression === 'zstd' ? 'zstd' : 'gzip' });
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  } finally {
    closeSync(fd);
  }
  return name;
}
