import { type Stats, statSync } from 'node:fs';
import { type PipelineConfig, PipelineConfigFileError, readPipelineConfigFile } from '@shiftflow/events';
import { ConfigError } from '../errors';

// Found without loading @shiftflow/events (the CLI finds the state folder before it reads the file).
export { configFileName, findConfigFile } from './find-config-file';

/**
 * The largest configuration file read: a pipeline configuration is a few kilobytes (its SQL lives in
 * the setup files), so anything larger is a wrong path, not a configuration.
 */
export const maxConfigFileBytes = 1024 * 1024;

function describeFileType(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Refuses what is not a configuration file before reading it: a device (`/dev/zero` would be read
 * until memory runs out), a pipe or socket (would block), a folder, or a file above
 * {@link maxConfigFileBytes}. A missing or unreadable file is left to the reader's own error.
 */
function checkConfigFile(file: string): void {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return; // readPipelineConfigFile says "cannot read"
    throw new ConfigError(
      file,
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (!stats.isFile()) {
    throw new ConfigError(
      file,
      `${file} is ${describeFileType(stats)}, not a configuration file; pass a JSON file with --config`,
    );
  }
  if (stats.size > maxConfigFileBytes) {
    throw new ConfigError(
      file,
      `${file} is ${stats.size.toLocaleString('en-US')} bytes; a pipeline configuration is at most ${maxConfigFileBytes.toLocaleString('en-US')} bytes (is --config the right file?)`,
    );
  }
}

/**
 * Reads and validates the pipeline configuration, the same file the infra app deploys, with
 * `readPipelineConfigFile` of `@shiftflow/events` (the reader the infra app uses too). Only a
 * regular file of at most {@link maxConfigFileBytes} is read.
 *
 * @throws ConfigError naming the file and every bad field, or saying it is no regular file or too large.
 * @example
 * const config = await loadPipelineConfig('/work/main/shiftflow.config.json');
 */
export async function loadPipelineConfig(file: string): Promise<PipelineConfig> {
  checkConfigFile(file);
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
