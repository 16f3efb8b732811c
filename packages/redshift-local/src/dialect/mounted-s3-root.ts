/**
 * The host folder behind PGlite's mount of the local S3 folder, for enablePgliteGzip. Self-contained (node: built-ins
 * and `.ts` imports of self-contained files, erasable TypeScript) because the PGlite worker imports it from `src/`.
 */
import { RedshiftLocalError } from '../errors.ts';

/** The part of emscripten's FS that {@link mountedS3Root} reads. */
export interface MountLookup {
  lookupPath(path: string, options: { follow: boolean }): { node: unknown };
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
 * The host folder mounted (with NODEFS) at `s3Directory` in PGlite's file system; throws `S3_FOLDER_NOT_MOUNTED`
 * when that is no NODEFS mount.
 *
 * @example
 * const s3Root = mountedS3Root(pglite.Module.FS, '/s3'); // e.g. '/home/me/.shiftflow/s3'
 */
export function mountedS3Root(fs: MountLookup, s3Directory: string): string {
  const s3Root = nodefsRoot(fs.lookupPath(s3Directory, { follow: true }).node);
  if (s3Root === undefined) {
    throw new RedshiftLocalError(
      'S3_FOLDER_NOT_MOUNTED',
      `enablePgliteGzip: ${s3Directory} is not a NODEFS mount of the local S3 folder; mount it first (FS.mount(NODEFS, { root }, '${s3Directory}'))`,
    );
  }
  return s3Root;
}
