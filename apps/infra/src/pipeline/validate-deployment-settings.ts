import { InvalidPipelinePropertyError } from '../errors.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';

/**
 * Checks the construct's own tuning settings, which the pipeline configuration does not carry:
 * retries, the reconcile interval, the setup timeout and the run deadline. A duration that is
 * still a token is left to CloudFormation. Throws {@link InvalidPipelinePropertyError} naming the
 * property and its value.
 *
 * @example
 * ```ts
 * validateDeploymentSettings(props); // throws for { ...props, functionRetryAttempts: 3 }
 * ```
 */
export function validateDeploymentSettings(
  props: Pick<
    EltPipelineProps,
    'eventRetryAttempts' | 'functionRetryAttempts' | 'reconcileInterval' | 'setupTimeout' | 'runDeadline'
  >,
): void {
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
}
