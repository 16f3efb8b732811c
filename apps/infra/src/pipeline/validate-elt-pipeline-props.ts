import { EventParseError, type PipelineConfig, parsePipelineConfig } from '@shiftflow/events';
import { InvalidPipelinePropertyError } from '../errors.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';

const PIPELINE_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  validateDeploymentSettings(props);
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
function validateDeploymentSettings(props: EltPipelineProps): void {
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
  for (const [property, max] of [
    ['eventRetryAttempts', 185],
    ['functionRetryAttempts', 2],
  ] as const) {
    const value = props[property];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= max)) {
      throw new InvalidPipelinePropertyError(property, value, `must be an integer from 0 to ${max}`);
    }
  }
  if (props.reconcileInterval !== undefined && !props.reconcileInterval.isUnresolved()) {
    const minutes = props.reconcileInterval.toMinutes({ integral: false });
    if (minutes < 1 || minutes > 1440 || !Number.isInteger(minutes)) {
      throw new InvalidPipelinePropertyError(
        'reconcileInterval',
        props.reconcileInterval.toHumanString(),
        'must be a whole number of minutes from 1 minute to 1 day',
      );
    }
  }
  if (props.setupTimeout !== undefined && !props.setupTimeout.isUnresolved()) {
    const seconds = props.setupTimeout.toSeconds();
    if (seconds < 60 || seconds > 3600) {
      throw new InvalidPipelinePropertyError(
        'setupTimeout',
        props.setupTimeout.toHumanString(),
        'must be from 1 minute to 1 hour (the custom resource provider limit)',
      );
    }
  }
  if (props.runDeadline !== undefined && !props.runDeadline.isUnresolved()) {
    // The alarm's period: CloudWatch periods over an hour must be multiples of an hour; at most a day here.
    const hours = props.runDeadline.toHours({ integral: false });
    if (hours < 1 || hours > 24 || !Number.isInteger(hours)) {
      throw new InvalidPipelinePropertyError(
        'runDeadline',
        props.runDeadline.toHumanString(),
        'must be a whole number of hours from 1 hour to 1 day',
      );
    }
  }
  const target = props.target;
  if (target.type === 'cluster' && target.dbUser !== undefined && target.secretArn !== undefined) {
    // The Data API takes one way to authenticate; which would win is not obvious to a reader.
    throw new InvalidPipelinePropertyError(
      'target',
      target,
      'has both dbUser and secretArn: give dbUser (temporary credentials), secretArn, or neither (IAM identity)',
    );
  }
  if (props.secretKey !== undefined && target.secretArn === undefined) {
    // The key would be granted to nobody's use: the target signs in without a secret.
    throw new InvalidPipelinePropertyError(
      'secretKey',
      target,
      'is given but the target has no secretArn: give the secret it encrypts, or leave secretKey out',
    );
  }
  if (props.roleNamePrefix !== undefined && !ROLE_NAME_PREFIX.test(props.roleNamePrefix)) {
    // IAM role names: up to 64 of [A-Za-z0-9+=,.@_-]; "-notifier" takes 9.
    throw new InvalidPipelinePropertyError(
      'roleNamePrefix',
      props.roleNamePrefix,
      'must be 1 to 55 characters of letters, digits and +=,.@_- (an IAM role name less "-notifier")',
    );
  }
  if (
    props.readerDbUser !== undefined &&
    (target.type !== 'cluster' || props.readerSecretArn !== undefined)
  ) {
    throw new InvalidPipelinePropertyError(
      'readerDbUser',
      props.readerDbUser,
      'needs a cluster target and no readerSecretArn: give one way for the notifier to sign in',
    );
  }
  if (props.readerSecretArn !== undefined && !SECRET_ARN.test(props.readerSecretArn)) {
    throw new InvalidPipelinePropertyError(
      'readerSecretArn',
      props.readerSecretArn,
      'must be the complete ARN of a Secrets Manager secret (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)',
    );
  }
  if (props.workgroupId !== undefined && !UUID.test(props.workgroupId)) {
    throw new InvalidPipelinePropertyError(
      'workgroupId',
      props.workgroupId,
      'must be the workgroup ID (a UUID), not its name',
    );
  }
}

const ROLE_NAME_PREFIX = /^[\w+=,.@-]{1,55}$/;
const SECRET_ARN = /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;

/** Maps a path in the pipeline configuration to the construct property carrying it. */
function pathToProperty(path: string): string {
  if (path === 'name') return 'pipelineName';
  if (path === 'schedule.expression') return 'scheduleExpression';
  if (path === 'schedule.timeZone') return 'timeZone';
  return path;
}
