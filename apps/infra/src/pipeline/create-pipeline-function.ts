import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { createPipelineLogGroup } from './create-pipeline-log-group.ts';

/**
 * A function of the pipeline: Node.js 24 on arm64, JSON logs into a log group of its own
 * (`<id>Logs`), and for asynchronous invocations, retries then the dead-letter queue.
 *
 * @example
 * ```ts
 * const runner = createPipelineFunction(pipeline, 'Runner', options); // RunnerLogs, RunnerFunction
 * ```
 */
export function createPipelineFunction(
  scope: Construct,
  id: string,
  options: PipelineFunctionOptions,
): lambda.Function {
  // Custom roles get no managed policy: each function may write to its own log group only.
  const logGroup = createPipelineLogGroup(scope, `${id}Logs`, options.logRetention);
  logGroup.grantWrite(options.role);
  const { asynchronous } = options;
  return new lambda.Function(scope, `${id}Function`, {
    description: options.description,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    code: options.code,
    handler: options.handler,
    role: options.role,
    environment: { ...options.environment, NODE_OPTIONS: '--enable-source-maps' },
    timeout: options.timeout,
    memorySize: 256,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    ...(asynchronous === undefined
      ? {}
      : {
          retryAttempts: asynchronous.retryAttempts,
          maxEventAge: Duration.hours(1),
          onFailure: new lambdaDestinations.SqsDestination(asynchronous.deadLetterQueue),
          ...(asynchronous.onSuccess === undefined ? {} : { onSuccess: asynchronous.onSuccess }),
        }),
  });
}

/**
 * What {@link createPipelineFunction} needs to know about one function.
 *
 * @example
 * ```ts
 * const options: PipelineFunctionOptions = {
 *   description: 'shiftflow nyc-taxi: starts one ELT run per scheduled time',
 *   code, handler: 'index.handler', role, environment, timeout: Duration.seconds(30),
 *   logRetention: logs.RetentionDays.ONE_MONTH,
 * };
 * ```
 */
export interface PipelineFunctionOptions {
  /** What the function does, prefixed with `shiftflow <pipeline name>:`. */
  readonly description: string;
  /** The bundle. */
  readonly code: lambda.Code;
  /** `index.<export>` of the bundle. */
  readonly handler: string;
  /** Execution role: the function may write to its own log group through it. */
  readonly role: iam.IRole;
  /** Environment variables; `NODE_OPTIONS=--enable-source-maps` is added. */
  readonly environment: Record<string, string>;
  /** Invocation timeout. */
  readonly timeout: Duration;
  /** How long the function's log group keeps its logs. */
  readonly logRetention: logs.RetentionDays;
  /**
   * Retries of failed asynchronous invocations and the queue that receives those that fail for good.
   * @default - none: the function is invoked synchronously (the setup custom resource's)
   */
  readonly asynchronous?: {
    readonly retryAttempts: number;
    readonly deadLetterQueue: sqs.IQueue;
    /** Where the record of each successful asynchronous invocation goes. @default - nowhere */
    readonly onSuccess?: lambda.IDestination;
  };
}
