import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidPipelinePropertyError, MissingAssetError } from '../errors.ts';
import { EltPipeline } from './elt-pipeline.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';
import { hashSetupFiles } from './setup-files.ts';

const fixtures = fileURLToPath(new URL('../../test/__fixtures__/', import.meta.url));
const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shiftflow/etl-AbCdEf';
const workgroupId = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

const baseProps: EltPipelineProps = {
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
function withCode(props: EltPipelineProps): EltPipelineProps {
  const code = (): lambda.Code => lambda.Code.fromAsset(join(fixtures, 'bundle'));
  return { runnerCode: code(), notifierCode: code(), setupCode: code(), ...props };
}

/** One app with every target variant and cdk-nag: a single synth serves all assertions. */
const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const env = { account: '123456789012', region: 'eu-west-1' };
function pipelineStack(
  id: string,
  props: Partial<EltPipelineProps>,
): { stack: Stack; pipeline: EltPipeline } {
  const stack = new Stack(app, id, { env });
  const pipeline = new EltPipeline(stack, 'Pipeline', withCode({ ...baseProps, ...props }));
  return { stack, pipeline };
}
const clusterDbUser = pipelineStack('ClusterDbUser', {});
const clusterSecret = (() => {
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
})();
const clusterIam = pipelineStack('ClusterIam', {
  target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev' },
});
const serverlessLookup = pipelineStack('ServerlessLookup', {
  target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
});
const serverlessId = pipelineStack('ServerlessId', {
  target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev', secretArn },
  workgroupId,
});

let templates: Record<string, Template>;

beforeAll(() => {
  // Synthesizes the whole app, so cdk-nag runs here: an unacknowledged finding throws ValidationFailed.
  templates = Object.fromEntries(
    [clusterDbUser, clusterSecret, clusterIam, serverlessLookup, serverlessId].map(({ stack }) => [
      stack.stackName,
      Template.fromStack(stack),
    ]),
  );
});

function template(stack: Stack): Template {
  const found = templates[stack.stackName];
  if (found === undefined) throw new Error(`no template for ${stack.stackName}`);
  return found;
}

function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.resolve((construct.node.defaultChild as lambda.CfnFunction).logicalId) as string;
}

/** All IAM policy statements of the stack's policies attached to the role. */
function statementsOf(stack: Stack, roleLogicalId: string): Record<string, unknown>[] {
  const policies = template(stack).findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
        .PolicyDocument.Statement,
  );
}

function actionsOf(statements: Record<string, unknown>[]): string[] {
  return statements.flatMap((statement) => [statement.Action].flat() as string[]);
}

