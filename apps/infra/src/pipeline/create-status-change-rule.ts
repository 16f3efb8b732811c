import { type PipelineConfig, type StatusChangePattern, statusChangePattern } from '@shiftflow/events';
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * The rule matching the "Redshift Data Statement Status Change" events of this pipeline's
 * statements, submitted by the database role only, and invoking the notifier.
 *
 * @example
 * ```ts
 * const rule = createStatusChangeRule(pipeline, { config, databaseRole, notifierFunction, deadLetterQueue, retryAttempts: 2 });
 * ```
 */
export function createStatusChangeRule(scope: Construct, options: StatusChangeRuleOptions): events.Rule {
  const { config } = options;
  const stack = Stack.of(scope);
  return new events.Rule(scope, 'StatusChangeRule', {
    description: `shiftflow ${config.name}: Redshift Data API statement status changes`,
    eventPattern: toEventPattern(
      statusChangePattern({
        pipelineName: config.name,
        principal: `arn:${stack.partition}:sts::${stack.account}:assumed-role/${options.databaseRole.roleName}/*`,
      }),
    ),
    targets: [
      new eventsTargets.LambdaFunction(options.notifierFunction, {
        retryAttempts: options.retryAttempts,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: options.deadLetterQueue,
      }),
    ],
  });
}

/**
 * What {@link createStatusChangeRule} matches and whom it tells.
 *
 * @example
 * ```ts
 * const options: StatusChangeRuleOptions = { config, databaseRole, notifierFunction, deadLetterQueue, retryAttempts: 2 };
 * ```
 */
export interface StatusChangeRuleOptions {
  /** The configuration whose `name` prefixes the statement names. */
  readonly config: PipelineConfig;
  /** The role that submits the pipeline's statements. */
  readonly databaseRole: iam.IRole;
  /** Function the rule invokes. */
  readonly notifierFunction: lambda.IFunction;
  /** Queue of events the rule could not deliver. */
  readonly deadLetterQueue: sqs.IQueue;
  /** How often the rule retries delivering an event. */
  readonly retryAttempts: number;
}

/** Converts the events package's raw EventBridge pattern (`detail-type`) to the CDK's `EventPattern`. */
function toEventPattern(pattern: StatusChangePattern): events.EventPattern {
  return { source: pattern.source, detailType: pattern['detail-type'], detail: pattern.detail };
}
