import type { PipelineConfig } from '@shiftflow/events';
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PipelineRoles } from './create-pipeline-roles.ts';
import { createPipelineSchedules, type PipelineSchedules } from './create-pipeline-schedules.ts';
import { createRunFunctions, type RunFunctions } from './create-run-functions.ts';
import { createStatusChangeRule } from './create-status-change-rule.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';

/**
 * The path of a run: the functions a run passes through (see `createRunFunctions`), and what
 * starts them: the run and reconcile schedules (see `createPipelineSchedules`) and the rule passing
 * the writer's statement status changes to the notifier (see `createStatusChangeRule`). The props'
 * defaults are filled in: 2 retries of an event and of an invocation, a sweep every 15 minutes.
 *
 * @example
 * ```ts
 * const run = createRunPath(pipeline, { ...props, config, roles, topic, ledgerTable, deadLetterQueue, logRetention });
 * ```
 */
export function createRunPath(scope: Construct, options: RunPathOptions): RunPath {
  const { config, roles, deadLetterQueue } = options;
  const eventRetryAttempts = options.eventRetryAttempts ?? 2;
  const functions = createRunFunctions(scope, {
    config,
    writerRole: roles.writer.role,
    notifierRole: roles.reader.role,
    reconcilerRole: roles.reconciler.role,
    readerTarget: roles.readerTarget,
    topic: options.topic,
    ledgerTable: options.ledgerTable,
    deadLetterQueue,
    logRetention: options.logRetention,
    retryAttempts: options.functionRetryAttempts ?? 2,
    runnerCode: options.runnerCode,
    notifierCode: options.notifierCode,
  });
  const schedules = createPipelineSchedules(scope, {
    ...functions,
    config,
    deadLetterQueue,
    retryAttempts: eventRetryAttempts,
    reconcileInterval: options.reconcileInterval ?? Duration.minutes(15),
  });
  const statusChangeRule = createStatusChangeRule(scope, {
    config,
    databaseRole: roles.writer.role,
    notifierFunction: functions.notifierFunction,
    deadLetterQueue,
    retryAttempts: eventRetryAttempts,
  });
  return { ...functions, ...schedules, statusChangeRule };
}

/**
 * What {@link createRunPath} builds the run's path from: the validated configuration, the
 * pipeline's roles, where results and failures go, and the props tuning retries and code.
 *
 * @example
 * ```ts
 * const options: RunPathOptions = { config, roles, topic, ledgerTable, deadLetterQueue, logRetention: logs.RetentionDays.ONE_MONTH };
 * ```
 */
export interface RunPathOptions
  extends Pick<
    EltPipelineProps,
    'eventRetryAttempts' | 'functionRetryAttempts' | 'reconcileInterval' | 'runnerCode' | 'notifierCode'
  > {
  /** The validated configuration the functions' environments, the schedule and the rule are built from. */
  readonly config: PipelineConfig;
  /** The writer (runner, and whose statements the rule matches), the reader (notifier) and the reconciler. */
  readonly roles: PipelineRoles;
  /** Topic the notifier and the reconciler publish to. */
  readonly topic: sns.ITopic;
  /** Ledger of announced statements and started runs. */
  readonly ledgerTable: dynamodb.ITable;
  /** Queue of events and invocations that failed for good. */
  readonly deadLetterQueue: sqs.IQueue;
  /** How long the functions' log groups keep their logs. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * The run functions, the schedules and the rule that start them.
 *
 * @example
 * ```ts
 * const { runnerFunction, runSchedule, statusChangeRule } = createRunPath(pipeline, options);
 * ```
 */
export interface RunPath extends RunFunctions, PipelineSchedules {
  /** Rule matching this pipeline's "Redshift Data Statement Status Change" events. */
  readonly statusChangeRule: events.Rule;
}
