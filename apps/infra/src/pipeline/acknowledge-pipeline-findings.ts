import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { InfraError } from '../errors.ts';
import type { DatabaseRole } from './create-database-role.ts';
import { invokeFinding } from './nag-finding-ids.ts';

/**
 * Acknowledges the cdk-nag AwsSolutions findings on the database roles and the schedule role, each
 * on the one policy that has it and with the reason a reviewer would accept, so the same finding
 * anywhere else (a new wildcard on a role's default policy) is still reported. (The dead-letter
 * queue, the workgroup lookup and the setup provider acknowledge theirs where they are created.)
 *
 * @example
 * ```ts
 * acknowledgePipelineFindings({ databaseRoles: [writer, reader, reconciler], destinationFunctions: [reconcilerFunction], scheduleRole, scheduledFunctions: [runnerFunction, reconcilerFunction] });
 * ```
 */
export function acknowledgePipelineFindings(roles: PipelineFindingRoles): void {
  const [writer] = roles.databaseRoles;
  if (writer !== undefined && roles.destinationFunctions.length > 0) {
    Validations.of(defaultPolicyOf(writer.role)).acknowledge(
      ...roles.destinationFunctions.map((fn) => ({
        id: invokeFinding(fn),
        reason:
          'The runner\'s on-success destination invokes this one function (Lambda uses the runner\'s role); ":*" only adds its versions and aliases.',
      })),
    );
  }
  for (const { role, statementPolicy } of roles.databaseRoles) {
    Validations.of(statementPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Data API DescribeStatement, GetStatementResult, CancelStatement and ListStatements have no resource type (Service Authorization Reference, Amazon Redshift Data API); the redshift-data:statement-owner-iam-userid condition limits them to statements of the named roles.',
    });
    Validations.of(defaultPolicyOf(role)).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        'Publishing to the KMS-encrypted topic needs GenerateDataKey* on that one key (Topic.grantPublish).',
    });
  }
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
 * const roles: PipelineFindingRoles = { databaseRoles: [writer, reader, reconciler], destinationFunctions: [reconcilerFunction], scheduleRole, scheduledFunctions: [runnerFunction, reconcilerFunction] };
 * ```
 */
export interface PipelineFindingRoles {
  /** The writer (first), notifier and reconciler roles with their statement policies. */
  readonly databaseRoles: readonly DatabaseRole[];
  /** Functions the writer role invokes as the runner's on-success destination. */
  readonly destinationFunctions: readonly lambda.Function[];
  /** The role EventBridge Scheduler assumes. */
  readonly scheduleRole: iam.Role;
  /** The functions the schedule role invokes. */
  readonly scheduledFunctions: readonly lambda.Function[];
}

/** The policy CDK attaches grants to (`<role>/DefaultPolicy`). */
function defaultPolicyOf(role: iam.Role): iam.Policy {
  const policy = role.node.tryFindChild('DefaultPolicy');
  if (!(policy instanceof iam.Policy)) {
    throw new InfraError(
      'UNEXPECTED_CONSTRUCT',
      `${role.node.path} has no DefaultPolicy: grant it something first`,
    );
  }
  return policy;
}
