import { describe, it } from 'vitest';
import { variantsUnderTest } from '../../test/support/pipeline-variants.ts';

const { clusterDbUser, template } = variantsUnderTest('clusterDbUser');

describe('EltPipeline', () => {
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
});
