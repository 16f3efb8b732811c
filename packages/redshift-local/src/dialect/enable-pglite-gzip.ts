/**
 * PGlite's stand-in for `COPY … FROM PROGRAM '<gzip|bzip2|zstd|lzop> -dc …'`. Self-contained (node: built-ins and
 * `.ts` imports of self-contained files, erasable TypeScript) because the PGlite worker imports it
 * from `src/` on Node 24 as well as from both builds.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { RedshiftLocalError } from '../errors.ts';
import { defaultMaxDecompressedBytes } from '../gunzip-file-sync.ts';
import { type BinaryCopyOutcome, createBinaryCopyOutcomeLog } from './binary-copy-outcome-log.ts';
import { createBinaryCopyPrefetcher } from './binary-copy-prefetcher.ts';
import { convertBinaryCopyHere } from './convert-binary-copy-here.ts';
import { createCopyProgramHook } from './copy-program-hook.ts';
import { decompressS3Object } from './decompress-s3-object.ts';
import { mountScratchFolder } from './mount-scratch-folder.ts';
import { mountedS3Root } from './mounted-s3-root.ts';
import { openScratchFile } from './open-scratch-file.ts';

export type { BinaryCopyOutcome } from './binary-copy-outcome-log.ts';

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
  const s3Root = mountedS3Root(module.FS, s3Directory);
  const maxBytes = options.maxDecompressedBytes ?? defaultMaxDecompressedBytes;
  const scratch = mountScratchFolder(module, options.scratchDirectory);

  let counter = 0;
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
  const outcomes = createBinaryCopyOutcomeLog();
  const hook = createCopyProgramHook({
    unhandled: pglite.handleExternalCmd.bind(pglite),
    decompress,
    convertHere: (spec, file) =>
      convertBinaryCopyHere({
        spec,
        file,
        s3Directory,
        s3Root,
        scratch,
        nextName: nextBinaryName,
        decompress,
      }),
    prefetcher,
    outcomes,
    open: (name, mode) => openScratchFile(module, name, mode),
  });
  pglite.handleExternalCmd = (command: string, mode: string): number => hook.handle(command, mode);
  // The converter thread stops, and its unused file goes, when the instance closes.
  const close = pglite.close.bind(pglite);
  pglite.close = async () => {
    await prefetcher.close();
    await close();
  };
  await pglite.exec(`SET shiftflow.pglite_gzip_program = 'on'`);
  return {
    binaryCopyConverterFailure: () => prefetcher.failure(),
    binaryCopyConverterReady: () => prefetcher.ready(),
    takeBinaryCopyOutcomes: () => outcomes.take(),
    takeError: () => hook.takeError(),
  };
}
