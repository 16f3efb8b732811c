import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';

/** The pipeline configuration file's name at the repository root. */
export const configFileName = 'shiftflow.config.json';

/**
 * Finds `shiftflow.config.json` in `from` or the nearest folder above it; returns its path.
 *
 * @throws ConfigError when no folder up to the file-system root has one.
 * @example
 * findConfigFile(process.cwd()); // '/work/main/shiftflow.config.json'
 */
export function findConfigFile(from: string): string {
  let directory = path.resolve(from);
  for (;;) {
    const candidate = path.join(directory, configFileName);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new ConfigError(
        path.join(path.resolve(from), configFileName),
        `no ${configFileName} in ${path.resolve(from)} or any folder above it; run shiftflow inside the project or pass --config`,
      );
    }
    directory = parent;
  }
}
