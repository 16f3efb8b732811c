/**
 * The scratch folder of decompressed and converted objects, mounted into PGlite's file system for enablePgliteGzip.
 * Self-contained (node: built-ins, erasable TypeScript, type-only package imports) because the PGlite worker imports
 * it from `src/`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** Where the scratch folder of decompressed objects is mounted in PGlite's file system. */
export const scratchMountPoint = '/shiftflow-gunzip';

/**
 * Mounts the host folder `scratchDirectory` (by default a new folder in the OS temp folder, removed when the process
 * exits) at {@link scratchMountPoint}; returns the host folder.
 *
 * @example
 * const scratch = mountScratchFolder(pglite.Module, undefined); // e.g. '/tmp/shiftflow-gunzip-x1y2z3'
 */
export function mountScratchFolder(module: PGlite['Module'], scratchDirectory: string | undefined): string {
  const scratch = scratchDirectory ?? mkdtempSync(path.join(os.tmpdir(), 'shiftflow-gunzip-'));
  if (scratchDirectory === undefined)
    process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  mkdirSync(scratch, { recursive: true });
  module.FS.mkdirTree(scratchMountPoint);
  module.FS.mount(module.NODEFS, { root: scratch }, scratchMountPoint);
  return scratch;
}
