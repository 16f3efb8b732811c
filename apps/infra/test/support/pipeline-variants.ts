import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll } from 'vitest';
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

/** An app with cdk-nag's AwsSolutionsChecks: synthesizing it fails on an unacknowledged finding. */
export function variantApp(): App {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

function variant(app: App, id: string, props: Partial<EltPipelineProps>): PipelineVariant {
  const stack = new Stack(app, id, { env });
  const pipeline = new EltPipeline(stack, 'Pipeline', withCode({ ...baseProps, ...props }));
  return { stack, pipeline };
}

/** Builds each variant in a stack of `app` (see {@link PipelineVariants} for what each one is). */
export const buildVariant = {
  clusterDbUser: (app: App): PipelineVariant => variant(app, 'ClusterDbUser', {}),
  clusterSecret: (app: App): PipelineVariants['clusterSecret'] => {
    const stack = new Stack(app, 'ClusterSecret', { env });
    const secretKey = new kms.Key(stack, 'SecretKey', { enableKeyRotation: true });
    const pipeline = new EltPipeline(
      stack,
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
    );
    return { stack, pipeline, secretKey };
  },
  clusterIam: (app: App): PipelineVariant =>
    variant(app, 'ClusterIam', {
      target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev' },
    }),
  serverlessLookup: (app: App): PipelineVariant =>
    variant(app, 'ServerlessLookup', {
      target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
    }),
  serverlessId: (app: App): PipelineVariant =>
    variant(app, 'ServerlessId', {
      target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev', secretArn },
      workgroupId,
    }),
} satisfies Record<(typeof variantNames)[number], (app: App) => PipelineVariant>;

/** Builds every variant in one app with cdk-nag, in the order of {@link variantNames}. */
export function buildPipelineVariants(): PipelineVariants {
  const app = variantApp();
  return {
    app,
    clusterDbUser: buildVariant.clusterDbUser(app),
    clusterSecret: buildVariant.clusterSecret(app),
    clusterIam: buildVariant.clusterIam(app),
    serverlessLookup: buildVariant.serverlessLookup(app),
    serverlessId: buildVariant.serverlessId(app),
  };
}

/** Synthesized templates of the variants, by stack name. */
export function synthesizeVariants(variants: PipelineVariants): Map<string, Template> {
  return new Map(
    variantNames.map((name) => [variants[name].stack.stackName, Template.fromStack(variants[name].stack)]),
  );
}

/**
 * The template of a variant's stack, synthesized on first use: the whole app synthesizes at once,
 * so cdk-nag checks every stack in it then.
 */
export function templatesOf(variants: readonly PipelineVariant[]): (stack: Stack) => Template {
  let templates: Map<Stack, Template> | undefined;
  return (stack) => {
    templates ??= new Map(variants.map(({ stack }) => [stack, Template.fromStack(stack)]));
    const found = templates.get(stack);
    if (found === undefined) throw new Error(`no template for ${stack.stackName}`);
    return found;
  };
}

/** Name of one variant, e.g. `clusterDbUser`. */
export type VariantName = (typeof variantNames)[number];

/** The variants a test file asked for, by name, with their app and their templates. */
export type VariantsUnderTest<Name extends VariantName> = {
  readonly [N in Name]: ReturnType<(typeof buildVariant)[N]>;
} & {
  /** The app of the variants, with cdk-nag's AwsSolutionsChecks as a validation plugin. */
  readonly app: App;
  /** The template of a variant's stack; the first call synthesizes the app (see {@link templatesOf}). */
  readonly template: (stack: Stack) => Template;
};

/**
 * The setup of a test file on some variants: builds them in one app with cdk-nag and synthesizes
 * the app in `beforeAll`, so a cdk-nag finding fails the file's setup rather than its first test.
 * Call it at the top of the test file.
 *
 * @example
 * ```ts
 * const { clusterDbUser, template } = variantsUnderTest('clusterDbUser');
 * it('has a table', () => template(clusterDbUser.stack).resourceCountIs('AWS::DynamoDB::Table', 1));
 * ```
 */
export function variantsUnderTest<Name extends VariantName>(
  ...names: readonly [Name, ...Name[]]
): VariantsUnderTest<Name> {
  const app = variantApp();
  const built = names.map((name) => [name, buildVariant[name](app)] as const);
  const template = templatesOf(built.map(([, variant]) => variant));
  beforeAll(() => {
    for (const [, { stack }] of built) template(stack);
  });
  return { ...Object.fromEntries(built), app, template } as VariantsUnderTest<Name>;
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
