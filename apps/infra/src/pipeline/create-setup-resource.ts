import { type PipelineConfig, runnerEnvironment } from '@shiftflow/events';
import { CustomResource, Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as stepfunctions from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { createPipelineFunction } from './create-pipeline-function.ts';
import { createPipelineLogGroup } from './create-pipeline-log-group.ts';
import { invokeFinding } from './nag-finding-ids.ts';
import { hashSetupFiles, readSetupFiles } from './setup-files.ts';

/** How long `onEvent` waits for an active ELT run to end before it fails the deployment. */
export const setupActiveRunWait = Duration.minutes(2);

/**
 * The custom resource `Custom::ShiftflowSetup` that applies the configuration's setup SQL files at
 * deploy time as migrations (`@shiftflow/elt-runner` `submitMigrations`): its `onEvent` function reads the
 * ledger `shiftflow_schema_migrations`, refuses a changed applied migration, waits up to
 * {@link setupActiveRunWait} for an active ELT run, and submits only the pending files with their ledger
 * rows in one batch; its `isComplete` function waits for the batch and cancels it one minute before the
 * provider's total timeout. A SQL error, a changed migration or a run still active fails the deployment.
 * Both run as the database role with the runner's environment (ListStatements sees the runner's runs).
 *
 * @example
 * ```ts
 * const setup = createSetupResource(pipeline, options);
 * runSchedule.node.addDependency(setup.resource); // no run before the tables exist
 * ```
 */
export function createSetupResource(scope: Construct, options: SetupResourceOptions): SetupResource {
  const { config } = options;
  const files = readSetupFiles(config.setupFiles, options.baseDirectory);
  const sqlHash = hashSetupFiles(files);
  const { provider, setupFunctions } = createSetupProvider(scope, options);
  const resource = new CustomResource(scope, 'Setup', {
    serviceToken: provider.serviceToken,
    resourceType: 'Custom::ShiftflowSetup',
    properties: {
      // The shape `@shiftflow/elt-runner`'s setup handler reads (SetupResourceProperties).
      PipelineName: config.name,
      Target: config.target,
      SqlHash: sqlHash,
      // isComplete cancels the batch this long after it was submitted: before the provider gives up.
      TimeoutSeconds: setupBatchTimeout(options.timeout).toSeconds(),
      ActiveRunWaitSeconds: setupActiveRunWait.toSeconds(),
      Files: files.map((file) => ({ name: file.name, sql: file.sql })),
      Values: {
        sourceS3Uri: config.sourceS3Uri,
        redshiftIamRoleArn: config.redshiftIamRoleArn,
        ...(config.sourceRegion === undefined ? {} : { sourceRegion: config.sourceRegion }),
      },
    },
  });
  return { resource, sqlHash, setupFunctions };
}

/**
 * What {@link createSetupResource} applies, and as whom.
 *
 * @example
 * ```ts
 * const options: SetupResourceOptions = { config, baseDirectory: '/repo', code, role: databaseRole, logRetention, timeout: Duration.minutes(30) };
 * ```
 */
export interface SetupResourceOptions {
  /** The configuration: pipeline name, target and the values the SQL is given. */
  readonly config: PipelineConfig;
  /** Directory the configuration's `setupFiles` are relative to. */
  readonly baseDirectory: string;
  /** The bundle exporting `onEvent` and `isComplete`. */
  readonly code: lambda.Code;
  /** The database role: the setup runs as the runner's database identity. */
  readonly role: iam.IRole;
  /** How long the log groups keep their logs. */
  readonly logRetention: logs.RetentionDays;
  /** How long the provider waits for the SQL before failing the deployment. */
  readonly timeout: Duration;
}

/**
 * The setup custom resource and the hash of the SQL it applied.
 *
 * @example
 * ```ts
 * const { resource, sqlHash } = createSetupResource(pipeline, options);
 * ```
 */
export interface SetupResource {
  /** The custom resource `Custom::ShiftflowSetup`. */
  readonly resource: CustomResource;
  /** {@link hashSetupFiles} of the files: a change re-runs the setup. */
  readonly sqlHash: string;
  /** The `onEvent` and `isComplete` functions (their errors are setup failures). */
  readonly setupFunctions: readonly lambda.Function[];
}

/** The provider: the two setup functions, the framework functions on roles of their own, and the waiter. */
function createSetupProvider(
  scope: Construct,
  options: SetupResourceOptions,
): { provider: cr.Provider; setupFunctions: lambda.Function[] } {
  const { config, logRetention } = options;
  const setupFunction = (
    id: string,
    handler: string,
    description: string,
    timeout: Duration,
  ): lambda.Function =>
    createPipelineFunction(scope, id, {
      description: `shiftflow ${config.name}: ${description}`,
      code: options.code,
      handler,
      role: options.role,
      environment: runnerEnvironment(config),
      timeout,
      logRetention,
    });
  // onEvent may wait for an active ELT run, then reads the ledger and submits: the wait plus a minute.
  const onEvent = setupFunction(
    'SetupOnEvent',
    'index.onEvent',
    'applies pending setup migrations',
    setupActiveRunWait.plus(Duration.minutes(1)),
  );
  const isComplete = setupFunction(
    'SetupIsComplete',
    'index.isComplete',
    'waits for the setup SQL',
    Duration.minutes(1),
  );
  // The framework functions' own roles instead of the AWS managed basic execution role; two of
  // them, as one would make a cycle (onEvent starts the waiter, which invokes isComplete).
  const providerLogGroup = createPipelineLogGroup(scope, 'SetupProviderLogs', logRetention);
  const frameworkRole = (name: string): iam.Role => {
    const role = new iam.Role(scope, `SetupProvider${name}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `shiftflow ${config.name}: setup custom resource provider framework (${name})`,
    });
    providerLogGroup.grantWrite(role);
    return role;
  };
  const onEventRole = frameworkRole('OnEvent');
  const completeAndTimeoutRole = frameworkRole('CompleteAndTimeout');
  const provider = new cr.Provider(scope, 'SetupProvider', {
    onEventHandler: onEvent,
    isCompleteHandler: isComplete,
    queryInterval: Duration.seconds(10),
    totalTimeout: options.timeout,
    frameworkOnEventRole: onEventRole,
    frameworkCompleteAndTimeoutRole: completeAndTimeoutRole,
    logGroup: providerLogGroup,
    disableWaiterStateMachineLogging: false,
    waiterStateMachineLogOptions: {
      destination: createPipelineLogGroup(scope, 'SetupWaiterLogs', logRetention),
      level: stepfunctions.LogLevel.ALL,
    },
  });
  acknowledgeProviderFindings(provider, [onEventRole, completeAndTimeoutRole], [onEvent, isComplete]);
  return { provider, setupFunctions: [onEvent, isComplete] };
}

/** The cdk-nag findings of the provider framework, each with the reason it is acceptable. */
function acknowledgeProviderFindings(
  provider: cr.Provider,
  frameworkRoles: readonly iam.Role[],
  setupFunctions: readonly lambda.Function[],
): void {
  for (const role of frameworkRoles) {
    Validations.of(role).acknowledge(
      ...setupFunctions.map((fn) => ({
        id: invokeFinding(fn),
        reason:
          'The provider framework invokes this one setup function; ":*" only adds its versions and aliases.',
      })),
    );
  }
  // On the waiter state machine (its role and itself) only, not the whole provider.
  Validations.of(provider.node.findChild('waiter-state-machine')).acknowledge(
    ...['onEvent', 'isComplete', 'onTimeout'].map((name) => ({
      id: invokeFinding(provider.node.findChild(`framework-${name}`)),
      reason:
        'The waiter state machine invokes this one provider framework function; ":*" only adds its versions and aliases.',
    })),
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions log delivery (logs:CreateLogDelivery and related) has no resource-level permissions; AWS requires "*".',
    },
    {
      id: 'AwsSolutions-SF2',
      reason:
        'The provider framework waiter state machine only polls the setup function; CDK exposes no X-Ray option for it and its logs go to CloudWatch.',
    },
  );
}

/**
 * How long the setup batch may run: the provider's total timeout less one minute (at least one minute),
 * so `isComplete` cancels it (its queries run every 10 s) before the provider fails the deployment
 * without cancelling anything.
 *
 * @example
 * ```ts
 * setupBatchTimeout(Duration.minutes(30)).toSeconds(); // 1740
 * ```
 */
export function setupBatchTimeout(total: Duration): Duration {
  return Duration.seconds(Math.max(60, total.toSeconds() - 60));
}
