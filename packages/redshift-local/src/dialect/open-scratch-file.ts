/**
 * Hands a scratch file to PostgreSQL as the stream of `COPY … FROM PROGRAM`, for enablePgliteGzip. Self-contained
 * (`.ts` imports of self-contained files, erasable TypeScript, type-only package imports) because the PGlite worker
 * imports it from `src/`.
 */
import type { PGlite } from '@electric-sql/pglite';
import { scratchMountPoint } from './mount-scratch-folder.ts';

/**
 * fopen()s the scratch file `name` for PostgreSQL; the open stream keeps the data, the name goes at once.
 *
 * @example
 * return openScratchFile(pglite.Module, 'object-42-0', 'r'); // the FILE* PostgreSQL reads the COPY from
 */
export function openScratchFile(module: PGlite['Module'], name: string, mode: string): number {
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
}
