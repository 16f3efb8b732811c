import type { PipelineConfig } from '@shiftflow/events';
import type { CustomResource } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgePipelineFindings } from './acknowledge-pipeline-findings.ts';
import type { AlarmReminder } from './create-alarm-reminder.ts';
import { createDeadLetterQueue } from './create-dead-letter-queue.ts';
import { createLedgerTable } from './create-ledger-table.ts';
import { createNotificationTopic } from './create-notification-topic.ts';
import type { PipelineAlarms } from './create-pipeline-alarms.ts';
import { createPipelineOperations } from './create-pipeline-operations.ts';
import { createPipelineRoles } from './create-pipeline-roles.ts';
import { createPipelineSetup } from './create-pipeline-setup.ts';
import { createRunPath } from './create-run-path.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';
import { grantStatementRead } from './grant-database-access.ts';
import { validateEltPipelineProps } from './validate-elt-pipeline-props.ts';

/**
 * The shiftflow pipeline on AWS: EventBridge Scheduler starts the runner, the Data API's
 * completion event starts the notifier, a reconciler catches lost events, SNS tells people,
 * alarms watch the dead-letter queue and the functions, and a custom resource applies the setup SQL.
 *
 * @example
 * ```ts
 * const pipeline = new EltPipeline(stack, 'Pipeline', {
 *   pipelineName: 'nyc-taxi',
 *   scheduleExpression: 'cron(0 11 ? * MON-FRI *)',
 *   timeZone: 'America/New_York',
 *   target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
 *   sourceS3Uri: 's3://my-bucket/nyc_yellow_taxi_raw/',
 *   redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/RedshiftCopy',
 *   notificationEmail: 'data-team@example.com',
 * });
 * pipeline.topic.grantSubscribe(someRole);
 * ```
 */
export class EltPipeline extends Construct {
  /** The validated pipeline configuration the handlers' environments are built from. */
  readonly config: PipelineConfig;
  /**
   * The writer, `<roleNamePrefix>-writer`: role of the runner and the setup custom resource.
   * Shared where Redshift leaves no choice: only the owner of the materialized view may refresh
   * it (setup and runner, one database user; with `IAMR:` sign-ins the user name is the role name).
   */
  readonly databaseRole: iam.Role;
  /**
   * The reconciler, `<roleNamePrefix>-reconciler`: no database identity. ListStatements returns
   * only statements run by the caller's IAM role (`RoleLevel`,
   * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListStatements.html), so
   * instead of listing the runner's statements it reads the started runs the runner's on-success
   * destination records in the ledger, and describes them (`redshift-data:statement-owner-iam-userid`
   * of the writer role); it publishes to the topic and uses the ledger.
   */
  readonly reconcilerRole: iam.Role;
  /**
   * The reader, `<roleNamePrefix>-notifier`: role of the notifier only. It describes and reads the
   * results of the writer's statements (`redshift-data:statement-owner-iam-userid` of the writer
   * role), runs one read-only query of its own (load errors) as the read-only database identity,
   * publishes to the topic and uses the ledger.
   */
  readonly notifierRole: iam.Role;
  /** KMS key (rotated yearly) that encrypts the notification topic. */
  readonly topicKey: kms.Key;
  /** SNS topic the run notifications are published to (users). */
  readonly topic: sns.Topic;
  /** DynamoDB table where the notifier records which statements it announced. */
  readonly ledgerTable: dynamodb.Table;
  /** Queue receiving undeliverable schedule and rule events and failed asynchronous invocations. */
  readonly deadLetterQueue: sqs.Queue;
  /** Function that starts one ELT run per scheduled time. */
  readonly runnerFunction: lambda.Function;
  /** Function that announces a finished, failed or aborted statement. */
  readonly notifierFunction: lambda.Function;
  /** Function that announces statements whose completion event never arrived. */
  readonly reconcilerFunction: lambda.Function;
  /** Role EventBridge Scheduler assumes to invoke the runner and the reconciler. */
  readonly scheduleRole: iam.Role;
  /** Schedule that invokes the runner. */
  readonly runSchedule: scheduler.Schedule;
  /** Schedule that invokes the reconciler. */
  readonly reconcileSchedule: scheduler.Schedule;
  /** Rule matching this pipeline's "Redshift Data Statement Status Change" events. */
  readonly statusChangeRule: events.Rule;
  /** Alarm on any message in the dead-letter queue. */
  readonly deadLetterQueueAlarm: cloudwatch.Alarm;
  /** Alarm on runner errors. */
  readonly runnerErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on notifier errors. */
  readonly notifierErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on reconciler errors. */
  readonly reconcilerErrorsAlarm: cloudwatch.Alarm;
  /** Every alarm of the pipeline, all notifying the operations topic. */
  readonly alarms: PipelineAlarms;
  /**
   * Re-arms the dead-letter arrivals alarm every hour (SetAlarmState OK), so it mails again while
   * messages keep arriving (alarm actions run on state changes only).
   */
  readonly deadLetterReminder: AlarmReminder;
  /** KMS key (rotated yearly) that encrypts the operations topic. */
  readonly operationsTopicKey: kms.Key;
  /** SNS topic the alarms notify: operators, apart from the users' notification topic. */
  readonly operationsTopic: sns.Topic;
  /** CloudWatch dashboard: runs by outcome, errors, throttles, durations, dead-letter queue, alarms. */
  readonly dashboard: cloudwatch.Dashboard;
  /** The setup custom resource, when `setupFiles` is not empty. */
  readonly setup?: CustomResource;
  /** SHA-256 of the setup SQL files (names and contents); a change re-runs the setup. */
  readonly setupSqlHash?: string;

