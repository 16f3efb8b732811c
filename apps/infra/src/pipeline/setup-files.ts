import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InvalidPipelinePropertyError, MissingAssetError } from '../errors.ts';

/**
 * One setup SQL file as the setup custom resource receives it.
 *
 * @example
 * ```ts
 * const file: SetupFile = { name: 'sql/setup/001_table.sql', sql: 'CREATE TABLE …' };
 * ```
 */
export interface SetupFile {
  /** Path relative to the base directory, as in the configuration. */
  readonly name: string;
  /** The file's content. */
  readonly sql: string;
}

/**
 * Reads the setup SQL files, in order, from paths relative to `baseDirectory`. Throws
 * {@link InvalidPipelinePropertyError} for a path that leaves the directory and
 * {@link MissingAssetError} for a file that does not exist.
 *
 * @example
 * ```ts
 * const files = readSetupFiles(['sql/setup/001_table.sql'], '/repo');
 * ```
 */
export function readSetupFiles(files: readonly string[], baseDirectory: string): SetupFile[] {
  return files.map((name, index) => {
    if (isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
      throw new InvalidPipelinePropertyError(
        `setupFiles.${index}`,
        name,
        'must be a path inside the repository',
      );
    }
    const path = resolve(baseDirectory, name);
    if (!existsSync(path)) {
      throw new MissingAssetError(path, `setupFiles.${index} "${name}" is not a file under ${baseDirectory}`);
    }
    return { name, sql: readFileSync(path, 'utf8') };
  });
}

/**
 * SHA-256 over the setup files' names and contents, in order: the custom resource's update trigger.
 *
 * @example
 * ```ts
 * hashSetupFiles([{ name: 'sql/setup/001_table.sql', sql: 'create table …' }]); // '9f86d0…'
 * ```
 */
export function hashSetupFiles(files: readonly { name: string; sql: string }[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.sql}\0`);
  return hash.digest('hex');
}
