import { gunzipSync } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';

/** The only external command the COPY helper runs: `gzip -dc '<path>'` (path in shell single quotes). */
const gzipCommand = /^gzip -dc '((?:[^']|'\\'')*)'$/;

/**
 * Lets `COPY … GZIP` work on PGlite. PGlite has no processes, but `COPY … FROM PROGRAM` reaches its
 * `handleExternalCmd` hook (undocumented; `@electric-sql/pglite` is pinned to 0.5.17 for it). This installs
 * a handler that serves exactly the helper's `gzip -dc '<file>'`: the object is decompressed with node:zlib
 * into an unlinked in-memory file that PostgreSQL reads like a pipe. It also sets
 * `shiftflow.pglite_gzip_program = on`, which tells the COPY helper to use it. Call it after every open, in the
 * thread that owns the PGlite instance. Decompressed objects are held in memory while they load.
 *
 * @example
 * ```ts
 * const pg = await PGlite.create({ dataDir });
 * await pg.exec(compatibilitySql);
 * await enablePgliteGzip(pg);
 * await pg.exec(translateRedshiftSql("copy t from 's3://bucket/data.gz' gzip"));
 * ```
 */
export async function enablePgliteGzip(pglite: PGlite): Promise<void> {
  const module = pglite.Module;
  let counter = 0;
  const unhandled = pglite.handleExternalCmd.bind(pglite);
  pglite.handleExternalCmd = (command: string, mode: string): number => {
    const match = gzipCommand.exec(command);
    if (match === null || mode !== 'r') return unhandled(command, mode);
    const path = match[1]!.replaceAll("'\\''", "'");
    const temporary = `/tmp/shiftflow-gunzip-${process.pid}-${counter++}`;
    try {
      module.FS.writeFile(temporary, gunzipSync(module.FS.readFile(path)));
    } catch {
      // Not a readable gzip object: a NULL stream makes PostgreSQL fail the COPY with
      // 'could not execute command "gzip -dc …"' instead of throwing through the WASM boundary.
      return 0;
    }
    const stack = module.stackSave();
    try {
      const stream = module._fopen(module.stringToUTF8OnStack(temporary), module.stringToUTF8OnStack(mode));
      // The open stream keeps the data; the name goes at once so nothing is left behind.
      module.FS.unlink(temporary);
      return stream;
    } finally {
      module.stackRestore(stack);
    }
  };
  await pglite.exec(`SET shiftflow.pglite_gzip_program = 'on'`);
}
