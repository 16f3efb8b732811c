import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  EventParseError,
  notifierEnvironment,
  type PipelineConfig,
  type PipelineTarget,
  parsePipelineConfig,
  runnerEnvironment,
  type StatusChangePattern,
  statusChangePattern,
} from '@shiftflow/events';
import {
  ArnFormat,
  CustomResource,
  Duration,
  RemovalPolicy,
  Stack,
  TimeZone,
  Token,
  Validations,
} from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as stepfunctions from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { InvalidPipelinePropertyError, MissingAssetError } from './errors.ts';

/**
 * Where the pipeline's SQL runs: a provisioned cluster or a Serverless workgroup (the
 * configuration's `target`). A `secretArn` must be the secret's complete ARN.
 *
 * @example
 * ```ts
 * const target: EltPipelineTarget = { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' };
 * ```
 */
export type EltPipelineTarget = PipelineTarget;

/**
 * Properties of {@link EltPipeline}. The pipeline fields mirror the shared pipeline configuration
 * (`shiftflow.config.json`); the rest tune the deployment.
 *
 * @example
 * ```ts
 * const props: EltPipelineProps = {
 *   pipelineName: 'nyc-taxi',
 *   scheduleExpression: 'cron(0 11 ? * MON-FRI *)',
 *   timeZone: 'America/New_York',
 *   target: { type: 'serverless', workgroupName: 'analytics', database: 'dev' },
 *   sourceS3Uri: 's3://my-bucket/nyc_yellow_taxi_raw/',
 *   redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/RedshiftCopy',
 * };
 * ```
 */
export interface EltPipelineProps {
  /** Pipeline name: prefix of every statement name, `^[a-z][a-z0-9-]{0,39}$`. */
  readonly pipelineName: string;
  /** EventBridge Scheduler expression that starts a run: `cron(…)` (6 fields) or `rate(…)`. */
  readonly scheduleExpression: string;
  /**
   * IANA time zone the schedule expression is read in (daylight saving time included).
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /** The Redshift cluster or Serverless workgroup, its database and the database identity. */
  readonly target: EltPipelineTarget;
  /**
   * SQL the runner submits on every run.
   * @default 'CALL run_elt_process();'
   */
  readonly eltSql?: string;
  /**
   * Setup SQL files, relative to `setupBaseDirectory`, applied in order at deploy time by a
   * custom resource that waits for them and fails the deployment on a SQL error.
   * @default [] - no setup custom resource
   */
  readonly setupFiles?: readonly string[];
  /**
   * Directory `setupFiles` are relative to.
   * @default process.cwd()
   */
  readonly setupBaseDirectory?: string;
  /** `s3://` URI of the raw files the ELT SQL copies. */
  readonly sourceS3Uri: string;
  /** IAM role Redshift assumes for COPY (`arn:aws:iam::<account>:role/<name>`). */
  readonly redshiftIamRoleArn: string;
  /**
   * E-mail address subscribed to the notification topic (the subscription must be confirmed).
   * @default - no subscription; subscribe to `topic` yourself
   */
  readonly notificationEmail?: string;
  /**
   * ID (a UUID) of the Serverless workgroup, which its ARN uses. Ignored for a cluster target.
   * @default - looked up by name at deploy time with `redshift-serverless:GetWorkgroup`
   */
  readonly workgroupId?: string;
  /**
   * Customer managed KMS key that encrypts the target's secret (`target.secretArn`, required with
   * this key); the database role may decrypt with it.
   * @default - none: the secret uses the AWS managed key (or there is no secret)
   */
  readonly secretKey?: kms.IKey;
  /**
   * How often the run schedule and the status-change rule retry delivering an event to their
   * function (0–185; both default to 185 in AWS, far too many for a daily load).
   * @default 2
   */
  readonly eventRetryAttempts?: number;
  /**
   * How often Lambda retries a failed asynchronous invocation of the runner or the notifier (0–2).
   * Safe for both: the runner's ClientToken and the notifier's ledger make retries idempotent.
   * The reconciler never retries (its next sweep does).
   * @default 2
   */
  readonly functionRetryAttempts?: number;
  /**
   * How often the reconciler looks for statements whose completion event never arrived (1 minute to 1 day).
   * @default Duration.minutes(15)
   */
  readonly reconcileInterval?: Duration;
  /**
   * How long the functions' log groups keep their logs.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * How long the setup custom resource waits for its SQL before failing the deployment (1 minute to 1 hour).
   * @default Duration.minutes(30)
   */
  readonly setupTimeout?: Duration;
  /**
   * Code of the runner function (exports `handler`).
   * @default - the bundle `dist/lambda` of `@shiftflow/elt-runner`
   */
  readonly runnerCode?: lambda.Code;
  /**
   * Code of the notifier and reconciler functions (exports `handler` and `reconcile`).
   * @default - the bundle `dist/lambda` of `@shiftflow/notifier`
   */
  readonly notifierCode?: lambda.Code;
  /**
   * Code of the setup custom resource (exports `onEvent` and `isComplete`).
   * @default - the bundle `dist/setup` of `@shiftflow/elt-runner`
   */
  readonly setupCode?: lambda.Code;
}

