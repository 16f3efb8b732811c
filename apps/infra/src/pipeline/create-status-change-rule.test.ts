import { Match } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { logicalId, variantsUnderTest } from '../../test/support/pipeline-variants.ts';

const { clusterDbUser, template } = variantsUnderTest('clusterDbUser');

describe('EltPipeline', () => {
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
});
