import { readFileSync } from 'node:fs';
import { EventParseError, type PipelineConfig, parsePipelineConfig } from '@shiftflow/events';
import { PipelineConfigError } from './errors.ts';

/**
 * Reads and validates the pipeline configuration file (`shiftflow.config.json`) at synth time.
 * Throws {@link PipelineConfigError} listing every bad field and its value.
 *
 * @example
 * ```ts
 * const config = loadPipelineConfig('/repo/shiftflow.config.json');
 * new ShiftflowStack(app, `shiftflow-${config.name}`, { config, repositoryRoot: '/repo' });
 * ```
 */
export function loadPipelineConfig(path: string): PipelineConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PipelineConfigError(path, [`cannot be read: ${(error as Error).message}`], { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PipelineConfigError(path, [`is not JSON: ${(error as Error).message}`], { cause: error });
  }
  try {
    return parsePipelineConfig(json);
  } catch (error) {
    if (!(error instanceof EventParseError)) throw error;
    throw new PipelineConfigError(
      path,
      error.issues.map(
        (issue) =>
          `${issue.path === '' ? '(root)' : issue.path}: ${issue.message} (got ${JSON.stringify(issue.value) ?? 'nothing'})`,
      ),
      { cause: error },
    );
  }
}
