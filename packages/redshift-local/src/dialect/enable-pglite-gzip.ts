/**
 * PGlite's stand-in for `COPY … FROM PROGRAM '<gzip|bzip2|zstd|lzop> -dc …'`. Self-contained (node: built-ins and
 * `.ts` imports of self-contained files, erasable TypeScript) because the PGlite worker imports it
 * from `src/` on Node 24 as well as from both builds.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { BinaryCopyRefusedError, RedshiftLocalError } from '../errors.ts';
import { defaultMaxDecompressedBytes } from '../gunzip-file-sync.ts';
import { binaryCopyCommand, writeBinaryCopyFile } from './binary-copy-file.ts';
import { createBinaryCopyPrefetcher, type PrefetchOutcome } from './binary-copy-prefetcher.ts';
import { decompressS3Object } from './decompress-s3-object.ts';

/**
 * The only external commands the COPY helper runs: `<tool> -dc '<path>'` (path in shell single quotes) for
 * COPY's GZIP, BZIP2, ZSTD and LZOP options.
 */
const decompressCommand = /^(gzip|bzip2|zstd|lzop) -dc '((?:[^']|'\\'')*)'$/s;

/** Where the scratch folder of decompressed objects is mounted in PGlite's file system. */
const scratchMountPoint = '/shiftflow-gunzip';

/** Settings of {@link enablePgliteGzip}. */
export interface PgliteGzipOptions {
  /** Where the local S3 folder is mounted (with NODEFS) in PGlite's file system. Defaults to `/s3`. */
  s3Directory?: string | undefined;
  /**
   * Host folder that holds each decompressed object while it loads (unlinked as soon as PostgreSQL has
   * opened it). Defaults to a new folder in the OS temp folder, removed when the process exits.
   */
  scratchDirectory?: string | undefined;
  /** Most bytes one object may decompress to. Defaults to 4 GiB (`defaultMaxDecompressedBytes`). */
  maxDecompressedBytes?: number | undefined;
  /**
   * The binary COPY converter thread's file (binary-copy-converter-worker.{js,cjs,ts} beside this code by default);
   * tests point it at a thread that fails, to check the hook then converts in its own thread.
   */
  binaryCopyConverterFile?: string | undefined;
  /** Longest wait for the converter thread without a chunk read before the hook converts itself. Default 30 s. */
  binaryCopyConverterStallMs?: number | undefined;
}

/** One object the binary COPY accelerator loaded (`rows`) or declined (`declined`, why). */
export interface BinaryCopyOutcome {
  /** The object's path in PGlite's file system, e.g. `/s3/bucket/key`. */
  file: string;
  /** Rows written to the binary COPY file, when it was made. */
  rows?: number | undefined;
  /** Why the object was declined (the text COPY then loads it). */
  declined?: BinaryCopyRefusedError | undefined;
  /** True when the converter thread converted it ahead (while PGlite loaded the previous object). */
  prefetched: boolean;
}

/** Most outcomes kept between two {@link PgliteGzip.takeBinaryCopyOutcomes} calls (the oldest go first). */
const maxOutcomes = 1000;

/** The installed hook. */
export interface PgliteGzip {
  /**
   * Why the binary COPY converter thread (which converts the COPY's next object while PGlite loads the current one)
   * is unavailable, if it is: the hook then converts each object in its own thread, as fast as before the thread.
   */
  binaryCopyConverterFailure(): Error | undefined;
  /** True once the converter thread (started at the first binary COPY of several objects) listens for jobs. */
  binaryCopyConverterReady(): boolean;
  /**
   * What the binary COPY accelerator (`shiftflow-binary-copy`) did with each object since the last call, oldest
   * first, and forgets it. A declined object is not an error: the COPY helper loaded it with the text COPY.
   */
  takeBinaryCopyOutcomes(): BinaryCopyOutcome[];
  /**
   * The typed error of the last gzip command the hook refused or failed (the COPY itself fails with
   * PostgreSQL's `could not execute command "gzip -dc …"`), and forgets it. Undefined when none failed.
   */
  takeError(): RedshiftLocalError | undefined;
}

/** The host folder behind a NODEFS mount, read from an emscripten FS node without casts. */
function nodefsRoot(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || !('mount' in node)) return undefined;
  const mount = node.mount;
  if (typeof mount !== 'object' || mount === null || !('opts' in mount)) return undefined;
  const options = mount.opts;
  if (typeof options !== 'object' || options === null || !('root' in options)) return undefined;
  return typeof options.root === 'string' ? options.root : undefined;
}

