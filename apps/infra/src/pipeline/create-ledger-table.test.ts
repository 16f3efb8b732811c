import { beforeAll, describe, it } from 'vitest';
import { buildVariant, templatesOf, variantApp } from '../../test/support/pipeline-variants.ts';

const app = variantApp();
const clusterDbUser = buildVariant.clusterDbUser(app);
/** The variants' templates; the first synthesizes the app, running cdk-nag over every stack in it. */
const template = templatesOf([clusterDbUser]);

beforeAll(() => {
  template(clusterDbUser.stack);
});

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
