import type { PipelineTarget } from '@shiftflow/events';
import type { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';

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
   * AWS Region of the source bucket, given to COPY as `REGION '…'` (`{{sourceRegionOption}}` in the setup SQL).
   * @default - none: COPY reads the bucket in the cluster's own Region
   */
  readonly sourceRegion?: string;
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
   * E-mail address subscribed to the operations topic, which every alarm notifies (never the
   * users' notification topic). The subscription must be confirmed.
   * @default - no subscription; subscribe to `operationsTopic` yourself
   */
  readonly operationsEmail?: string;
  /**
   * Alarm when no run succeeded within this long (whole hours, 1 hour to 1 day): for a schedule
   * that runs at least once in every such window (a weekday-only schedule would alarm at weekends).
   * @default - no missed-deadline alarm
   */
  readonly runDeadline?: Duration;
  /**
   * Prefix of the two IAM role names, known before the deploy so the database GRANTs can be
   * prepared: `<prefix>-writer` (runner, setup, reconciler) and `<prefix>-notifier`. IAM names are
   * global to the account: give each Region's deployment of one pipeline its own prefix.
   * @default `shiftflow-<pipelineName>`
   */
  readonly roleNamePrefix?: string;
  /**
   * Database user the notifier signs in as with temporary credentials (cluster target only).
   * @default - the notifier role's IAM identity `IAMR:<roleNamePrefix>-notifier` (or `readerSecretArn`)
   */
  readonly readerDbUser?: string;
  /**
   * Complete ARN of the secret the notifier signs in with (a read-only user). Encrypted with a
   * customer managed key, that key must be `secretKey` too.
   * @default - the notifier role's IAM identity `IAMR:<roleNamePrefix>-notifier` (or `readerDbUser`)
   */
  readonly readerSecretArn?: string;
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
