/**
 * The binary COPY accelerator's conversion in the hook's own thread (when no prefetched one is ready), for
 * enablePgliteGzip. Self-contained (`.ts` imports of self-contained files, erasable TypeScript) because the PGlite
 * worker imports it from `src/`.
 */
import { BinaryCopyRefusedError } from '../errors.ts';
import { type BinaryCopyFileOptions, writeBinaryCopyFile } from './binary-copy-file.ts';
import type { PrefetchOutcome } from './binary-copy-prefetcher.ts';

/**
 * Converts the object here, in this thread: the binary file's name and rows, or the decline (any failure, a
 * {@link BinaryCopyRefusedError} naming the object; the text COPY then loads it or raises the real error).
 *
 * @example
 * const outcome = convertBinaryCopyHere({ spec, file, s3Directory: '/s3', s3Root, scratch, nextName, decompress });
 * if ('declined' in outcome) return 0;
 */
export function convertBinaryCopyHere(options: BinaryCopyFileOptions): PrefetchOutcome {
  try {
    const made = writeBinaryCopyFile(options);
    return { name: made.name, rows: made.rows };
  } catch (error) {
    return {
      declined:
        error instanceof BinaryCopyRefusedError
          ? error
          : new BinaryCopyRefusedError(options.file, String(error), { cause: error }),
    };
  }
}
