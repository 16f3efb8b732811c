import {
  notifierEnvironment,
  type PipelineConfig,
  type PipelineTarget,
  runnerEnvironment,
} from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { bundleCode } from './bundle-code.ts';
import { createPipelineFunction } from './create-pipeline-function.ts';

/**
 * The runner, the notifier and the reconciler, with the environments `@shiftflow/events` builds
 * from the configuration, and the rights to the topic and the ledger of the two roles that
 * announce runs: the notifier's and the writer's (the reconciler runs as the writer, see
 * `EltPipeline.writerRole`).
 *
 * @example
 * ```ts
 * const functions = createRunFunctions(pipeline, { config, writerRole, notifierRole, readerTarget, topic, ledgerTable, deadLetterQueue, logRetention, retryAttempts: 2 });
 * ```
 */
export function createRunFunctions(scope: Construct, options: RunFunctionsOptions): RunFunctions {
  const { config, writerRole, notifierRole, logRetention, deadLetterQueue, retryAttempts } = options;
  const notifierSettings = {
    topicArn: options.topic.topicArn,
    ledger: { type: 'dynamodb', tableName: options.ledgerTable.tableName },
  } as const;
  // The notifier signs in as the read-only identity; the reconciler as the writer (its role).
  const notifierEnvironmentVariables = notifierEnvironment(
    { ...config, target: options.readerTarget },
    notifierSettings,
  );
  const reconcilerEnvironmentVariables = notifierEnvironment(config, notifierSettings);
  const runnerFunction = createPipelineFunction(scope, 'Runner', {
    description: `shiftflow ${config.name}: starts one ELT run per scheduled time`,
    code: options.runnerCode ?? bundleCode('@shiftflow/elt-runner', 'lambda'),
    handler: 'index.handler',
    role: writerRole,
    environment: runnerEnvironment(config),
    timeout: Duration.seconds(30),
    logRetention,
    // Safe to retry: the ClientToken derived from the scheduled time makes a retried
    // invocation return the statement of the first one instead of starting a second load.
    asynchronous: { retryAttempts, deadLetterQueue },
  });
  const notifierFunction = createPipelineFunction(scope, 'Notifier', {
    description: `shiftflow ${config.name}: announces finished, failed and aborted runs`,
    code: options.notifierCode ?? bundleCode('@shiftflow/notifier', 'lambda'),
    handler: 'index.handler',
    role: notifierRole,
    environment: notifierEnvironmentVariables,
    timeout: Duration.seconds(60),
    logRetention,
    // Safe to retry: the ledger announces each statement once.
    asynchronous: { retryAttempts, deadLetterQueue },
  });
  const reconcilerFunction = createPipelineFunction(scope, 'Reconciler', {
    description: `shiftflow ${config.name}: announces runs whose completion event was lost`,
    code: options.notifierCode ?? bundleCode('@shiftflow/notifier', 'lambda'),
    handler: 'index.reconcile',
    role: writerRole,
    environment: reconcilerEnvironmentVariables,
    timeout: Duration.minutes(2),
    logRetention,
    // The next sweep retries anyway.
    asynchronous: { retryAttempts: 0, deadLetterQueue },
  });
  for (const role of [notifierRole, writerRole]) {
    options.topic.grantPublish(role);
    options.ledgerTable.grant(
      role,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );
  }
  return { runnerFunction, notifierFunction, reconcilerFunction };
}

/**
 * What {@link createRunFunctions} builds the functions from.
 *
 * @example
 * ```ts
 * const options: RunFunctionsOptions = { config, writerRole, notifierRole, readerTarget, topic, ledgerTable, deadLetterQueue, logRetention, retryAttempts: 2 };
 * ```
 */
export interface RunFunctionsOptions {
  /** The validated pipeline configuration the environments are built from. */
  readonly config: PipelineConfig;
  /** Role of the runner and the reconciler: the writer database identity. */
  readonly writerRole: iam.Role;
  /** Role of the notifier: the read-only database identity. */
  readonly notifierRole: iam.Role;
  /** The target as the notifier signs in to it (see `readerTargetOf`). */
  readonly readerTarget: PipelineTarget;
  /** Topic the notifier and the reconciler publish to. */
  readonly topic: sns.ITopic;
  /** Ledger of announced statements. */
  readonly ledgerTable: dynamodb.ITable;
  /** Queue of asynchronous invocations that failed for good. */
  readonly deadLetterQueue: sqs.IQueue;
  /** How long the log groups keep their logs. */
  readonly logRetention: logs.RetentionDays;
  /** Lambda's retries of a failed asynchronous invocation of the runner and the notifier. */
  readonly retryAttempts: number;
  /** @default - the bundle `dist/lambda` of `@shiftflow/elt-runner` */
  readonly runnerCode?: lambda.Code;
  /** @default - the bundle `dist/lambda` of `@shiftflow/notifier` */
  readonly notifierCode?: lambda.Code;
}

/**
 * The functions a run passes through.
 *
 * @example
 * ```ts
 * const { runnerFunction } = createRunFunctions(pipeline, options);
 * ```
 */
export interface RunFunctions {
  /** Starts one ELT run per scheduled time. */
  readonly runnerFunction: lambda.Function;
  /** Announces a finished, failed or aborted statement. */
  readonly notifierFunction: lambda.Function;
  /** Announces statements whose completion event never arrived. */
  readonly reconcilerFunction: lambda.Function;
}
