import { EventParseError, type PipelineConfig, parsePipelineConfig } from '@shiftflow/events';
import { InvalidPipelinePropertyError } from '../errors.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';
import { validateDatabaseAccess } from './validate-database-access.ts';
import { validateDeploymentSettings } from './validate-deployment-settings.ts';

const PIPELINE_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Checks the props of `EltPipeline` and returns the pipeline configuration they describe, as the
 * shared schema of `@shiftflow/events` validates it. Deployment settings (retries, intervals, the
 * workgroup ID, the secret key) are checked here; the pipeline fields by `parsePipelineConfig`.
 * Throws {@link InvalidPipelinePropertyError} naming the property and its value.
 *
 * @example
 * ```ts
 * const config = validateEltPipelineProps(props);
 * config.schedule.timeZone; // 'UTC' when props.timeZone was left out
 * ```
 */
export function validateEltPipelineProps(props: EltPipelineProps): PipelineConfig {
  validateDeploymentProps(props);
  const input = {
    name: props.pipelineName,
    schedule: { expression: props.scheduleExpression, timeZone: props.timeZone ?? 'UTC' },
    target: props.target,
    ...(props.eltSql === undefined ? {} : { eltSql: props.eltSql }),
    setupFiles: props.setupFiles ?? [],
    sourceS3Uri: props.sourceS3Uri,
    redshiftIamRoleArn: props.redshiftIamRoleArn,
    ...(props.sourceRegion === undefined ? {} : { sourceRegion: props.sourceRegion }),
    ...(props.notificationEmail === undefined ? {} : { notificationEmail: props.notificationEmail }),
  };
  try {
    return parsePipelineConfig(input);
  } catch (error) {
    if (!(error instanceof EventParseError)) throw error;
    const issue = error.issues[0];
    const property = pathToProperty(issue?.path ?? '');
    const others = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more: ${error.message})` : '';
    throw new InvalidPipelinePropertyError(
      property,
      issue?.value,
      `${issue?.message ?? 'invalid'}${others}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * The checks the construct makes before the configuration schema: a stricter name and schedule,
 * its own settings and the combinations of target and secret key.
 */
function validateDeploymentProps(props: EltPipelineProps): void {
  if (!PIPELINE_NAME.test(props.pipelineName)) {
    throw new InvalidPipelinePropertyError('pipelineName', props.pipelineName, `must match ${PIPELINE_NAME}`);
  }
  if (!/^(cron|rate)\(.+\)$/.test(props.scheduleExpression)) {
    // at(…) is valid for EventBridge Scheduler but would run the pipeline once only.
    throw new InvalidPipelinePropertyError(
      'scheduleExpression',
      props.scheduleExpression,
      'must be an EventBridge Scheduler expression: cron(minutes hours day-of-month month day-of-week year) or rate(value unit)',
    );
  }
  validateDeploymentSettings(props);
  validateDatabaseAccess(props);
}

/** Maps a path in the pipeline configuration to the construct property carrying it. */
function pathToProperty(path: string): string {
  if (path === 'name') return 'pipelineName';
  if (path === 'schedule.expression') return 'scheduleExpression';
  if (path === 'schedule.timeZone') return 'timeZone';
  return path;
}
