import { open } from 'node:fs/promises';
import path from 'node:path';
import { decodeSetupFile } from './decode-setup-file';
import { EltRunnerError, SetupFileReadError, SetupFileTooLargeError } from './errors';
import { maxSetupFileBytes } from './setup-limits';

/**
 * A setup file: its repository-relative name and its SQL text.
 *
 * @example
 * ```ts
 * const file: SetupFile = { name: 'sql/setup/003_elt_run_log.sql', sql: 'CREATE TABLE IF NOT EXISTS elt_run_log (…);' };
 * ```
 */
export interface SetupFile {
  name: string;
  sql: string;
}

/**
 * Reads one setup file: checks its size before reading it (a file too large to apply is refused
 * without being loaded), then decodes it as UTF-8 (see `decodeSetupFile`).
 *
 * @throws SetupFileReadError, SetupFileTooLargeError or SetupFileEncodingError, each naming the file.
 * @example
 * ```ts
 * const sql = await readSetupFile('/repo/sql/setup/001_table.sql', 'sql/setup/001_table.sql');
 * ```
 */
export async function readSetupFile(absolutePath: string, name: string): Promise<string> {
  try {
    const handle = await open(absolutePath, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxSetupFileBytes) throw new SetupFileTooLargeError(name, size, maxSetupFileBytes);
      // decodeSetupFile checks the size again: the file may have grown since the stat.
      return decodeSetupFile(name, await handle.readFile());
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof EltRunnerError) throw error;
    throw new SetupFileReadError(name, absolutePath, error);
  }
}

/**
 * Reads the pipeline config's `setupFiles` (repository-relative paths) in order.
 *
 * @throws SetupFileReadError, SetupFileTooLargeError or SetupFileEncodingError, each naming the file.
 * @example
 * ```ts
 * const files = await readSetupFiles(repositoryRoot, config.setupFiles);
 * ```
 */
export async function readSetupFiles(rootDirectory: string, paths: readonly string[]): Promise<SetupFile[]> {
  const files: SetupFile[] = [];
  // One at a time: a bad first file is reported without reading the others.
  for (const name of paths)
    files.push({ name, sql: await readSetupFile(path.resolve(rootDirectory, name), name) });
  return files;
}
