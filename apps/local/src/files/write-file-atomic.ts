import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Flush the file and its folder to the disk before returning, so that the new content also
   * survives a power loss or an OS crash (a killed process needs no fsync). Defaults to true.
   */
  durable?: boolean;
}

/**
 * Writes a file so that a reader (or the next start after a crash) sees either the old content or
 * the new one, never a part of it: the data goes to a temporary file beside the target, is flushed,
 * and is renamed over the target. The temporary file is removed when anything fails.
 *
 * @example
 * await writeFileAtomic('.shiftflow/engine-setup.json', `${JSON.stringify(record)}\n`);
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  if (durable) await syncDirectory(path.dirname(file));
}

/**
 * Flushes a folder's entries (a rename or a new file in it) to the disk. Platforms that cannot
 * open a folder for this (Windows) have nothing to flush that way.
 *
 * @example
 * await rename(temporary, file);
 * await syncDirectory(path.dirname(file));
 */
export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
