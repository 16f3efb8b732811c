import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EltPipeline } from '../../src/pipeline/elt-pipeline.ts';
import type { EltPipelineProps } from '../../src/pipeline/elt-pipeline-props.ts';

/** Folder of the infra test fixtures: two setup SQL files and a stand-in Lambda bundle. */
export const fixtures = fileURLToPath(new URL('../__fixtures__/', import.meta.url));
/** A complete Secrets Manager ARN, as `target.secretArn` requires. */
export const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shiftflow/etl-AbCdEf';
/** A Serverless workgroup ID (a UUID). */
export const workgroupId = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** Account and region of every variant's stack. */
export const env = { account: '123456789012', region: 'eu-west-1' };

/** Props every variant starts from: a cluster with a database user and the two fixture setup files. */
export const baseProps: EltPipelineProps = {
  pipelineName: 'nyc-taxi',
  scheduleExpression: 'cron(0 11 ? * MON-FRI *)',
  timeZone: 'America/New_York',
  target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
  setupFiles: ['sql/001_table.sql', 'sql/002_procedure.sql'],
  setupBaseDirectory: fixtures,
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy',
  notificationEmail: 'data-team@example.com',
};

/** Stand-in bundles: an asset belongs to one stack, so every pipeline gets new Code instances. */
export function withCode(props: EltPipelineProps): EltPipelineProps {
  const code = (): lambda.Code => lambda.Code.fromAsset(join(fixtures, 'bundle'));
  return { runnerCode: code(), notifierCode: code(), setupCode: code(), ...props };
}

/** One pipeline in its own stack. */
export interface PipelineVariant {
  readonly stack: Stack;
  readonly pipeline: EltPipeline;
}

/** The variants: every way the pipeline reaches its database, each in a stack of one app. */
export interface PipelineVariants {
  /** The app of every variant, with cdk-nag's AwsSolutionsChecks as a validation plugin. */
  readonly app: App;
  /** Cluster, temporary credentials of `dbUser`, two setup files. */
  readonly clusterDbUser: PipelineVariant;
  /** Cluster, a secret encrypted by a customer managed key, no setup files, tuned retries. */
  readonly clusterSecret: PipelineVariant & { readonly secretKey: kms.Key };
  /** Cluster, the IAM identity of the database role. */
  readonly clusterIam: PipelineVariant;
  /** Serverless, the workgroup ID looked up by name at deploy time. */
  readonly serverlessLookup: PipelineVariant;
  /** Serverless, a given workgroup ID and a secret. */
  readonly serverlessId: PipelineVariant;
}

/** Names of the variants, in the order they are built. */
export const variantNames = [
  'clusterDbUser',
  'clusterSecret',
  'clusterIam',
  'serverlessLookup',
  'serverlessId',
] as const;

/**
 * Builds every target variant in one app with cdk-nag; synthesizing one stack (`Template.fromStack`)
 * synthesizes them all, so cdk-nag checks every variant and an unacknowledged finding throws.
 */
export function buildPipelineVariants(): PipelineVariants {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const variant = (id: string, props: Partial<EltPipelineProps>): PipelineVariant => {
    const stack = new Stack(app, id, { env });
    const pipeline = new EltPipeline(stack, 'Pipeline', withCode({ ...baseProps, ...props }));
    return { stack, pipeline };
  };
  const clusterDbUser = variant('ClusterDbUser', {});
  const secretStack = new Stack(app, 'ClusterSecret', { env });
  const secretKey = new kms.Key(secretStack, 'SecretKey', { enableKeyRotation: true });
  const clusterSecret = {
    stack: secretStack,
    secretKey,
    pipeline: new EltPipeline(
      secretStack,
      'Pipeline',
      withCode({
        ...baseProps,
        target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', secretArn },
        secretKey,
        setupFiles: [],
        eventRetryAttempts: 5,
        functionRetryAttempts: 1,
        reconcileInterval: Duration.minutes(30),
      }),
    ),
  };
  const clusterIam = variant('ClusterIam', {
    target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev' },
  });
  const serverlessLookup = variant('ServerlessLookup', {
    target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
  });
  const serverlessId = variant('ServerlessId', {
    target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev', secretArn },
    workgroupId,
  });
  return { app, clusterDbUser, clusterSecret, clusterIam, serverlessLookup, serverlessId };
}

/** Synthesized templates of the variants, by stack name. */
export function synthesizeVariants(variants: PipelineVariants): Map<string, Template> {
  return new Map(
    variantNames.map((name) => [variants[name].stack.stackName, Template.fromStack(variants[name].stack)]),
  );
}

/** The CloudFormation logical ID of a construct's default child (its main resource). */
export function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild;
  if (!isCfnElement(child)) throw new Error(`${String(construct)} has no CloudFormation resource`);
  return String(stack.resolve(child.logicalId));
}

function isCfnElement(value: unknown): value is CfnElement {
  return typeof value === 'object' && value !== null && 'logicalId' in value;
}

/** One IAM policy statement of a synthesized template. */
export type PolicyStatement = Record<string, unknown>;

/** All IAM policy statements of the template's policies attached to the role. */
export function statementsOf(template: Template, roleLogicalId: string): PolicyStatement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: PolicyStatement[] } } }).Properties
        .PolicyDocument.Statement,
  );
}

/** Every action the statements allow, flattened. */
export function actionsOf(statements: PolicyStatement[]): string[] {
  return statements.flatMap((statement) => [statement.Action].flat() as string[]);
}

/**
 * The template as JSON with what varies between machines masked: asset hashes (64 hex digits,
 * the asset file names and the SQL hash). The fixture SQL text stays: the infra app owns it.
 */
export function normalizedTemplate(template: Template): unknown {
  return JSON.parse(JSON.stringify(template.toJSON()).replace(/[0-9a-f]{64}/g, '<hash>'));
}
