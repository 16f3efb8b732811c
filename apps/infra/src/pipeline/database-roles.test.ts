import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  baseProps,
  env,
  logicalId,
  type PolicyStatement,
  secretArn,
  statementsOf,
  variantApp,
  variantsUnderTest,
  withCode,
  workgroupId,
} from '../../test/support/pipeline-variants.ts';
import { EltPipeline } from './elt-pipeline.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';

const { clusterDbUser, clusterSecret, clusterIam, serverlessLookup, serverlessId, template } =
  variantsUnderTest('clusterDbUser', 'clusterSecret', 'clusterIam', 'serverlessLookup', 'serverlessId');

type Variant = { stack: Stack; pipeline: EltPipeline };

const arn = (rest: string): unknown => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const clusterArn = arn(':redshift:eu-west-1:123456789012:cluster:analytics');
const dbnameArn = arn(':redshift:eu-west-1:123456789012:dbname:analytics/dev');
const givenWorkgroupArn = arn(`:redshift-serverless:eu-west-1:123456789012:workgroup/${workgroupId}`);
const ownedBy = (roleLogicalIds: string[]): unknown => {
  const ids = roleLogicalIds.map((id) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'RoleId'] }, ':*']] }));
  return { StringLike: { 'redshift-data:statement-owner-iam-userid': ids.length === 1 ? ids[0] : ids } };
};

/** The statements of a role that reach Redshift: Data API, database credentials, secrets. */
function databaseStatements(
  variant: Variant,
  role: 'writer' | 'notifier' | 'reconciler',
  t?: Template,
): PolicyStatement[] {
  const { stack, pipeline } = variant;
  const roles = {
    writer: pipeline.databaseRole,
    notifier: pipeline.notifierRole,
    reconciler: pipeline.reconcilerRole,
  };
  const roleId = logicalId(stack, roles[role]);
  return statementsOf(t ?? template(stack), roleId)
    .filter((s) =>
      /"(redshift|redshift-data|redshift-serverless|secretsmanager):/.test(JSON.stringify(s.Action)),
    )
    .sort((a, b) => String(a.Sid).localeCompare(String(b.Sid)));
}

function ids(variant: Variant): { writer: string; notifier: string } {
  return {
    writer: logicalId(variant.stack, variant.pipeline.databaseRole),
    notifier: logicalId(variant.stack, variant.pipeline.notifierRole),
  };
}

const writerStatementActions = [
  'redshift-data:DescribeStatement',
  'redshift-data:GetStatementResult',
  'redshift-data:CancelStatement',
  'redshift-data:ListStatements',
];

/** The notifier's Data API statements: one query of its own, reads of the writer's statements. */
function notifierDataApi(variant: Variant, submitTo: unknown): PolicyStatement[] {
  const { writer, notifier } = ids(variant);
  return [
    {
      Sid: 'OwnStatements',
      Effect: 'Allow',
      Action: [
        'redshift-data:DescribeStatement',
        'redshift-data:GetStatementResult',
        'redshift-data:CancelStatement',
      ],
      Resource: '*',
      Condition: ownedBy([notifier]),
    },
    {
      Sid: 'ReadWriterStatements',
      Effect: 'Allow',
      Action: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'],
      Resource: '*',
      Condition: ownedBy([writer]),
    },
    {
      Sid: 'SubmitStatements',
      Effect: 'Allow',
      Action: 'redshift-data:ExecuteStatement',
      Resource: submitTo,
    },
  ];
}

function writerDataApi(variant: Variant, submitTo: unknown): PolicyStatement[] {
  return [
    {
      Sid: 'OwnStatements',
      Effect: 'Allow',
      Action: writerStatementActions,
      Resource: '*',
      Condition: ownedBy([ids(variant).writer]),
    },
    {
      Sid: 'SubmitStatements',
      Effect: 'Allow',
      Action: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
      Resource: submitTo,
    },
  ];
}

const iamCredentials = {
  Sid: 'GetIamDatabaseCredentials',
  Effect: 'Allow',
  Action: 'redshift:GetClusterCredentialsWithIAM',
  Resource: dbnameArn,
};
const secretRead = (arnOfSecret: string) => ({
  Sid: 'ReadDatabaseSecret',
  Effect: 'Allow',
  Action: 'secretsmanager:GetSecretValue',
  Resource: arnOfSecret,
});
const bySid = (statements: PolicyStatement[]): PolicyStatement[] =>
  [...statements].sort((a, b) => String(a.Sid).localeCompare(String(b.Sid)));

/** The reconciler's only Data API statement: describe and read the writer's statements. */
function reconcilerDataApi(variant: Variant): PolicyStatement[] {
  return [
    {
      Sid: 'ReadWriterStatements',
      Effect: 'Allow',
      Action: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'],
      Resource: '*',
      Condition: ownedBy([ids(variant).writer]),
    },
  ];
}

