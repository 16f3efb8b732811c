import type { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  logicalId,
  secretArn,
  statementsOf,
  variantsUnderTest,
  workgroupId,
} from '../../test/support/pipeline-variants.ts';
import type { EltPipeline } from './elt-pipeline.ts';

const { clusterDbUser, clusterSecret, clusterIam, serverlessLookup, serverlessId, template } =
  variantsUnderTest('clusterDbUser', 'clusterSecret', 'clusterIam', 'serverlessLookup', 'serverlessId');

describe('EltPipeline', () => {
  describe('IAM for a cluster', () => {
    const dataApiReads = [
      'redshift-data:DescribeStatement',
      'redshift-data:GetStatementResult',
      'redshift-data:CancelStatement',
      'redshift-data:ListStatements',
    ];

    function databaseStatements(variant: { stack: Stack; pipeline: EltPipeline }): Record<string, unknown>[] {
      return statementsOf(template(variant.stack), logicalId(variant.stack, variant.pipeline.databaseRole));
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
      const keyId = logicalId(stack, clusterSecret.secretKey);
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

    it('the notifier and the reconciler publish and use the ledger (item actions; Scan for the reconciler); the writer neither', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const itemActions = [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ];
      const table = [{ 'Fn::GetAtt': [logicalId(stack, pipeline.ledgerTable), 'Arn'] }];
      for (const [role, ledgerActions] of [
        [pipeline.notifierRole, itemActions],
        [pipeline.reconcilerRole, [...itemActions, 'dynamodb:Scan']],
      ] as const) {
        const statements = statementsOf(t, logicalId(stack, role));
        expect(statements).toContainEqual(
          expect.objectContaining({
            Action: 'sns:Publish',
            Resource: { Ref: logicalId(stack, pipeline.topic) },
          }),
        );
        const ledger = statements.filter((statement) => /dynamodb:/.test(JSON.stringify(statement.Action)));
        expect(ledger).toEqual([expect.objectContaining({ Action: ledgerActions, Resource: table })]);
      }
      const writer = actionsOf(databaseStatements(clusterDbUser));
      expect(writer.filter((action) => /^(sns|dynamodb|kms):/.test(action))).toEqual([]);
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
      const statements = statementsOf(template(stack), logicalId(stack, pipeline.databaseRole));
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
      const statements = statementsOf(template(stack), logicalId(stack, pipeline.databaseRole));
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
});
