import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { baseProps, logicalId, variantsUnderTest, withCode } from '../../test/support/pipeline-variants.ts';
import { EltPipeline } from './elt-pipeline.ts';

const { clusterDbUser, template } = variantsUnderTest('clusterDbUser');

describe('EltPipeline', () => {
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
});