describe('EltPipeline', () => {
  describe('schedules', () => {
    it('starts the runner on the cron expression in the time zone, with few retries and the dead-letter queue', () => {
      const { stack, pipeline } = clusterDbUser;
      template(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 11 ? * MON-FRI *)',
        ScheduleExpressionTimezone: 'America/New_York',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [logicalId(stack, pipeline.runnerFunction), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterQueue), 'Arn'] } },
          Input: Match.serializedJson({
            source: 'shiftflow.scheduler',
            scheduledTime: '<aws.scheduler.scheduled-time>',
            scheduleArn: '<aws.scheduler.schedule-arn>',
            executionId: '<aws.scheduler.execution-id>',
            attemptNumber: '<aws.scheduler.attempt-number>',
          }),
        },
      });
    });

    it('sweeps with the reconciler every 15 minutes by default, without retries', () => {
      const { stack, pipeline } = clusterDbUser;
      template(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(15 minutes)',
        Target: {
          Arn: { 'Fn::GetAtt': [logicalId(stack, pipeline.reconcilerFunction), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      });
    });

    it('applies eventRetryAttempts, functionRetryAttempts and reconcileInterval', () => {
      const { stack } = clusterSecret;
      template(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 11 ? * MON-FRI *)',
        Target: { RetryPolicy: { MaximumRetryAttempts: 5 } },
      });
      template(stack).hasResourceProperties('AWS::Events::Rule', {
        Targets: [Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 5 }) })],
      });
      template(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(30 minutes)',
      });
      template(stack).hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 1 });
    });

    it('lets only the scheduler of this account assume the schedule role, which invokes just the two functions', () => {
      const { stack, pipeline } = clusterDbUser;
      template(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
            },
          ],
        },
      });
      const statements = statementsOf(stack, logicalId(stack, pipeline.scheduleRole));
      expect(new Set(actionsOf(statements))).toEqual(new Set(['lambda:InvokeFunction', 'sqs:SendMessage']));
      const invoked = JSON.stringify(statements.filter((s) => s.Action === 'lambda:InvokeFunction'));
      expect(invoked).toContain(logicalId(stack, pipeline.runnerFunction));
      expect(invoked).toContain(logicalId(stack, pipeline.reconcilerFunction));
      expect(invoked).not.toContain(logicalId(stack, pipeline.notifierFunction));
    });
  });

  describe('status-change rule', () => {
    it("matches this pipeline's terminal states from the database role and targets the notifier", () => {
      const { stack, pipeline } = clusterDbUser;
      template(stack).hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.redshift-data'],
          'detail-type': ['Redshift Data Statement Status Change'],
          detail: {
            state: ['FINISHED', 'FAILED', 'ABORTED'],
            statementName: [{ prefix: 'nyc-taxi/' }],
            principal: [
              {
                wildcard: {
                  'Fn::Join': [
                    '',
                    Match.arrayWith([
                      ':sts::123456789012:assumed-role/',
                      { Ref: logicalId(stack, pipeline.databaseRole) },
                      '/*',
                    ]),
                  ],
                },
              },
            ],
          },
        },
        Targets: [
          {
            Arn: { 'Fn::GetAtt': [logicalId(stack, pipeline.notifierFunction), 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterQueue), 'Arn'] } },
          },
        ],
      });
    });
  });

  describe('notifications', () => {
    it('encrypts the topic with a rotated KMS key, enforces SSL, lets the alarms publish and subscribes the e-mail address', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      t.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            }),
          ]),
        },
      });
      t.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, pipeline.topicKey), 'Arn'] },
      });
      t.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
            }),
          ]),
        },
      });
      t.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'data-team@example.com',
        TopicArn: { Ref: logicalId(stack, pipeline.topic) },
      });
    });

    it('creates no subscription without notificationEmail', () => {
      const stack = new Stack(new App(), 'NoEmail');
      const { notificationEmail: _, ...props } = baseProps;
      new EltPipeline(stack, 'Pipeline', withCode({ ...props, setupFiles: [] }));
      Template.fromStack(stack).resourceCountIs('AWS::SNS::Subscription', 0);
    });
  });

  describe('ledger table', () => {
    it('is on-demand with TTL, point-in-time recovery and retained on delete', () => {
      template(clusterDbUser.stack).hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'statementId', KeyType: 'HASH' }],
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      });
    });
  });

  describe('dead-letter queue and alarms', () => {
    it('encrypts the dead-letter queue and enforces SSL', () => {
      const t = template(clusterDbUser.stack);
      t.hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1209600,
      });
      t.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('alarms on queue depth and on runner, notifier and reconciler errors, notifying the topic', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const alarmActions = [{ Ref: logicalId(stack, pipeline.topic) }];
      t.resourceCountIs('AWS::CloudWatch::Alarm', 4);
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterQueue), 'QueueName'] },
          },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: alarmActions,
      });
      for (const fn of [pipeline.runnerFunction, pipeline.notifierFunction, pipeline.reconcilerFunction]) {
        t.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, fn) } }],
          Statistic: 'Sum',
          Threshold: 1,
          AlarmActions: alarmActions,
        });
      }
    });
  });

  describe('functions', () => {
    it('run on nodejs24.x arm64 with JSON logs into their own log group with retention', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const ours = [
        [pipeline.runnerFunction, 'index.handler'],
        [pipeline.notifierFunction, 'index.handler'],
        [pipeline.reconcilerFunction, 'index.reconcile'],
      ] as const;
      for (const [fn, handler] of ours) {
        const resource = t.toJSON().Resources[logicalId(stack, fn)];
        expect(resource.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Handler: handler,
          LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/Logs/) } },
          Role: { 'Fn::GetAtt': [logicalId(stack, pipeline.databaseRole), 'Arn'] },
        });
        const logGroup = t.toJSON().Resources[resource.Properties.LoggingConfig.LogGroup.Ref];
        expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
      }
    });

    it('write logs through their own role to their own log group; no role has a managed policy', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const statements = statementsOf(stack, logicalId(stack, pipeline.databaseRole));
      for (const fn of [pipeline.runnerFunction, pipeline.notifierFunction, pipeline.reconcilerFunction]) {
        const logGroupId = t.toJSON().Resources[logicalId(stack, fn)].Properties.LoggingConfig.LogGroup.Ref;
        expect(statements).toContainEqual(
          expect.objectContaining({
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
          }),
        );
      }
      const roles = Object.values(t.findResources('AWS::IAM::Role')) as {
        Properties: Record<string, unknown>;
      }[];
      expect(roles.length).toBeGreaterThanOrEqual(4);
      expect(roles.filter((role) => role.Properties.ManagedPolicyArns !== undefined)).toEqual([]);
    });

    it('get the environment the events package builds from the configuration', () => {
      const { stack, pipeline } = clusterDbUser;
      const resources = template(stack).toJSON().Resources;
      expect(
        resources[logicalId(stack, pipeline.runnerFunction)].Properties.Environment.Variables,
      ).toMatchObject({
        SHIFTFLOW_PIPELINE_NAME: 'nyc-taxi',
        SHIFTFLOW_TARGET_TYPE: 'cluster',
        SHIFTFLOW_CLUSTER_IDENTIFIER: 'analytics',
        SHIFTFLOW_DATABASE: 'dev',
        SHIFTFLOW_DB_USER: 'etl',
        SHIFTFLOW_ELT_SQL: 'CALL run_elt_process();',
      });
      for (const fn of [pipeline.notifierFunction, pipeline.reconcilerFunction]) {
        expect(resources[logicalId(stack, fn)].Properties.Environment.Variables).toMatchObject({
          SHIFTFLOW_PIPELINE_NAME: 'nyc-taxi',
          SHIFTFLOW_TOPIC_ARN: { Ref: logicalId(stack, pipeline.topic) },
          SHIFTFLOW_LEDGER_TYPE: 'dynamodb',
          SHIFTFLOW_LEDGER_TABLE: { Ref: logicalId(stack, pipeline.ledgerTable) },
        });
      }
    });

    it('retry asynchronous invocations per function and send final failures to the dead-letter queue', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const onFailure = {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterQueue), 'Arn'] } },
      };
      for (const [fn, retries] of [
        [pipeline.runnerFunction, 2],
        [pipeline.notifierFunction, 2],
        [pipeline.reconcilerFunction, 0],
      ] as const) {
        t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: logicalId(stack, fn) },
          MaximumRetryAttempts: retries,
          DestinationConfig: onFailure,
        });
      }
    });

    it('hard-code no physical names', () => {
      const resources = Object.values(template(clusterDbUser.stack).toJSON().Resources) as {
        Type: string;
        Properties?: Record<string, unknown>;
      }[];
      const nameProperties = [
        'FunctionName',
        'TableName',
        'TopicName',
        'QueueName',
        'RoleName',
        'LogGroupName',
      ];
      const named = resources.flatMap((resource) =>
        nameProperties
          .filter((name) => typeof resource.Properties?.[name] === 'string')
          .map((name) => `${resource.Type}.${name}`),
      );
      expect(named).toEqual([]);
    });
  });

  describe('IAM for a cluster', () => {
    const dataApiReads = [
      'redshift-data:DescribeStatement',
      'redshift-data:GetStatementResult',
      'redshift-data:CancelStatement',
      'redshift-data:ListStatements',
    ];

    function databaseStatements(variant: { stack: Stack; pipeline: EltPipeline }): Record<string, unknown>[] {
      return statementsOf(variant.stack, logicalId(variant.stack, variant.pipeline.databaseRole));
    }

    it('submits statements to the cluster ARN only', () => {
      const statement = databaseStatements(clusterDbUser).find((s) => s.Sid === 'SubmitStatements');
      expect(statement).toMatchObject({
        Action: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
        Resource: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':redshift:eu-west-1:123456789012:cluster:analytics'],
          ],
        },
      });
    });

    it('reads only statements owned by the database role (StringLike <RoleId>:*)', () => {
      const { stack, pipeline } = clusterDbUser;
      const statement = databaseStatements(clusterDbUser).find(
        (s) => JSON.stringify(s.Action) === JSON.stringify(dataApiReads),
      );
      expect(statement).toMatchObject({
        Resource: '*',
        Condition: {
          StringLike: {
            'redshift-data:statement-owner-iam-userid': {
              'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack, pipeline.databaseRole), 'RoleId'] }, ':*']],
            },
          },
        },
      });
    });

    it('with dbUser: GetClusterCredentials on that user and database only', () => {
      const statements = databaseStatements(clusterDbUser);
      const statement = statements.find((s) => s.Sid === 'GetDatabaseUserCredentials');
      expect(statement).toMatchObject({
        Action: 'redshift:GetClusterCredentials',
        Resource: [
          {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':redshift:eu-west-1:123456789012:dbuser:analytics/etl'],
            ],
          },
          {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':redshift:eu-west-1:123456789012:dbname:analytics/dev'],
            ],
          },
        ],
      });
      expect(actionsOf(statements)).not.toContain('redshift:GetClusterCredentialsWithIAM');
      expect(actionsOf(statements)).not.toContain('secretsmanager:GetSecretValue');
    });

    it('with a secret: GetSecretValue on that secret and Decrypt with its key, no cluster credentials', () => {
      const { stack } = clusterSecret;
      const statements = databaseStatements(clusterSecret);
      expect(statements.find((s) => s.Sid === 'ReadDatabaseSecret')).toMatchObject({
        Action: 'secretsmanager:GetSecretValue',
        Resource: secretArn,
      });
      const keyId = stack.resolve(
        (clusterSecret.secretKey.node.defaultChild as kms.CfnKey).logicalId,
      ) as string;
      expect(statements).toContainEqual(
        expect.objectContaining({ Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } }),
      );
      expect(actionsOf(statements).filter((action) => action.startsWith('redshift:'))).toEqual([]);
    });

    it('with IAM identity: GetClusterCredentialsWithIAM on the database only', () => {
      const statements = databaseStatements(clusterIam);
      expect(statements.find((s) => s.Sid === 'GetIamDatabaseCredentials')).toMatchObject({
        Action: 'redshift:GetClusterCredentialsWithIAM',
        Resource: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':redshift:eu-west-1:123456789012:dbname:analytics/dev'],
          ],
        },
      });
      expect(actionsOf(statements)).not.toContain('redshift:GetClusterCredentials');
    });

    it('publishes to the topic and uses the ledger with item-level actions only', () => {
      const { stack, pipeline } = clusterDbUser;
      const statements = databaseStatements(clusterDbUser);
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: 'sns:Publish',
          Resource: { Ref: logicalId(stack, pipeline.topic) },
        }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
          Resource: [{ 'Fn::GetAtt': [logicalId(stack, pipeline.ledgerTable), 'Arn'] }],
        }),
      );
    });
  });

  describe('IAM for Serverless', () => {
    it('looks the workgroup ID up by name and scopes statements and credentials to that workgroup', () => {
      const { stack, pipeline } = serverlessLookup;
      const t = template(stack);
      const lookups = t.findResources('Custom::AWS');
      expect(Object.keys(lookups)).toHaveLength(1);
      const [lookupId, lookup] = Object.entries(lookups)[0] as [string, { Properties: { Create: unknown } }];
      expect(JSON.parse(lookup.Properties.Create as string)).toMatchObject({
        service: 'redshift-serverless',
        action: 'GetWorkgroup',
        parameters: { workgroupName: 'shiftflow' },
        outputPaths: ['workgroup.workgroupId'],
      });
      const workgroupArn = {
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
      const statements = statementsOf(stack, logicalId(stack, pipeline.databaseRole));
      expect(statements.find((s) => s.Sid === 'SubmitStatements')).toMatchObject({ Resource: workgroupArn });
      expect(statements.find((s) => s.Sid === 'GetServerlessCredentials')).toMatchObject({
        Action: 'redshift-serverless:GetCredentials',
        Resource: workgroupArn,
      });
      expect(actionsOf(statements).filter((action) => action.startsWith('redshift:'))).toEqual([]);
    });

    it('uses a given workgroup ID without a lookup, and the secret instead of GetCredentials', () => {
      const { stack, pipeline } = serverlessId;
      const t = template(stack);
      t.resourceCountIs('Custom::AWS', 0);
      const statements = statementsOf(stack, logicalId(stack, pipeline.databaseRole));
      expect(statements.find((s) => s.Sid === 'SubmitStatements')).toMatchObject({
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              `:redshift-serverless:eu-west-1:123456789012:workgroup/${workgroupId}`,
            ],
          ],
        },
      });
      expect(statements.find((s) => s.Sid === 'ReadDatabaseSecret')).toMatchObject({ Resource: secretArn });
      expect(actionsOf(statements)).not.toContain('redshift-serverless:GetCredentials');
      const runner = t.toJSON().Resources[logicalId(stack, pipeline.runnerFunction)];
      expect(runner.Properties.Environment.Variables).toMatchObject({
        SHIFTFLOW_TARGET_TYPE: 'serverless',
        SHIFTFLOW_WORKGROUP_NAME: 'shiftflow',
        SHIFTFLOW_SECRET_ARN: secretArn,
      });
    });
  });

  describe('setup custom resource', () => {
    it('passes the SQL files and their hash to a provider with onEvent and isComplete', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const expectedHash = hashSetupFiles([
        { name: 'sql/001_table.sql', sql: 'CREATE TABLE IF NOT EXISTS example (id BIGINT);\n' },
        {
          name: 'sql/002_procedure.sql',
          sql: 'CREATE OR REPLACE PROCEDURE run_elt_process() AS $$ BEGIN TRUNCATE example; END; $$ LANGUAGE plpgsql;\n',
        },
      ]);
      expect(pipeline.setupSqlHash).toBe(expectedHash);
      t.hasResourceProperties('Custom::ShiftflowSetup', {
        SqlHash: expectedHash,
        PipelineName: 'nyc-taxi',
        Target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
        Files: [
          { name: 'sql/001_table.sql', sql: Match.stringLikeRegexp('CREATE TABLE') },
          { name: 'sql/002_procedure.sql', sql: Match.stringLikeRegexp('PROCEDURE run_elt_process') },
        ],
        Values: {
          sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
          redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy',
        },
      });
      t.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.onEvent',
        Runtime: 'nodejs24.x',
        Role: { 'Fn::GetAtt': [logicalId(stack, pipeline.databaseRole), 'Arn'] },
      });
      t.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.isComplete',
        Role: { 'Fn::GetAtt': [logicalId(stack, pipeline.databaseRole), 'Arn'] },
      });
      // The provider's waiter polls isComplete and logs every event.
      t.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        LoggingConfiguration: { Level: 'ALL' },
      });
    });

    it('runs as the database identity of the runner (same role, same environment)', () => {
      const { stack, pipeline } = clusterDbUser;
      const functions = template(stack).findResources('AWS::Lambda::Function', {
        Properties: { Handler: Match.stringLikeRegexp('^index\\.(onEvent|isComplete)$') },
      });
      const runner = template(stack).toJSON().Resources[logicalId(stack, pipeline.runnerFunction)];
      expect(Object.keys(functions)).toHaveLength(2);
      for (const fn of Object.values(functions) as { Properties: Record<string, unknown> }[]) {
        expect(fn.Properties.Role).toEqual(runner.Properties.Role);
        expect(fn.Properties.Environment).toEqual(runner.Properties.Environment);
      }
    });

    it('completes before the run schedule is created', () => {
      const { stack, pipeline } = clusterDbUser;
      const setupId = logicalId(stack, pipeline.setup!);
      const runScheduleId = logicalId(stack, pipeline.runSchedule);
      expect(template(stack).toJSON().Resources[runScheduleId].DependsOn).toContain(setupId);
    });

    it('is left out when there are no setup files', () => {
      template(clusterSecret.stack).resourceCountIs('Custom::ShiftflowSetup', 0);
      expect(clusterSecret.pipeline.setup).toBeUndefined();
    });

    it('changes its SqlHash when a SQL file changes', () => {
      const directory = mkdtempSync(join(tmpdir(), 'shiftflow-infra-'));
      const hashFor = (sql: string): string | undefined => {
        writeFileSync(join(directory, 'setup.sql'), sql);
        const stack = new Stack(new App(), 'Hash');
        return new EltPipeline(
          stack,
          'Pipeline',
          withCode({ ...baseProps, setupFiles: ['setup.sql'], setupBaseDirectory: directory }),
        ).setupSqlHash;
      };
      const first = hashFor('CREATE TABLE a (id INT);');
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(hashFor('CREATE TABLE a (id INT);')).toBe(first);
      expect(hashFor('CREATE TABLE a (id BIGINT);')).not.toBe(first);
    });
  });

  describe('validation', () => {
    function build(props: Partial<EltPipelineProps>): () => EltPipeline {
      return () =>
        new EltPipeline(new Stack(new App(), 'Invalid'), 'Pipeline', withCode({ ...baseProps, ...props }));
    }

    it.each([
      [{ pipelineName: 'NYC Taxi' }, 'pipelineName', /"NYC Taxi"/],
      [{ scheduleExpression: 'cron(0 11 * * ?)' }, 'scheduleExpression', /has 5 fields/],
      [
        { scheduleExpression: 'at(2026-01-01T00:00:00)' },
        'scheduleExpression',
        /"at\(2026-01-01T00:00:00\)"/,
      ],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', /"Mars\/Olympus".*IANA/],
      [{ sourceS3Uri: 'https://bucket/key' }, 'sourceS3Uri', /"https:\/\/bucket\/key"/],
      [{ redshiftIamRoleArn: 'RedshiftCopy' }, 'redshiftIamRoleArn', /"RedshiftCopy"/],
      [{ notificationEmail: 'not-an-address' }, 'notificationEmail', /"not-an-address"/],
      [{ eventRetryAttempts: 200 }, 'eventRetryAttempts', /200.*0 to 185/],
      [{ functionRetryAttempts: 3 }, 'functionRetryAttempts', /3.*0 to 2/],
      [{ functionRetryAttempts: 1.5 }, 'functionRetryAttempts', /1\.5/],
      [{ reconcileInterval: Duration.seconds(30) }, 'reconcileInterval', /30 seconds/],
      [{ setupTimeout: Duration.hours(2) }, 'setupTimeout', /2 hours.*1 hour/],
      [{ workgroupId: 'shiftflow' }, 'workgroupId', /"shiftflow".*UUID/],
      [
        { target: { type: 'cluster', clusterIdentifier: 'Analytics_1', database: 'dev' } },
        'target.clusterIdentifier',
        /"Analytics_1"/,
      ],
      [{ setupFiles: ['../outside.sql'] }, 'setupFiles.0', /"\.\.\/outside\.sql"/],
      [
        {
          target: {
            type: 'cluster',
            clusterIdentifier: 'analytics',
            database: 'dev',
            dbUser: 'etl',
            secretArn,
          },
        },
        'target',
        /"dbUser":"etl".*both dbUser and secretArn/,
      ],
    ] as [Partial<EltPipelineProps>, string, RegExp][])(
      'rejects %j naming %s and the value',
      (props, property, message) => {
        const error = (() => {
          try {
            build(props)();
          } catch (caught) {
            return caught;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(InvalidPipelinePropertyError);
        expect(error).toMatchObject({ code: 'INVALID_PIPELINE_PROPERTY', property });
        expect((error as Error).message).toMatch(message);
      },
    );

    it('rejects a secretKey for a target without secretArn, naming secretKey', () => {
      const stack = new Stack(new App(), 'KeyWithoutSecret');
      const secretKey = new kms.Key(stack, 'SecretKey', { enableKeyRotation: true });

      let error: unknown;
      try {
        new EltPipeline(stack, 'Pipeline', withCode({ ...baseProps, secretKey }));
      } catch (caught) {
        error = caught;
      }

      expect(error).toBeInstanceOf(InvalidPipelinePropertyError);
      expect(error).toMatchObject({ code: 'INVALID_PIPELINE_PROPERTY', property: 'secretKey' });
      expect((error as Error).message).toMatch(/"clusterIdentifier":"analytics".*has no secretArn/);
    });

    it('throws MissingAssetError naming a setup file that does not exist', () => {
      expect(build({ setupFiles: ['sql/999_missing.sql'] })).toThrow(MissingAssetError);
      expect(build({ setupFiles: ['sql/999_missing.sql'] })).toThrow(/999_missing\.sql/);
    });
  });
});