  constructor(scope: Construct, id: string, props: EltPipelineProps) {
    super(scope, id);
    const config = validateEltPipelineProps(props);
    this.config = config;
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;

    // Database identities: the writer (runner, setup) and the reader (notifier); the reconciler has none.
    const roles = createPipelineRoles(this, { ...props, config, logRetention });
    this.databaseRole = roles.writer.role;
    this.notifierRole = roles.reader.role;
    this.reconcilerRole = roles.reconciler.role;

    // Where results and failures go.
    const notifications = createNotificationTopic(this, config);
    this.topicKey = notifications.topicKey;
    this.topic = notifications.topic;
    this.ledgerTable = createLedgerTable(this);
    this.deadLetterQueue = createDeadLetterQueue(this);

    // The functions a run passes through, and what starts them.
    const run = createRunPath(this, {
      ...props,
      config,
      roles,
      topic: this.topic,
      ledgerTable: this.ledgerTable,
      deadLetterQueue: this.deadLetterQueue,
      logRetention,
    });
    this.runnerFunction = run.runnerFunction;
    this.notifierFunction = run.notifierFunction;
    this.reconcilerFunction = run.reconcilerFunction;
    this.scheduleRole = run.scheduleRole;
    this.runSchedule = run.runSchedule;
    this.reconcileSchedule = run.reconcileSchedule;
    this.statusChangeRule = run.statusChangeRule;

    // Setup SQL at deploy time; no run before the tables and the procedure exist.
    const setup = createPipelineSetup(this, {
      ...props,
      config,
      role: this.databaseRole,
      logRetention,
      runSchedule: this.runSchedule,
    });
    this.setup = setup?.resource;
    this.setupSqlHash = setup?.sqlHash;

    // Operations, apart from users: alarms to their own topic, run metrics, a dashboard.
    const operations = createPipelineOperations(this, {
      ...run,
      config,
      email: props.operationsEmail,
      deadLetterQueue: this.deadLetterQueue,
      setupFunctions: setup?.setupFunctions ?? [],
      runDeadline: props.runDeadline,
    });
    this.operationsTopicKey = operations.topicKey;
    this.operationsTopic = operations.topic;
    this.alarms = operations.alarms;
    this.deadLetterReminder = operations.deadLetterReminder;
    this.deadLetterQueueAlarm = operations.alarms.deadLetterQueueAlarm;
    this.runnerErrorsAlarm = operations.alarms.runnerErrorsAlarm;
    this.notifierErrorsAlarm = operations.alarms.notifierErrorsAlarm;
    this.reconcilerErrorsAlarm = operations.alarms.reconcilerErrorsAlarm;
    this.dashboard = operations.dashboard;

    acknowledgePipelineFindings({
      databaseRoles: [roles.writer, roles.reader, roles.reconciler],
      destinationFunctions: [this.reconcilerFunction],
      scheduleRole: this.scheduleRole,
      scheduledFunctions: [this.runnerFunction, this.reconcilerFunction],
    });
  }

  /**
   * Lets `grantee` describe and read the results of the statements the database role submitted.
   *
   * @param actions - Data API actions on statements; defaults to `DescribeStatement` and `GetStatementResult`.
   * @example
   * ```ts
   * pipeline.grantStatementRead(dashboardRole, ['redshift-data:DescribeStatement']);
   * ```
   */
  grantStatementRead(grantee: iam.IGrantable, actions?: readonly string[]): iam.Grant {
    return grantStatementRead(grantee, this.databaseRole, actions);
  }
}
