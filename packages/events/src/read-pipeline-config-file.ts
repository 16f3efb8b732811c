/**
 * Reads the pipeline configuration file. Kept in a module of its own (the only one here that uses
 * node:fs) so that Lambda handlers, which import the schemas but never this, bundle none of it.
 */
import { readFileSync } from 'node:fs';
import { EventParseError, PipelineConfigFileError } from './errors';
import { type PipelineConfig, parsePipelineConfig } from './pipeline-config';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a pipeline configuration file (`shiftflow.config.json`), parses its JSON and validates it,
 * applying defaults. Synchronous, so a CDK app can call it at synth time.
 *
 * @param path - The file; relative paths are resolved from the working directory.
 * @throws PipelineConfigFileError naming the file, with `problem` `unreadable`, `not-json` or `invalid`
 * (then `issues` lists every bad field with its value).
 * @example
 * ```ts
 * const config = readPipelineConfigFile('/repo/shiftflow.config.json');
 * config.schedule.timeZone; // 'UTC' when the file leaves it out
 * ```
 */
export function readPipelineConfigFile(path: string): PipelineConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PipelineConfigFileError(path, 'unreadable', messageOf(error), [], { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PipelineConfigFileError(path, 'not-json', messageOf(error), [], { cause: error });
  }
  try {
    return parsePipelineConfig(json);
  } catch (error) {
    if (!(error instanceof EventParseError)) throw error;
    throw new PipelineConfigFileError(path, 'invalid', error.message, error.issues, { cause: error });
  }
}
