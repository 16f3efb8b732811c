import { describe, expect, it } from 'vitest';
import { logicalId, statementsOf, variantsUnderTest } from '../../test/support/pipeline-variants.ts';

const { clusterDbUser, template } = variantsUnderTest('clusterDbUser');

describe('EltPipeline', () => {
  describe('functions', () => {
    it('run on nodejs24.x arm64 with JSON logs into their own log group with retention', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const ours = [
        [pipeline.runnerFunction, 'index.handler', pipeline.databaseRole],
        [pipeline.notifierFunction, 'index.handler', pipeline.notifierRole],
        [pipeline.reconcilerFunction, 'index.reconcile', pipeline.reconcilerRole],
      ] as const;
      for (const [fn, handler, role] of ours) {
        const resource = t.toJSON().Resources[logicalId(stack, fn)];
        expect(resource.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Handler: handler,
          LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/Logs/) } },
          Role: { 'Fn::GetAtt': [logicalId(stack, role), 'Arn'] },
        });
        const logGroup = t.toJSON().Resources[resource.Properties.LoggingConfig.LogGroup.Ref];
        expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
      }
    });

    it('write logs through their own role to their own log group; no role has a managed policy', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      for (const fn of [pipeline.runnerFunction, pipeline.notifierFunction, pipeline.reconcilerFunction]) {
        const role =
          fn === pipeline.notifierFunction
            ? pipeline.notifierRole
            : fn === pipeline.reconcilerFunction
              ? pipeline.reconcilerRole
              : pipeline.databaseRole;
        const statements = statementsOf(t, logicalId(stack, role));
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
      expect(roles.length).toBeGreaterThanOrEqual(5);
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
      // The reconciler signs in nowhere: its environment names no database user or secret.
      const reconciler =
        resources[logicalId(stack, pipeline.reconcilerFunction)].Properties.Environment.Variables;
      expect(reconciler).toMatchObject({
        SHIFTFLOW_CLUSTER_IDENTIFIER: 'analytics',
        SHIFTFLOW_DATABASE: 'dev',
      });
      expect(reconciler).not.toHaveProperty('SHIFTFLOW_DB_USER');
      expect(reconciler).not.toHaveProperty('SHIFTFLOW_SECRET_ARN');
    });

    it('retry asynchronous invocations per function and send final failures to the dead-letter queue', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const onFailure = {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterQueue), 'Arn'] } },
      };
      for (const fn of [pipeline.notifierFunction, pipeline.reconcilerFunction]) {
        t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: logicalId(stack, fn) },
          MaximumRetryAttempts: 2,
          DestinationConfig: onFailure,
        });
      }
    });

    it("send each started run to the reconciler: the runner's on-success destination, invoked through the writer role", () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const reconcilerArn = { 'Fn::GetAtt': [logicalId(stack, pipeline.reconcilerFunction), 'Arn'] };
      t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(stack, pipeline.runnerFunction) },
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterQueue), 'Arn'] } },
          OnSuccess: { Destination: reconcilerArn },
        },
      });
      // Lambda delivers the record with the runner's execution role.
      expect(statementsOf(t, logicalId(stack, pipeline.databaseRole))).toContainEqual(
        expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          Resource: [reconcilerArn, { 'Fn::Join': ['', [reconcilerArn, ':*']] }],
        }),
      );
    });

    it('hard-code no physical names but the three role names (the GRANTs name them before the deploy)', () => {
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
      expect(named).toEqual([
        'AWS::IAM::Role.RoleName',
        'AWS::IAM::Role.RoleName',
        'AWS::IAM::Role.RoleName',
      ]);
    });
  });
});
