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
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { bundleCode } from './bundle-code.ts';
import { createPipelineFunction } from './create-pipeline-function.ts';
import { readerTargetOf } from './reader-target-of.ts';

/**
 * The runner, the notifier and the reconciler, each on its own role, with the environments
 * `@shiftflow/events` builds from the configuration; the rights to the topic and the ledger of the
 * two roles that announce runs (notifier, reconciler); and the runner's on-success destination: the
 * reconciler, which records each started run in the ledger, where its sweeps find the runs
 * (it cannot list the writer's statements, see `createReconcilerRole`).
 *
 * @example
 * ```ts
 * const functions = createRunFunctions(pipeline, { config, writerRole, notifierRole, reconcilerRole, readerTarget, topic, ledgerTable, deadLetterQueue, logRetention, retryAttempts: 2 });
 * ```
 */
export function createRunFunctions(scope: Construct, options: RunFunctionsOptions): RunFunctions {
  const { config, writerRole, notifierRole, reconcilerRole, logRetention, deadLetterQueue, retryAttempts } =
    options;
  const notifierSettings = {
    topicArn: options.topic.topicArn,
    ledger: { type: 'dynamodb', tableName: options.ledgerTable.tableName },
  } as const;
  // The notifier signs in as the read-only identity. The reconciler signs in nowhere (it only
  // describes statements): its target names the cluster or workgroup and database, no user or secret.
  const notifierEnvironmentVariables = notifierEnvironment(
    { ...config, target: options.readerTarget },
    notifierSettings,
  );
  const reconcilerEnvironmentVariables = notifierEnvironment(
    { ...config, target: readerTargetOf(config.target, {}) },
    notifierSettings,
  );
  const reconcilerFunction = createPipelineFunction(scope, 'Reconciler', {
    description: `shiftflow ${config.name}: records started runs and announces those whose completion event was lost`,
    code: options.notifierCode ?? bundleCode('@shiftflow/notifier', 'lambda'),
    handler: 'index.reconcile',
    role: reconcilerRole,
    environment: reconcilerEnvironmentVariables,
    timeout: Duration.minutes(2),
    logRetention,
    // Retried: a lost record of a started run could not be reconciled; a retried sweep is harmless.
    asynchronous: { retryAttempts, deadLetterQueue },
  });
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
    // On success Lambda sends the invocation record (the started run) to the reconciler
    // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html); the
    // schedule invokes the runner asynchronously, so every scheduled run is recorded
    // (https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html).
    asynchronous: {
      retryAttempts,
      deadLetterQueue,
      onSuccess: new lambdaDestinations.LambdaDestination(reconcilerFunction, { responseOnly: false }),
    },
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
  const ledgerItemActions = [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ];
  options.topic.grantPublish(notifierRole);
  options.ledgerTable.grant(notifierRole, ...ledgerItemActions);
  options.topic.grantPublish(reconcilerRole);
  // Scan: the sweep finds the started runs (a filtered Scan, see DynamoDbLedger).
  options.ledgerTable.grant(reconcilerRole, ...ledgerItemActions, 'dynamodb:Scan');
  return { runnerFunction, notifierFunction, reconcilerFunction };
}

/**
 * What {@link createRunFunctions} builds the functions from.
 *
 * @example
 * ```ts
 * const options: RunFunctionsOptions = { config, writerRole, notifierRole, reconcilerRole, readerTarget, topic, ledgerTable, deadLetterQueue, logRetention, retryAttempts: 2 };
 * ```
 */
export interface RunFunctionsOptions {
  /** The validated pipeline configuration the environments are built from. */
  readonly config: PipelineConfig;
  /** Role of the runner: the writer database identity. */
  readonly writerRole: iam.Role;
  /** Role of the notifier: the read-only database identity. */
  readonly notifierRole: iam.Role;
  /** Role of the reconciler: no database identity, reads the writer's statements. */
  readonly reconcilerRole: iam.Role;
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
  /** Lambda's retries of a failed asynchronous invocation of each function. */
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
  /** Records started runs; announces those whose completion event never arrived. */
  readonly reconcilerFunction: lambda.Function;
}
