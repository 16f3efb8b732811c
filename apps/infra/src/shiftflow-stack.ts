import type { PipelineConfig } from '@shiftflow/events';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EltPipeline } from './pipeline/elt-pipeline.ts';
import type { EltPipelineProps } from './pipeline/elt-pipeline-props.ts';

/**
 * The stack `pnpm turbo deploy` deploys: one {@link EltPipeline} configured by `shiftflow.config.json`.
 *
 * @example
 * ```ts
 * const app = new App();
 * new ShiftflowStack(app, 'shiftflow-nyc-taxi', { config: loadPipelineConfig(path), repositoryRoot });
 * ```
 */
export class ShiftflowStack extends Stack {
  /** The pipeline this stack deploys. */
  readonly pipeline: EltPipeline;

  constructor(scope: Construct, id: string, props: ShiftflowStackProps) {
    super(scope, id, {
      description: `shiftflow pipeline ${props.config.name}: scheduled Redshift ELT with notifications`,
      ...props,
    });
    const { config } = props;
    this.pipeline = new EltPipeline(this, 'Pipeline', {
      ...props.pipeline,
      pipelineName: config.name,
      scheduleExpression: config.schedule.expression,
      timeZone: config.schedule.timeZone,
      target: config.target,
      eltSql: config.eltSql,
      setupFiles: config.setupFiles,
      setupBaseDirectory: props.repositoryRoot,
      sourceS3Uri: config.sourceS3Uri,
      redshiftIamRoleArn: config.redshiftIamRoleArn,
      ...(config.sourceRegion === undefined ? {} : { sourceRegion: config.sourceRegion }),
      ...(config.notificationEmail === undefined ? {} : { notificationEmail: config.notificationEmail }),
    });
    new CfnOutput(this, 'TopicArn', {
      description: 'SNS topic of run notifications (users)',
      value: this.pipeline.topic.topicArn,
    });
    new CfnOutput(this, 'RunnerFunctionName', {
      description: 'Invoke it with {"source":"shiftflow.manual","reason":"…"} for a manual run',
      value: this.pipeline.runnerFunction.functionName,
    });
    new CfnOutput(this, 'RunnerLogGroupName', {
      description: 'Runner logs',
      value: this.pipeline.runnerFunction.logGroup.logGroupName,
    });
    new CfnOutput(this, 'NotifierLogGroupName', {
      description: 'Notifier logs',
      value: this.pipeline.notifierFunction.logGroup.logGroupName,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      description: 'Failed events and invocations',
      value: this.pipeline.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'OperationsTopicArn', {
      description: 'SNS topic of the alarms (operators); subscribe to it',
      value: this.pipeline.operationsTopic.topicArn,
    });
    new CfnOutput(this, 'DashboardName', {
      description: 'CloudWatch dashboard of the pipeline',
      value: this.pipeline.dashboard.dashboardName,
    });
    new CfnOutput(this, 'WriterRoleName', {
      description: 'Role of runner and setup: database user IAMR:<this name> with IAM sign-in',
      value: this.pipeline.databaseRole.roleName,
    });
    new CfnOutput(this, 'NotifierRoleName', {
      description:
        'Role of the notifier: database user IAMR:<this name> unless a reader user or secret is given',
      value: this.pipeline.notifierRole.roleName,
    });
    new CfnOutput(this, 'ReconcilerRoleName', {
      description: 'Role of the reconciler: no database user; describes the writer role statements',
      value: this.pipeline.reconcilerRole.roleName,
    });
    new CfnOutput(this, 'LedgerTableName', {
      description: 'Statements announced, and started runs the reconciler still has to see announced',
      value: this.pipeline.ledgerTable.tableName,
    });
  }
}

/**
 * Properties of {@link ShiftflowStack}.
 *
 * @example
 * ```ts
 * const props: ShiftflowStackProps = { config, repositoryRoot: '/repo' };
 * ```
 */
export interface ShiftflowStackProps extends StackProps {
  /** The validated pipeline configuration (see `loadPipelineConfig`). */
  readonly config: PipelineConfig;
  /** Directory the configuration's `setupFiles` are relative to: the repository root. */
  readonly repositoryRoot: string;
  /**
   * Deployment settings that are not part of the shared pipeline configuration.
   * @default - the construct's defaults
   */
  readonly pipeline?: Omit<
    EltPipelineProps,
    | 'pipelineName'
    | 'scheduleExpression'
    | 'timeZone'
    | 'target'
    | 'eltSql'
    | 'setupFiles'
    | 'setupBaseDirectory'
    | 'sourceS3Uri'
    | 'redshiftIamRoleArn'
    | 'sourceRegion'
    | 'notificationEmail'
  >;
}
