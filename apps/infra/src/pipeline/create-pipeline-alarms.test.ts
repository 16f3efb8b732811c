import { Match } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { logicalId, variantsUnderTest } from '../../test/support/pipeline-variants.ts';

const { clusterDbUser, template } = variantsUnderTest('clusterDbUser');

describe('EltPipeline', () => {
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
});
