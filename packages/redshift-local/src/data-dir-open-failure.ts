import { statfsSync } from 'node:fs';
import { EngineDataDirError } from './errors';

/** Below this much free space an open failure is reported as a full disk: PostgreSQL writes 16 MiB WAL segments. */
const lowSpaceBytes = 16 * 1024 * 1024;

/** Free bytes on the data dir's file system, or undefined when the OS cannot tell. */
function freeBytes(dataDir: string): number | undefined {
  try {
    const stats = statfsSync(dataDir);
    return stats.bavail * stats.bsize;
  } catch {
    // Only used to explain another failure: an unknown free space leaves that explanation out.
    return undefined;
  }
}

/**
 * Why the worker could not open the data dir. PGlite hides the file-system error behind "PGlite
 * failed to initialize properly" (or an Emscripten ErrnoError, which is not an Error and reaches
 * us as "[object Object]"), so a full disk is recognised by the free space left.
 */
export function dataDirOpenFailure(dataDir: string, workerReason: string): EngineDataDirError {
  const reason =
    workerReason === '[object Object]' ? 'a file-system error PGlite did not describe' : workerReason;
  const free = freeBytes(dataDir);
  if (free !== undefined && free < lowSpaceBytes) {
    return new EngineDataDirError(
      dataDir,
      'no-space',
      `could not open data dir ${dataDir}: no space left on device (${free} bytes free on its file system; PGlite said: ${reason}); free some space and try again`,
    );
  }
  return new EngineDataDirError(
    dataDir,
    'damaged',
    `could not open data dir ${dataDir}: ${reason}. Its files may be damaged (a crash while writing, a full disk, or two processes writing it at once); if so, delete ${dataDir} to start over (its data is lost)`,
  );
}