const PIPELINE_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const requireFromHere = createRequire(import.meta.url);

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
   * Role of the runner, the setup custom resource, the notifier and the reconciler: the pipeline's
   * one database identity. Sharing it is required, not convenient: only the owner of the
   * materialized view may refresh it (setup and runner), `ListStatements` returns only the
   * caller role's statements (reconciler), and the notifier reads `elt_run_log`, which the setup
   * identity owns (with IAM database credentials the user name derives from the role name).
   */
  readonly databaseRole: iam.Role;
  /** KMS key (rotated yearly) that encrypts the notification topic. */
  readonly topicKey: kms.Key;
  /** SNS topic every notification and alarm is published to. */
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
  /** The setup custom resource, when `setupFiles` is not empty. */
  readonly setup?: CustomResource;
  /** SHA-256 of the setup SQL files (names and contents); a change re-runs the setup. */
  readonly setupSqlHash?: string;

  private readonly logRetention: logs.RetentionDays;

  constructor(scope: Construct, id: string, props: EltPipelineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.config = validateProps(props);
    this.logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    const eventRetryAttempts = props.eventRetryAttempts ?? 2;
    const functionRetryAttempts = props.functionRetryAttempts ?? 2;
    const config = this.config;
    const target = config.target;

    // One database identity for every function (see databaseRole).
    this.databaseRole = new iam.Role(this, 'DatabaseRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `shiftflow ${config.name}: runner, setup, notifier and reconciler (one database identity)`,
    });

    const workgroupId =
      target.type === 'serverless'
        ? (props.workgroupId ?? this.lookUpWorkgroupId(target.workgroupName))
        : undefined;
    this.grantDatabaseAccess(this.databaseRole, target, workgroupId, props.secretKey);

    // Notifications.
    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: `shiftflow ${config.name}: encrypts the notification topic`,
      enableKeyRotation: true,
    });
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `shiftflow ${config.name}`,
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    // The topic policy that enforceSSL creates replaces SNS's default policy: allow the alarms explicitly.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    if (config.notificationEmail !== undefined) {
      this.topic.addSubscription(new snsSubscriptions.EmailSubscription(config.notificationEmail));
    }

    this.ledgerTable = new dynamodb.Table(this, 'LedgerTable', {
      partitionKey: { name: 'statementId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the schedules, the rule and the functions; it needs none of its own.',
    });

    // Functions.
    const runnerEnvironmentVariables = runnerEnvironment(config);
    const notifierEnvironmentVariables = notifierEnvironment(config, {
      topicArn: this.topic.topicArn,
      ledger: { type: 'dynamodb', tableName: this.ledgerTable.tableName },
    });
    this.runnerFunction = this.createFunction('Runner', {
      description: `shiftflow ${config.name}: starts one ELT run per scheduled time`,
      code: props.runnerCode ?? bundleCode('@shiftflow/elt-runner', 'lambda'),
      handler: 'index.handler',
      role: this.databaseRole,
      environment: runnerEnvironmentVariables,
      timeout: Duration.seconds(30),
      // Safe to retry: the ClientToken derived from the scheduled time makes a retried
      // invocation return the statement of the first one instead of starting a second load.
      retryAttempts: functionRetryAttempts,
    });
    this.notifierFunction = this.createFunction('Notifier', {
      description: `shiftflow ${config.name}: announces finished, failed and aborted runs`,
      code: props.notifierCode ?? bundleCode('@shiftflow/notifier', 'lambda'),
      handler: 'index.handler',
      role: this.databaseRole,
      environment: notifierEnvironmentVariables,
      timeout: Duration.seconds(60),
      // Safe to retry: the ledger announces each statement once.
      retryAttempts: functionRetryAttempts,
    });
    this.reconcilerFunction = this.createFunction('Reconciler', {
      description: `shiftflow ${config.name}: announces runs whose completion event was lost`,
      code: props.notifierCode ?? bundleCode('@shiftflow/notifier', 'lambda'),
      handler: 'index.reconcile',
      role: this.databaseRole,
      environment: notifierEnvironmentVariables,
      timeout: Duration.minutes(2),
      // The next sweep retries anyway.
      retryAttempts: 0,
    });
    this.topic.grantPublish(this.databaseRole);
    this.ledgerTable.grant(
      this.databaseRole,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );

    // Schedules, sharing one role that may invoke the two functions and feed the dead-letter queue.
    this.scheduleRole = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `shiftflow ${config.name}: EventBridge Scheduler invoking the runner and the reconciler`,
    });
    this.runSchedule = new scheduler.Schedule(this, 'RunSchedule', {
      description: `shiftflow ${config.name}: starts a run`,
      schedule: scheduler.ScheduleExpression.expression(
        config.schedule.expression,
        TimeZone.of(config.schedule.timeZone),
      ),
      target: new schedulerTargets.LambdaInvoke(this.runnerFunction, {
        role: this.scheduleRole,
        // The runner's ClientToken and statement name derive from the scheduled time.
        input: scheduler.ScheduleTargetInput.fromObject({
          source: 'shiftflow.scheduler',
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
          scheduleArn: scheduler.ContextAttribute.scheduleArn,
          executionId: scheduler.ContextAttribute.executionId,
          attemptNumber: scheduler.ContextAttribute.attemptNumber,
        }),
        retryAttempts: eventRetryAttempts,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    this.reconcileSchedule = new scheduler.Schedule(this, 'ReconcileSchedule', {
      description: `shiftflow ${config.name}: announces runs whose completion event was lost`,
      schedule: scheduler.ScheduleExpression.rate(props.reconcileInterval ?? Duration.minutes(15)),
      target: new schedulerTargets.LambdaInvoke(this.reconcilerFunction, {
        role: this.scheduleRole,
        retryAttempts: 0,
        maxEventAge: Duration.minutes(15),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });

    // Completion events of this pipeline's statements, submitted by the database role only.
    this.statusChangeRule = new events.Rule(this, 'StatusChangeRule', {
      description: `shiftflow ${config.name}: Redshift Data API statement status changes`,
      eventPattern: toEventPattern(
        statusChangePattern({
          pipelineName: config.name,
          principal: `arn:${stack.partition}:sts::${stack.account}:assumed-role/${this.databaseRole.roleName}/*`,
        }),
      ),
      targets: [
        new eventsTargets.LambdaFunction(this.notifierFunction, {
          retryAttempts: eventRetryAttempts,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });

    // Alarms, all notifying the topic.
    this.deadLetterQueueAlarm = this.createAlarm(
      'DeadLetterQueueAlarm',
      'an event or invocation of the pipeline failed for good: read the message in the dead-letter queue',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
    );
    this.runnerErrorsAlarm = this.createAlarm(
      'RunnerErrorsAlarm',
      'the runner failed',
      this.runnerFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    );
    this.notifierErrorsAlarm = this.createAlarm(
      'NotifierErrorsAlarm',
      'the notifier failed',
      this.notifierFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    );
    this.reconcilerErrorsAlarm = this.createAlarm(
      'ReconcilerErrorsAlarm',
      'the reconciler failed',
      this.reconcilerFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    );

    // Setup SQL at deploy time.
    if (config.setupFiles.length > 0) {
      const files = readSetupFiles(config.setupFiles, props.setupBaseDirectory ?? process.cwd());
      this.setupSqlHash = hashSetupFiles(files);
      this.setup = this.createSetup({
        files,
        sqlHash: this.setupSqlHash,
        code: props.setupCode ?? bundleCode('@shiftflow/elt-runner', 'setup'),
        environment: runnerEnvironmentVariables,
        timeout: props.setupTimeout ?? Duration.minutes(30),
      });
      // No run before the tables and the procedure exist.
      this.runSchedule.node.addDependency(this.setup);
    }

    this.acknowledgeFindings();
  }

  /**
   * Lets `grantee` describe and read the results of the statements the database role submitted.
   *
   * @example
   * ```ts
   * pipeline.grantStatementRead(dashboardRole, ['redshift-data:DescribeStatement']);
   * ```
   */
  grantStatementRead(
    grantee: iam.IGrantable,
    actions: readonly string[] = ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'],
  ): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...actions],
      // These actions have no resource type; the condition limits them to the database role's statements.
      resourceArns: ['*'],
      conditions: {
        StringLike: { 'redshift-data:statement-owner-iam-userid': `${this.databaseRole.roleId}:*` },
      },
    });
  }

  private grantDatabaseAccess(
    role: iam.Role,
    target: EltPipelineTarget,
    workgroupId: string | undefined,
    secretKey: kms.IKey | undefined,
  ): void {
    const stack = Stack.of(this);
    const redshiftArn = (resource: string, resourceName: string): string =>
      stack.formatArn({
        service: 'redshift',
        resource,
        resourceName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const computeArn =
      target.type === 'cluster'
        ? redshiftArn('cluster', target.clusterIdentifier)
        : stack.formatArn({
            service: 'redshift-serverless',
            resource: 'workgroup',
            resourceName: workgroupId,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SubmitStatements',
        actions: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
        resources: [computeArn],
      }),
    );
    this.grantStatementRead(role, [
      'redshift-data:DescribeStatement',
      'redshift-data:GetStatementResult',
      'redshift-data:CancelStatement',
      'redshift-data:ListStatements',
    ]);

    if (target.secretArn !== undefined) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ReadDatabaseSecret',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [target.secretArn],
        }),
      );
      secretKey?.grantDecrypt(role);
    } else if (target.type === 'cluster' && target.dbUser !== undefined) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'GetDatabaseUserCredentials',
          actions: ['redshift:GetClusterCredentials'],
          resources: [
            redshiftArn('dbuser', `${target.clusterIdentifier}/${target.dbUser}`),
            redshiftArn('dbname', `${target.clusterIdentifier}/${target.database}`),
          ],
        }),
      );
    } else if (target.type === 'cluster') {
      // The database user is IAMR:<role name>.
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'GetIamDatabaseCredentials',
          actions: ['redshift:GetClusterCredentialsWithIAM'],
          resources: [redshiftArn('dbname', `${target.clusterIdentifier}/${target.database}`)],
        }),
      );
    } else {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'GetServerlessCredentials',
          actions: ['redshift-serverless:GetCredentials'],
          resources: [computeArn],
        }),
      );
    }
  }

  private lookUpWorkgroupId(workgroupName: string): string {
    const stack = Stack.of(this);
    const lookup = new cr.AwsCustomResource(this, 'WorkgroupLookup', {
      onUpdate: {
        service: 'redshift-serverless',
        action: 'GetWorkgroup',
        parameters: { workgroupName },
        physicalResourceId: cr.PhysicalResourceId.of(`workgroup:${workgroupName}`),
        outputPaths: ['workgroup.workgroupId'],
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['redshift-serverless:GetWorkgroup'],
          // The workgroup's ARN carries its ID, which is what this lookup finds out.
          resources: [
            stack.formatArn({
              service: 'redshift-serverless',
              resource: 'workgroup',
              resourceName: '*',
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          ],
        }),
      ]),
      installLatestAwsSdk: false,
      logGroup: this.createLogGroup('WorkgroupLookupLogs'),
    });
    Validations.of(lookup).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:redshift-serverless:${nagName(stack.region, 'AWS::Region')}:${nagName(stack.account, 'AWS::AccountId')}:workgroup/*]`,
      reason:
        'GetWorkgroup is scoped by workgroup ARN, which contains the ID this lookup reads; pass workgroupId to drop the lookup.',
    });
    // AwsCustomResource runs in one function per stack, created beside the stack's other constructs.
    const singleton = stack.node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
    if (singleton !== undefined) {
      Validations.of(singleton).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The CDK AwsCustomResource function uses the AWS managed basic execution role (CloudWatch Logs writes only).',
      });
    }
    return lookup.getResponseField('workgroup.workgroupId');
  }

  private createLogGroup(id: string): logs.LogGroup {
    return new logs.LogGroup(this, id, {
      retention: this.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  private createFunction(
    id: string,
    options: {
      description: string;
      code: lambda.Code;
      handler: string;
      role: iam.IRole;
      environment: Record<string, string>;
      timeout: Duration;
      /** Asynchronous invocation retries; undefined for synchronously invoked functions. */
      retryAttempts?: number;
    },
  ): lambda.Function {
    // Custom roles get no managed policy: each function may write to its own log group only.
    const logGroup = this.createLogGroup(`${id}Logs`);
    logGroup.grantWrite(options.role);
    const fn = new lambda.Function(this, `${id}Function`, {
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
      ...(options.retryAttempts === undefined
        ? {}
        : {
            retryAttempts: options.retryAttempts,
            maxEventAge: Duration.hours(1),
            onFailure: new lambdaDestinations.SqsDestination(this.deadLetterQueue),
          }),
    });
    return fn;
  }

  private createAlarm(id: string, what: string, metric: cloudwatch.IMetric): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: `shiftflow ${this.config.name}: ${what}`,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
    return alarm;
  }

  private createSetup(options: {
    files: readonly SetupFile[];
    sqlHash: string;
    code: lambda.Code;
    environment: Record<string, string>;
    timeout: Duration;
  }): CustomResource {
    const onEvent = this.createFunction('SetupOnEvent', {
      description: `shiftflow ${this.config.name}: submits the setup SQL`,
      code: options.code,
      handler: 'index.onEvent',
      role: this.databaseRole,
      environment: options.environment,
      timeout: Duration.minutes(1),
    });
    const isComplete = this.createFunction('SetupIsComplete', {
      description: `shiftflow ${this.config.name}: waits for the setup SQL`,
      code: options.code,
      handler: 'index.isComplete',
      role: this.databaseRole,
      environment: options.environment,
      timeout: Duration.minutes(1),
    });
    // The framework functions' own roles instead of the AWS managed basic execution role; two of
    // them, as one would make a cycle (onEvent starts the waiter, which invokes isComplete).
    const providerLogGroup = this.createLogGroup('SetupProviderLogs');
    const providerRoles = ['OnEvent', 'CompleteAndTimeout'].map((name) => {
      const role = new iam.Role(this, `SetupProvider${name}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `shiftflow ${this.config.name}: setup custom resource provider framework (${name})`,
      });
      providerLogGroup.grantWrite(role);
      return role;
    });
    const provider = new cr.Provider(this, 'SetupProvider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: Duration.seconds(10),
      totalTimeout: options.timeout,
      frameworkOnEventRole: providerRoles[0],
      frameworkCompleteAndTimeoutRole: providerRoles[1],
      logGroup: providerLogGroup,
      disableWaiterStateMachineLogging: false,
      waiterStateMachineLogOptions: {
        destination: this.createLogGroup('SetupWaiterLogs'),
        level: stepfunctions.LogLevel.ALL,
      },
    });
    for (const role of providerRoles) {
      Validations.of(role).acknowledge(
        ...[onEvent, isComplete].map((fn) => ({
          id: invokeFinding(fn),
          reason:
            'The provider framework invokes this one setup function; ":*" only adds its versions and aliases.',
        })),
      );
    }
    Validations.of(provider).acknowledge(
      ...['onEvent', 'isComplete', 'onTimeout'].map((name) => ({
        id: invokeFinding(provider.node.findChild(`framework-${name}`) as lambda.Function),
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
    return new CustomResource(this, 'Setup', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::ShiftflowSetup',
      properties: {
        // The shape `@shiftflow/elt-runner`'s setup handler reads (SetupResourceProperties).
        PipelineName: this.config.name,
        Target: this.config.target,
        SqlHash: options.sqlHash,
        Files: options.files.map((file) => ({ name: file.name, sql: file.sql })),
        Values: {
          sourceS3Uri: this.config.sourceS3Uri,
          redshiftIamRoleArn: this.config.redshiftIamRoleArn,
        },
      },
    });
  }

  private acknowledgeFindings(): void {
    Validations.of(this.databaseRole).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          "Data API DescribeStatement, GetStatementResult, CancelStatement and ListStatements have no resource type; the redshift-data:statement-owner-iam-userid condition limits them to the database role's statements.",
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          'Publishing to the KMS-encrypted topic needs GenerateDataKey* on that one key (Topic.grantPublish).',
      },
    );
    Validations.of(this.scheduleRole).acknowledge(
      ...[this.runnerFunction, this.reconcilerFunction].map((fn) => ({
        id: invokeFinding(fn),
        reason: 'The schedule invokes this one function; ":*" only adds its versions and aliases.',
      })),
    );
  }
}

/** How cdk-nag writes a stack attribute in a finding id: the literal, or `<AWS::…>` for a pseudo parameter. */
function nagName(value: string, pseudoParameter: string): string {
  return Token.isUnresolved(value) ? `<${pseudoParameter}>` : value;
}

/** The cdk-nag finding id of an invoke grant on `fn` and its versions (`<arn>:*`). */
function invokeFinding(fn: lambda.Function): string {
  const logicalId: unknown = Stack.of(fn).resolve((fn.node.defaultChild as lambda.CfnFunction).logicalId);
  return `AwsSolutions-IAM5[Resource::<${String(logicalId)}.Arn>:*]`;
}

/** One setup SQL file as the custom resource receives it. */
interface SetupFile {
  /** Path relative to the base directory, as in the configuration. */
  readonly name: string;
  readonly sql: string;
}

function validateProps(props: EltPipelineProps): PipelineConfig {
  if (!PIPELINE_NAME.test(props.pipelineName)) {
    throw new InvalidPipelinePropertyError('pipelineName', props.pipelineName, `must match ${PIPELINE_NAME}`);
  }
  if (!/^(cron|rate)\(.+\)$/.test(props.scheduleExpression)) {
    // at(…) is valid for EventBridge Scheduler but would run the pipeline once only.
    throw new InvalidPipelinePropertyError(
      'scheduleExpression',
      props.scheduleExpression,
      'must be an EventBridge Scheduler expression: cron(minutes hours day-of-month month day-of-week year) or rate(value unit)',
    );
  }
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
  const target = props.target;
  if (target.type === 'cluster' && target.dbUser !== undefined && target.secretArn !== undefined) {
    // The Data API takes one way to authenticate; which would win is not obvious to a reader.
    throw new InvalidPipelinePropertyError(
      'target',
      target,
      'has both dbUser and secretArn: give dbUser (temporary credentials), secretArn, or neither (IAM identity)',
    );
  }
  if (props.secretKey !== undefined && target.secretArn === undefined) {
    // The key would be granted to nobody's use: the target signs in without a secret.
    throw new InvalidPipelinePropertyError(
      'secretKey',
      target,
      'is given but the target has no secretArn: give the secret it encrypts, or leave secretKey out',
    );
  }
  if (props.workgroupId !== undefined && !UUID.test(props.workgroupId)) {
    throw new InvalidPipelinePropertyError(
      'workgroupId',
      props.workgroupId,
      'must be the workgroup ID (a UUID), not its name',
    );
  }
  const input = {
    name: props.pipelineName,
    schedule: { expression: props.scheduleExpression, timeZone: props.timeZone ?? 'UTC' },
    target: props.target,
    ...(props.eltSql === undefined ? {} : { eltSql: props.eltSql }),
    setupFiles: props.setupFiles ?? [],
    sourceS3Uri: props.sourceS3Uri,
    redshiftIamRoleArn: props.redshiftIamRoleArn,
    ...(props.notificationEmail === undefined ? {} : { notificationEmail: props.notificationEmail }),
  };
  try {
    return parsePipelineConfig(input);
  } catch (error) {
    if (!(error instanceof EventParseError)) throw error;
    const issue = error.issues[0];
    const property = pathToProperty(issue?.path ?? '');
    const others = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more: ${error.message})` : '';
    throw new InvalidPipelinePropertyError(
      property,
      issue?.value,
      `${issue?.message ?? 'invalid'}${others}`,
      {
        cause: error,
      },
    );
  }
}

/** Maps a path in the pipeline configuration to the construct property carrying it. */
function pathToProperty(path: string): string {
  if (path === 'name') return 'pipelineName';
  if (path === 'schedule.expression') return 'scheduleExpression';
  if (path === 'schedule.timeZone') return 'timeZone';
  return path;
}

function readSetupFiles(files: readonly string[], baseDirectory: string): SetupFile[] {
  return files.map((name, index) => {
    if (isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
      throw new InvalidPipelinePropertyError(
        `setupFiles.${index}`,
        name,
        'must be a path inside the repository',
      );
    }
    const path = resolve(baseDirectory, name);
    if (!existsSync(path)) {
      throw new MissingAssetError(path, `setupFiles.${index} "${name}" is not a file under ${baseDirectory}`);
    }
    return { name, sql: readFileSync(path, 'utf8') };
  });
}

/**
 * SHA-256 over the setup files' names and contents, in order: the custom resource's update trigger.
 *
 * @example
 * ```ts
 * hashSetupFiles([{ name: 'sql/setup/001_table.sql', sql: 'create table …' }]); // '9f86d0…'
 * ```
 */
export function hashSetupFiles(files: readonly { name: string; sql: string }[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.sql}\0`);
  return hash.digest('hex');
}

/** Converts the events package's raw EventBridge pattern (`detail-type`) to the CDK's `EventPattern`. */
function toEventPattern(pattern: StatusChangePattern): events.EventPattern {
  return { source: pattern.source, detailType: pattern['detail-type'], detail: pattern.detail };
}

/** The asset of a tsup-built bundle folder (`dist/<folder>`) of a workspace package. */
function bundleCode(packageName: string, folder: string): lambda.Code {
  const packageJson = requireFromHere.resolve(`${packageName}/package.json`);
  const directory = join(dirname(packageJson), 'dist', folder);
  if (!existsSync(join(directory, 'index.mjs'))) {
    throw new MissingAssetError(
      join(directory, 'index.mjs'),
      `build the bundle first: pnpm turbo build --filter ${packageName}`,
    );
  }
  return lambda.Code.fromAsset(directory);
}
