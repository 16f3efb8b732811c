import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { createPipelineLogGroup } from './create-pipeline-log-group.ts';
import { nagName } from './nag-finding-ids.ts';

/**
 * Looks the ID of a Serverless workgroup up by name at deploy time (`redshift-serverless:GetWorkgroup`
 * through an `AwsCustomResource`), for the workgroup ARN the database role's policy names.
 * Returns a token that resolves to the ID.
 *
 * @example
 * ```ts
 * const workgroupId = props.workgroupId ?? lookUpWorkgroupId(pipeline, 'analytics', logs.RetentionDays.ONE_MONTH);
 * ```
 */
export function lookUpWorkgroupId(
  scope: Construct,
  workgroupName: string,
  logRetention: logs.RetentionDays,
): string {
  const stack = Stack.of(scope);
  const lookup = new cr.AwsCustomResource(scope, 'WorkgroupLookup', {
    onUpdate: {
      service: 'redshift-serverless',
      action: 'GetWorkgroup',
      parameters: { workgroupName },
      physicalResourceId: cr.PhysicalResourceId.of(`workgroup:${workgroupName}`),
      outputPaths: ['workgroup.workgroupId'],
    },
    policy: cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({
        actions: ['redshift-serverless:GetWorkgroup'],
        // The workgroup's ARN carries its ID, which is what this lookup finds out.
        resources: [
          stack.formatArn({
            service: 'redshift-serverless',
            resource: 'workgroup',
            resourceName: '*',
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ],
      }),
    ]),
    installLatestAwsSdk: false,
    logGroup: createPipelineLogGroup(scope, 'WorkgroupLookupLogs', logRetention),
  });
  Validations.of(lookup).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:redshift-serverless:${nagName(stack.region, 'AWS::Region')}:${nagName(stack.account, 'AWS::AccountId')}:workgroup/*]`,
    reason:
      'GetWorkgroup is scoped by workgroup ARN, which contains the ID this lookup reads; pass workgroupId to drop the lookup.',
  });
  // AwsCustomResource runs in one function per stack, created beside the stack's other constructs.
  const singleton = stack.node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
  if (singleton !== undefined) {
    Validations.of(singleton).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'The CDK AwsCustomResource function uses the AWS managed basic execution role (CloudWatch Logs writes only).',
    });
  }
  return lookup.getResponseField('workgroup.workgroupId');
}