/**
 * Lets `COPY … GZIP` (and BZIP2, ZSTD, LZOP) work on PGlite, inside the local S3 jail. PGlite has no processes, but
 * `COPY … FROM PROGRAM` reaches its `handleExternalCmd` hook (undocumented; `@electric-sql/pglite` is
 * pinned to 0.5.17 for it). The hook serves exactly the COPY helper's `<tool> -dc '<s3Directory>/bucket/key'`
 * (tool gzip, bzip2, zstd or lzop),
 * wherever the command comes from (a COPY, a procedure, `EXECUTE`, `DO`): the bucket and key must follow
 * S3's rules, the object must be a regular file whose real path is inside the local S3 folder, and it is
 * decompressed on the host, gzip and zstd by node:zlib streams, bzip2 and lzop by the machine's `bzip2` and
 * `lzop` programs (bounded memory, at most `maxDecompressedBytes`). Any other
 * command, and any object refused or corrupt, fails the COPY; {@link PgliteGzip.takeError} says why.
 * It also serves the COPY helper's binary COPY accelerator, `shiftflow-binary-copy <spec> '<s3Directory>/bucket/key' '<next>'`:
 * the object (decompressed first for a compressed COPY) is converted into PostgreSQL's binary COPY format in the
 * scratch folder (writeBinaryCopyFile) when every line is in the strict subset whose binary load is what the text
 * COPY would load; otherwise the command is declined (the binary COPY fails, the COPY helper runs its text COPY) and
 * {@link PgliteGzip.takeBinaryCopyOutcomes} says why, not takeError. While PGlite loads an object, a converter thread
 * converts the COPY's next one (`<next>`, binary-copy-prefetcher.ts); the hook falls back to converting in its own
 * thread whenever that thread is not there or not converting. Setting `shiftflow.binary_copy = off` turns it off.
 * Its scratch folder, mounted at `/shiftflow-gunzip`, tells the COPY helper to use it (it also sets
 * `shiftflow.pglite_gzip_program = on`, which a session's RESET ALL clears). Call it after
 * every open, in the thread that owns the PGlite instance.
 *
 * @example
 * ```ts
 * const pg = await PGlite.create({ dataDir });
 * pg.Module.FS.mkdirTree('/s3');
 * pg.Module.FS.mount(pg.Module.NODEFS, { root: s3Root }, '/s3');
 * await pg.exec(compatibilitySql);
 * const gzip = await enablePgliteGzip(pg);
 * await pg.exec(translateRedshiftSql("copy t from 's3://bucket/data.gz' gzip"));
 * ```
 */
