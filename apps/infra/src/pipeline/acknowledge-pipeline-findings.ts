import { Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { invokeFinding } from './nag-finding-ids.ts';

/**
 * Acknowledges the cdk-nag AwsSolutions findings on the database role and the schedule role, each
 * with the reason a reviewer would accept. (The dead-letter queue, the workgroup lookup and the
 * setup provider acknowledge theirs where they are created.)
 *
 * @example
 * ```ts
 * acknowledgePipelineFindings({ databaseRole, scheduleRole, scheduledFunctions: [runnerFunction, reconcilerFunction] });
 * ```
 */
export function acknowledgePipelineFindings(roles: PipelineFindingRoles): void {
  Validations.of(roles.databaseRole).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "Data API DescribeStatement, GetStatementResult, CancelStatement and ListStatements have no resource type; the redshift-data:statement-owner-iam-userid condition limits them to the database role's statements.",
    },
    {
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        'Publishing to the KMS-encrypted topic needs GenerateDataKey* on that one key (Topic.grantPublish).',
    },
  );
  Validations.of(roles.scheduleRole).acknowledge(
    ...roles.scheduledFunctions.map((fn) => ({
      id: invokeFinding(fn),
      reason: 'The schedule invokes this one function; ":*" only adds its versions and aliases.',
    })),
  );
}

/**
 * The roles whose cdk-nag findings {@link acknowledgePipelineFindings} acknowledges.
 *
 * @example
 * ```ts
 * const roles: PipelineFindingRoles = { databaseRole, scheduleRole, scheduledFunctions: [runnerFunction, reconcilerFunction] };
 * ```
 */
export interface PipelineFindingRoles {
  /** The database identity of the functions. */
  readonly databaseRole: iam.Role;
  /** The role EventBridge Scheduler assumes. */
  readonly scheduleRole: iam.Role;
  /** The functions the schedule role invokes. */
  readonly scheduledFunctions: readonly lambda.Function[];
}
