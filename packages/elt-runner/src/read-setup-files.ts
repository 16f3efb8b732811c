import { readFile } from 'node:fs/promises';
import path from 'node:path';

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
 * Reads the pipeline config's `setupFiles` (repository-relative paths) in order.
 *
 * @example
 * ```ts
 * const files = await readSetupFiles(repositoryRoot, config.setupFiles);
 * ```
 */
export async function readSetupFiles(rootDirectory: string, paths: readonly string[]): Promise<SetupFile[]> {
  return Promise.all(
    paths.map(async (name) => ({ name, sql: await readFile(path.resolve(rootDirectory, name), 'utf8') })),
  );
}