export async function enablePgliteGzip(pglite: PGlite, options: PgliteGzipOptions = {}): Promise<PgliteGzip> {
  const module = pglite.Module;
  const s3Directory = options.s3Directory ?? '/s3';
  const s3Root = nodefsRoot(module.FS.lookupPath(s3Directory, { follow: true }).node);
  if (s3Root === undefined) {
    throw new RedshiftLocalError(
      'S3_FOLDER_NOT_MOUNTED',
      `enablePgliteGzip: ${s3Directory} is not a NODEFS mount of the local S3 folder; mount it first (FS.mount(NODEFS, { root }, '${s3Directory}'))`,
    );
  }
  const maxBytes = options.maxDecompressedBytes ?? defaultMaxDecompressedBytes;
  const scratch = options.scratchDirectory ?? mkdtempSync(path.join(os.tmpdir(), 'shiftflow-gunzip-'));
  if (options.scratchDirectory === undefined)
    process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  mkdirSync(scratch, { recursive: true });
  module.FS.mkdirTree(scratchMountPoint);
  module.FS.mount(module.NODEFS, { root: scratch }, scratchMountPoint);

  let counter = 0;
  let lastError: RedshiftLocalError | undefined;
  let outcomes: BinaryCopyOutcome[] = [];
  const record = (outcome: BinaryCopyOutcome) => {
    outcomes.push(outcome);
    if (outcomes.length > maxOutcomes) outcomes.shift();
  };
  const unhandled = pglite.handleExternalCmd.bind(pglite);
  /** Decompresses the object named by the command's path; returns the file's name in the scratch folder. */
  const decompress = (compression: string, file: string): string =>
    decompressS3Object({
      compression,
      file,
      s3Directory,
      s3Root,
      scratch,
      maxBytes,
      name: `object-${process.pid}-${counter++}`,
    });
  const nextBinaryName = () => `binary-${process.pid}-${counter++}`;
  const prefetcher = createBinaryCopyPrefetcher({
    s3Directory,
    s3Root,
    scratch,
    maxBytes,
    nextName: nextBinaryName,
    workerFile: options.binaryCopyConverterFile,
    stallMs: options.binaryCopyConverterStallMs,
  });
  /** Converts the object here, in this thread (no prefetch ready): the binary file's name and rows, or the decline. */
  const convertHere = (spec: string, file: string): PrefetchOutcome => {
    try {
      const made = writeBinaryCopyFile({
        spec,
        file,
        s3Directory,
        s3Root,
        scratch,
        nextName: nextBinaryName,
        decompress,
      });
      return { name: made.name, rows: made.rows };
    } catch (error) {
      return {
        declined:
          error instanceof BinaryCopyRefusedError
            ? error
            : new BinaryCopyRefusedError(file, String(error), { cause: error }),
      };
    }
  };
  /** fopen()s the scratch file `name` for PostgreSQL; the open stream keeps the data, the name goes at once. */
  const openAndUnlink = (name: string, mode: string): number => {
    const stack = module.stackSave();
    try {
      const stream = module._fopen(
        module.stringToUTF8OnStack(`${scratchMountPoint}/${name}`),
        module.stringToUTF8OnStack(mode),
      );
      module.FS.unlink(`${scratchMountPoint}/${name}`);
      return stream;
    } finally {
      module.stackRestore(stack);
    }
  };
  pglite.handleExternalCmd = (command: string, mode: string): number => {
    // PGlite's own use of the hook (initdb's locale listing) keeps working.
    if (command.startsWith('locale -a')) return unhandled(command, mode);
    const match = decompressCommand.exec(command);
    const binary = binaryCopyCommand.exec(command);
    let name: string;
    if (binary !== null && mode === 'r') {
      const spec = binary[1]!;
      const file = binary[2]!.replaceAll("'\\''", "'");
      const next = binary[3]!.replaceAll("'\\''", "'");
      // Object k+1 converts in the converter thread while PGlite loads object k (this one).
      const prefetched = prefetcher.take(spec, file);
      const outcome = prefetched ?? convertHere(spec, file);
      if (next !== '' && next !== file) prefetcher.start(spec, next);
      if ('declined' in outcome) {
        // Declined (or unreadable): a NULL stream fails the binary COPY and the COPY helper runs the text COPY,
        // which loads the object or raises the real error. Kept for takeBinaryCopyOutcomes, not for takeError.
        record({ file, declined: outcome.declined, prefetched: prefetched !== undefined });
        return 0;
      }
      record({ file, rows: outcome.rows, prefetched: prefetched !== undefined });
      return openAndUnlink(outcome.name, mode);
    }
    try {
      if (match === null || mode !== 'r') {
        throw new RedshiftLocalError(
          'PROGRAM_NOT_EMULATED',
          `COPY … FROM PROGRAM ${JSON.stringify(command)} is not emulated locally: only the COPY helper's gzip, bzip2, zstd or lzop -dc of a local S3 object runs`,
        );
      }
      name = decompress(match[1]!, match[2]!.replaceAll("'\\''", "'"));
    } catch (error) {
      // A NULL stream makes PostgreSQL fail the COPY ('could not execute command "gzip -dc …"'); an
      // exception thrown through the WASM boundary instead would leave the statement looking successful.
      lastError =
        error instanceof RedshiftLocalError
          ? error
          : new RedshiftLocalError('S3_OBJECT_UNREADABLE', `${command}: ${String(error)}`, { cause: error });
      return 0;
    }
    return openAndUnlink(name, mode);
  };
  // The converter thread stops, and its unused file goes, when the instance closes.
  const close = pglite.close.bind(pglite);
  pglite.close = async () => {
    await prefetcher.close();
    await close();
  };
  await pglite.exec(`SET shiftflow.pglite_gzip_program = 'on'`);
  return {
    binaryCopyConverterFailure() {
      return prefetcher.failure();
    },
    binaryCopyConverterReady() {
      return prefetcher.ready();
    },
    takeBinaryCopyOutcomes() {
      const taken = outcomes;
      outcomes = [];
      return taken;
    },
    takeError() {
      const error = lastError;
      lastError = undefined;
      return error;
    },
  };
}
