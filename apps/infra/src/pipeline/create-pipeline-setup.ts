import type { PipelineConfig } from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleCode } from './bundle-code.ts';
import { createSetupResource, type SetupResource } from './create-setup-resource.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';

/**
 * The setup SQL at deploy time, when the configuration has `setupFiles` (undefined otherwise):
 * the setup custom resource (see `createSetupResource`) with the props' defaults filled in, and
 * no run before the tables and the procedure exist (the run schedule depends on it).
 *
 * @example
 * ```ts
 * const setup = createPipelineSetup(pipeline, { ...props, config, role: databaseRole, logRetention, runSchedule });
 * ```
 */
export function createPipelineSetup(
  scope: Construct,
  options: PipelineSetupOptions,
): SetupResource | undefined {
  const { config } = options;
  if (config.setupFiles.length === 0) return undefined;
  const setup = createSetupResource(scope, {
    config,
    baseDirectory: options.setupBaseDirectory ?? process.cwd(),
    code: options.setupCode ?? bundleCode('@shiftflow/elt-runner', 'setup'),
    role: options.role,
    logRetention: options.logRetention,
    timeout: options.setupTimeout ?? Duration.minutes(30),
  });
  options.runSchedule.node.addDependency(setup.resource);
  return setup;
}

/**
 * What {@link createPipelineSetup} applies, as whom, and what waits for it.
 *
 * @example
 * ```ts
 * const options: PipelineSetupOptions = { config, role: databaseRole, logRetention, runSchedule, setupBaseDirectory: '/repo' };
 * ```
 */
export interface PipelineSetupOptions
  extends Pick<EltPipelineProps, 'setupBaseDirectory' | 'setupCode' | 'setupTimeout'> {
  /** The validated configuration: its `setupFiles` and the values the SQL is given. */
  readonly config: PipelineConfig;
  /** The database role: the setup runs as the runner's database identity. */
  readonly role: iam.IRole;
  /** How long the setup functions' log groups keep their logs. */
  readonly logRetention: logs.RetentionDays;
  /** The run schedule, which must not start a run before the setup is applied. */
  readonly runSchedule: Construct;
}
