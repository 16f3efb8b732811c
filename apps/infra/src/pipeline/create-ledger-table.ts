import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

/**
 * The DynamoDB table where the notifier records which statements it announced: keyed by
 * `statementId`, items expire at `expiresAt`, on demand, with point-in-time recovery, retained
 * when the stack is deleted.
 *
 * @example
 * ```ts
 * const ledgerTable = createLedgerTable(pipeline);
 * ```
 */
export function createLedgerTable(scope: Construct): dynamodb.Table {
  return new dynamodb.Table(scope, 'LedgerTable', {
    partitionKey: { name: 'statementId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'expiresAt',
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
