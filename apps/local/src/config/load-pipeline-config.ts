import { existsSync } from 'node:fs';
import path from 'node:path';
import { type PipelineConfig, PipelineConfigFileError, readPipelineConfigFile } from '@shiftflow/events';
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

/**
 * Reads and validates the pipeline configuration, the same file the infra app deploys, with
 * `readPipelineConfigFile` of `@shiftflow/events` (the reader the infra app uses too).
 *
 * @throws ConfigError naming the file and every bad field.
 * @example
 * const config = await loadPipelineConfig('/work/main/shiftflow.config.json');
 */
export async function loadPipelineConfig(file: string): Promise<PipelineConfig> {
  try {
    return readPipelineConfigFile(file);
  } catch (error) {
    if (!(error instanceof PipelineConfigFileError)) throw error;
    const messages = {
      unreadable: `cannot read ${file}: ${error.detail}`,
      'not-json': `${file} is not valid JSON: ${error.detail}`,
      invalid: `${file} is not a valid pipeline configuration: ${error.detail}`,
    } as const;
    throw new ConfigError(file, messages[error.problem], { cause: error });
  }
}
