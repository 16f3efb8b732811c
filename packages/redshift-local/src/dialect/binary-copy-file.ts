/**
 * The host side of `COPY … FROM PROGRAM 'shiftflow-binary-copy <spec> <path>'` on PGlite: converts one local S3
 * object (decompressed first when the spec names GZIP, BZIP2, ZSTD or LZOP) into a binary COPY file in the scratch
 * folder. Self-contained (node: built-ins and `.ts` imports of self-contained files, erasable TypeScript) because the
 * PGlite worker imports it from `src/`.
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BinaryCopyRefusedError, RedshiftLocalError } from '../errors.ts';
import { openS3ObjectFile } from '../open-s3-object-file.ts';
import { type BinaryCopySpec, parseBinaryCopySpec } from './binary-copy-spec.ts';
import { convertTextToBinaryCopy } from './text-to-binary-copy.ts';

/**
 * The only binary command the hook serves: `shiftflow-binary-copy <spec> '<path>' '<next path or empty>'` (paths in
 * shell single quotes; the next path is the COPY's next object, which the hook converts ahead in its converter thread).
 */
export const binaryCopyCommand =
  /^shiftflow-binary-copy ([0-9a-z,:-]+) '((?:[^']|'\\'')*)' '((?:[^']|'\\'')*)'$/s;

/** Where a binary COPY file comes from and goes to. */
export interface BinaryCopyFileOptions {
  /** The command's spec (see binary-copy-spec.ts). */
  spec: string;
  /** The object's path in PGlite's file system, under `s3Directory`. */
  file: string;
  /** Where the local S3 folder is mounted in PGlite's file system, e.g. `/s3`. */
  s3Directory: string;
  /** The local S3 folder on the host. */
  s3Root: string;
  /** Host scratch folder. */
  scratch: string;
  /** A fresh file name in the scratch folder. */
  nextName: () => string;
  /** Decompresses `file` with `compression` into the scratch folder; returns the file's name there. */
  decompress: (compression: string, file: string) => string;
  /** Called after each chunk read (a heartbeat; may throw to stop the conversion). */
  onChunk?: (() => void) | undefined;
}

/** What {@link writeBinaryCopyFile} made. */
export interface BinaryCopyFile {
  /** The binary COPY file's name in the scratch folder. */
  name: string;
  /** The object, as `s3://bucket/key`. */
  object: string;
  rows: number;
}

/** Converts the text open on `input` into the scratch file `name`; closes `input`. */
function convertFd(
  input: number,
  spec: BinaryCopySpec,
  options: BinaryCopyFileOptions,
  object: string,
  name: string,
): number {
  try {
    const output = openSync(path.join(options.scratch, name), 'w');
    try {
      return convertTextToBinaryCopy(spec, input, output, object, undefined, options.onChunk);
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
}

/**
 * Writes the binary COPY file of the object `options.file` into the scratch folder, reading it through the local S3
 * jail (openS3ObjectFile). Nothing is left in the scratch folder when it throws.
 *
 * @throws BinaryCopyRefusedError when the object is outside the binary subset, cannot be read or decompressed, or
 * the file cannot be written: the COPY helper then runs the text COPY, which loads the object or fails with the
 * real error.
 * @example
 * const { name, rows } = writeBinaryCopyFile({ spec: '7c:01:0::0:-:i4', file: '/s3/bucket/key', ... });
 */
export function writeBinaryCopyFile(options: BinaryCopyFileOptions): BinaryCopyFile {
  const { file, s3Directory } = options;
  const object = `s3://${file.slice(s3Directory.length + 1)}`;
  if (!file.startsWith(`${s3Directory}/`)) {
    throw new BinaryCopyRefusedError(file, `shiftflow-binary-copy reads only objects under ${s3Directory}/`);
  }
  const name = options.nextName();
  let decompressed: string | undefined;
  try {
    const spec = parseBinaryCopySpec(options.spec);
    let input: number;
    if (spec.compression !== undefined) {
      decompressed = options.decompress(spec.compression, file);
      input = openSync(path.join(options.scratch, decompressed), 'r');
    } else {
      input = openS3ObjectFile(options.s3Root, file.slice(s3Directory.length + 1), object);
    }
    return { name, object, rows: convertFd(input, spec, options, object, name) };
  } catch (error) {
    rmSync(path.join(options.scratch, name), { force: true });
    if (error instanceof BinaryCopyRefusedError) throw error;
    const reason = error instanceof RedshiftLocalError ? `${error.code}: ${error.message}` : String(error);
    throw new BinaryCopyRefusedError(object, reason, { cause: error });
  } finally {
    if (decompressed !== undefined) rmSync(path.join(options.scratch, decompressed), { force: true });
  }
}
