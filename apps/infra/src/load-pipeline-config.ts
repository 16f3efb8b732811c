import { type PipelineConfig, PipelineConfigFileError, readPipelineConfigFile } from '@shiftflow/events';
import { PipelineConfigError } from './errors.ts';

/**
 * Reads and validates the pipeline configuration file (`shiftflow.config.json`) at synth time, with
 * `readPipelineConfigFile` of `@shiftflow/events` (the reader the local app uses too).
 * Throws {@link PipelineConfigError} listing every bad field and its value.
 *
 * @example
 * ```ts
 * const config = loadPipelineConfig('/repo/shiftflow.config.json');
 * new ShiftflowStack(app, `shiftflow-${config.name}`, { config, repositoryRoot: '/repo' });
 * ```
 */
export function loadPipelineConfig(path: string): PipelineConfig {
  try {
    return readPipelineConfigFile(path);
  } catch (error) {
    if (!(error instanceof PipelineConfigFileError)) throw error;
    throw new PipelineConfigError(path, problemsOf(error), { cause: error });
  }
}

function problemsOf(error: PipelineConfigFileError): string[] {
  switch (error.problem) {
    case 'unreadable':
      return [`cannot be read: ${error.detail}`];
    case 'not-json':
      return [`is not JSON: ${error.detail}`];
    case 'invalid':
      return error.issues.map(
        (issue) =>
          `${issue.path === '' ? '(root)' : issue.path}: ${issue.message} (got ${JSON.stringify(issue.value) ?? 'nothing'})`,
      );
  }
}
