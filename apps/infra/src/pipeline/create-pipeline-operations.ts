import type { PipelineConfig } from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type AlarmReminder, createAlarmReminder } from './create-alarm-reminder.ts';
import { createEncryptedTopic } from './create-notification-topic.ts';
import { createPipelineAlarms, type PipelineAlarms } from './create-pipeline-alarms.ts';
import { createPipelineDashboard } from './create-pipeline-dashboard.ts';
import type { RunFunctions } from './create-run-functions.ts';
import { createRunMetrics } from './create-run-metrics.ts';

/**
 * Operations, apart from users: the operations topic every alarm notifies (with an e-mail
 * subscription when `email` is given), run metrics counted from the logs, the alarms, the hourly
 * reminder of the dead-letter arrivals alarm, and a dashboard.
 *
 * @example
 * ```ts
 * const operations = createPipelineOperations(pipeline, { ...functions, config, email: undefined, deadLetterQueue, setupFunctions: [], runDeadline: undefined });
 * ```
 */
export function createPipelineOperations(
  scope: Construct,
  options: PipelineOperationsOptions,
): PipelineOperations {
  const { config, deadLetterQueue } = options;
  const functions: RunFunctions = {
    runnerFunction: options.runnerFunction,
    notifierFunction: options.notifierFunction,
    reconcilerFunction: options.reconcilerFunction,
  };
  const operations = createEncryptedTopic(scope, {
    keyId: 'OperationsTopicKey',
    topicId: 'OperationsTopic',
    what: 'operations topic',
    displayName: `shiftflow ${config.name} operations`,
    email: options.email,
  });
  const runMetrics = createRunMetrics(scope, { ...functions, config });
  const alarms = createPipelineAlarms(scope, {
    ...functions,
    config,
    topic: operations.topic,
    deadLetterQueue,
    setupFunctions: options.setupFunctions,
    runMetrics,
    runDeadline: options.runDeadline,
  });
  const deadLetterReminder = createAlarmReminder(scope, 'DeadLetterReminder', {
    config,
    alarm: alarms.deadLetterArrivalsAlarm,
    interval: Duration.hours(1),
  });
  const dashboard = createPipelineDashboard(scope, {
    ...functions,
    config,
    runMetrics,
    alarms,
    deadLetterQueue,
  });
  return { topicKey: operations.topicKey, topic: operations.topic, alarms, deadLetterReminder, dashboard };
}

/**
 * What {@link createPipelineOperations} watches and whom it tells.
 *
 * @example
 * ```ts
 * const options: PipelineOperationsOptions = { config, runnerFunction, notifierFunction, reconcilerFunction, deadLetterQueue, setupFunctions: [], email: 'ops@example.com' };
 * ```
 */
export interface PipelineOperationsOptions extends RunFunctions {
  /** The configuration whose `name` the topic, alarms, metrics and dashboard carry. */
  readonly config: PipelineConfig;
  /** Address subscribed to the operations topic by e-mail, if any. */
  readonly email: string | undefined;
  /** Queue whose messages mean an event or invocation failed for good. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The setup custom resource's functions; none without setup files. */
  readonly setupFunctions: readonly lambda.IFunction[];
  /** Alarm when no run succeeded within this long (see `EltPipelineProps.runDeadline`). */
  readonly runDeadline?: Duration | undefined;
}

/**
 * What operators get: their topic, the alarms notifying it, a reminder and a dashboard.
 *
 * @example
 * ```ts
 * const { topic, alarms } = createPipelineOperations(pipeline, options);
 * ```
 */
export interface PipelineOperations {
  /** KMS key (rotated yearly) that encrypts the operations topic. */
  readonly topicKey: kms.Key;
  /** SNS topic the alarms notify. */
  readonly topic: sns.Topic;
  /** Every alarm of the pipeline. */
  readonly alarms: PipelineAlarms;
  /** Re-arms the dead-letter arrivals alarm every hour. */
  readonly deadLetterReminder: AlarmReminder;
  /** CloudWatch dashboard: runs by outcome, errors, throttles, durations, dead-letter queue, alarms. */
  readonly dashboard: cloudwatch.Dashboard;
}