describe('EltPipeline identities', () => {
  it('names the roles from a prefix known before the deploy: <prefix>-writer, -notifier and -reconciler', () => {
    const { stack, pipeline } = clusterDbUser;
    const resources = template(stack).toJSON().Resources;
    expect(resources[logicalId(stack, pipeline.databaseRole)].Properties.RoleName).toBe(
      'shiftflow-nyc-taxi-writer',
    );
    expect(resources[logicalId(stack, pipeline.notifierRole)].Properties.RoleName).toBe(
      'shiftflow-nyc-taxi-notifier',
    );
    expect(resources[logicalId(stack, pipeline.reconcilerRole)].Properties.RoleName).toBe(
      'shiftflow-nyc-taxi-reconciler',
    );
    // Each function runs as its own role: the runner the writer, the notifier the reader, the reconciler its own.
    const roleOf = (fn: { node: { defaultChild?: unknown } }): unknown =>
      resources[logicalId(stack, fn)].Properties.Role;
    const reconcilerId = logicalId(stack, pipeline.reconcilerRole);
    expect(roleOf(pipeline.runnerFunction)).toEqual({ 'Fn::GetAtt': [ids(clusterDbUser).writer, 'Arn'] });
    expect(roleOf(pipeline.reconcilerFunction)).toEqual({ 'Fn::GetAtt': [reconcilerId, 'Arn'] });
    expect(roleOf(pipeline.notifierFunction)).toEqual({ 'Fn::GetAtt': [ids(clusterDbUser).notifier, 'Arn'] });
  });

  it('every target kind: the reconciler only describes and reads the writer’s statements; no SQL, no credentials, no secret', () => {
    for (const variant of [clusterDbUser, clusterSecret, clusterIam, serverlessLookup, serverlessId]) {
      expect(databaseStatements(variant, 'reconciler')).toEqual(reconcilerDataApi(variant));
      const all = statementsOf(
        template(variant.stack),
        logicalId(variant.stack, variant.pipeline.reconcilerRole),
      );
      const actions = all.flatMap((statement) => [statement.Action].flat().map(String));
      // What it uses besides: its log group, the topic (and its key), the ledger (Scan included),
      // the dead-letter queue (its on-failure destination, sent with its role).
      expect([...new Set(actions)].sort()).toEqual(
        [
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Scan',
          'dynamodb:UpdateItem',
          'kms:Decrypt',
          'kms:GenerateDataKey*',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'redshift-data:DescribeStatement',
          'redshift-data:GetStatementResult',
          'sns:Publish',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:SendMessage',
        ].sort(),
      );
    }
  });

  it('cluster + dbUser: the writer gets that user, the notifier signs in as IAMR:<prefix>-notifier', () => {
    expect(databaseStatements(clusterDbUser, 'writer')).toEqual(
      bySid([
        ...writerDataApi(clusterDbUser, clusterArn),
        {
          Sid: 'GetDatabaseUserCredentials',
          Effect: 'Allow',
          Action: 'redshift:GetClusterCredentials',
          Resource: [arn(':redshift:eu-west-1:123456789012:dbuser:analytics/etl'), dbnameArn],
        },
      ]),
    );
    expect(databaseStatements(clusterDbUser, 'notifier')).toEqual(
      bySid([...notifierDataApi(clusterDbUser, clusterArn), iamCredentials]),
    );
    const { stack, pipeline } = clusterDbUser;
    const environment =
      template(stack).toJSON().Resources[logicalId(stack, pipeline.notifierFunction)].Properties.Environment
        .Variables;
    expect(environment).not.toHaveProperty('SHIFTFLOW_DB_USER');
    expect(environment).not.toHaveProperty('SHIFTFLOW_SECRET_ARN');
  });

  it('cluster + secret: only the writer reads the secret (and decrypts with its key)', () => {
    const writer = databaseStatements(clusterSecret, 'writer');
    expect(writer).toEqual(bySid([...writerDataApi(clusterSecret, clusterArn), secretRead(secretArn)]));
    expect(databaseStatements(clusterSecret, 'notifier')).toEqual(
      bySid([...notifierDataApi(clusterSecret, clusterArn), iamCredentials]),
    );
    const notifierAll = statementsOf(template(clusterSecret.stack), ids(clusterSecret).notifier);
    const keyArn = { 'Fn::GetAtt': [logicalId(clusterSecret.stack, clusterSecret.secretKey), 'Arn'] };
    expect(notifierAll.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(keyArn))).toEqual([]);
  });

  it('cluster, IAM identity: IAMR:<prefix>-writer and IAMR:<prefix>-notifier', () => {
    expect(databaseStatements(clusterIam, 'writer')).toEqual(
      bySid([...writerDataApi(clusterIam, clusterArn), iamCredentials]),
    );
    expect(databaseStatements(clusterIam, 'notifier')).toEqual(
      bySid([...notifierDataApi(clusterIam, clusterArn), iamCredentials]),
    );
  });

  it('Serverless: both GetCredentials on the workgroup (looked up or given); the secret is the writer’s', () => {
    const lookupId = Object.keys(template(serverlessLookup.stack).findResources('Custom::AWS'))[0];
    const lookedUpArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':redshift-serverless:eu-west-1:123456789012:workgroup/',
          { 'Fn::GetAtt': [lookupId, 'workgroup.workgroupId'] },
        ],
      ],
    };
    const getCredentials = (resource: unknown) => ({
      Sid: 'GetServerlessCredentials',
      Effect: 'Allow',
      Action: 'redshift-serverless:GetCredentials',
      Resource: resource,
    });
    expect(databaseStatements(serverlessLookup, 'writer')).toEqual(
      bySid([...writerDataApi(serverlessLookup, lookedUpArn), getCredentials(lookedUpArn)]),
    );
    expect(databaseStatements(serverlessLookup, 'notifier')).toEqual(
      bySid([...notifierDataApi(serverlessLookup, lookedUpArn), getCredentials(lookedUpArn)]),
    );
    expect(databaseStatements(serverlessId, 'writer')).toEqual(
      bySid([...writerDataApi(serverlessId, givenWorkgroupArn), secretRead(secretArn)]),
    );
    expect(databaseStatements(serverlessId, 'notifier')).toEqual(
      bySid([...notifierDataApi(serverlessId, givenWorkgroupArn), getCredentials(givenWorkgroupArn)]),
    );
  });

  it('readerDbUser and readerSecretArn give the notifier that user or secret instead of its IAM identity', () => {
    const app = variantApp();
    const build = (id: string, props: Partial<EltPipelineProps>): Variant => {
      const stack = new Stack(app, id, { env });
      return { stack, pipeline: new EltPipeline(stack, 'Pipeline', withCode({ ...baseProps, ...props })) };
    };
    const readerSecret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shiftflow/reader-XyZ123';
    const withUser = build('ReaderUser', { readerDbUser: 'etl_reader', roleNamePrefix: 'analytics-etl' });
    const withSecret = build('ReaderSecret', {
      target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
      workgroupId,
      readerSecretArn: readerSecret,
    });
    const userTemplate = Template.fromStack(withUser.stack);
    expect(databaseStatements(withUser, 'notifier', userTemplate)).toEqual(
      bySid([
        ...notifierDataApi(withUser, clusterArn),
        {
          Sid: 'GetDatabaseUserCredentials',
          Effect: 'Allow',
          Action: 'redshift:GetClusterCredentials',
          Resource: [arn(':redshift:eu-west-1:123456789012:dbuser:analytics/etl_reader'), dbnameArn],
        },
      ]),
    );
    const resources = userTemplate.toJSON().Resources;
    expect(resources[logicalId(withUser.stack, withUser.pipeline.notifierRole)].Properties.RoleName).toBe(
      'analytics-etl-notifier',
    );
    expect(
      resources[logicalId(withUser.stack, withUser.pipeline.notifierFunction)].Properties.Environment
        .Variables,
    ).toMatchObject({ SHIFTFLOW_DB_USER: 'etl_reader' });
    // The reconciler signs in nowhere, with neither the writer's user nor the reader's.
    expect(
      resources[logicalId(withUser.stack, withUser.pipeline.reconcilerFunction)].Properties.Environment
        .Variables,
    ).not.toHaveProperty('SHIFTFLOW_DB_USER');
    const secretTemplate = Template.fromStack(withSecret.stack);
    expect(databaseStatements(withSecret, 'notifier', secretTemplate)).toEqual(
      bySid([...notifierDataApi(withSecret, givenWorkgroupArn), secretRead(readerSecret)]),
    );
  });

  it('refuses a role name prefix IAM would refuse, and readerDbUser on Serverless', () => {
    const stack = new Stack(variantApp(), 'Refused', { env });
    expect(
      () => new EltPipeline(stack, 'A', withCode({ ...baseProps, roleNamePrefix: 'x'.repeat(56) })),
    ).toThrow(/roleNamePrefix.*55/s);
    expect(
      () =>
        new EltPipeline(
          stack,
          'B',
          withCode({
            ...baseProps,
            target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
            workgroupId,
            readerDbUser: 'etl_reader',
          }),
        ),
    ).toThrow(/readerDbUser.*cluster/s);
  });
});
