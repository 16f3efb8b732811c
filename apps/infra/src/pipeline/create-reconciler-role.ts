import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { DatabaseRole } from './create-database-role.ts';
import { ownedStatementsStatement, STATEMENT_READ_ACTIONS } from './grant-database-access.ts';

/**
 * The reconciler's own role, `<roleNamePrefix>-reconciler`, with no database identity: no
 * ExecuteStatement, no ListStatements, no database credentials or secret. It finds the runs in the
 * ledger (the runner's on-success destination records each started run there) instead of
 * listing statements, because ListStatements returns only the caller role's statements
 * (`RoleLevel`, https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListStatements.html);
 * it may only describe and read the results of the writer's statements
 * (`redshift-data:statement-owner-iam-userid` = `<writer RoleId>:*`,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftdataapi.html).
 * Those two actions have no resource type, so they sit in a policy of their own
 * (`StatementAccess`) where cdk-nag's `IAM5[Resource::*]` is acknowledged. The topic and the
 * ledger are granted by `createRunFunctions`.
 *
 * @example
 * ```ts
 * const reconciler = createReconcilerRole(pipeline, { roleName: 'shiftflow-nyc-taxi-reconciler', description, writerRole });
 * ```
 */
export function createReconcilerRole(scope: Construct, options: ReconcilerRoleOptions): DatabaseRole {
  const role = new iam.Role(scope, 'ReconcilerRole', {
    roleName: options.roleName,
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: options.description,
  });
  const statementPolicy = new iam.Policy(role, 'StatementAccess', { roles: [role] });
  statementPolicy.addStatements(
    ownedStatementsStatement('ReadWriterStatements', STATEMENT_READ_ACTIONS, [options.writerRole]),
  );
  return { role, statementPolicy };
}

/**
 * What {@link createReconcilerRole} needs.
 *
 * @example
 * ```ts
 * const options: ReconcilerRoleOptions = { roleName: 'shiftflow-nyc-taxi-reconciler', description: 'reconciler', writerRole };
 * ```
 */
export interface ReconcilerRoleOptions {
  /** `<roleNamePrefix>-reconciler`. */
  readonly roleName: string;
  /** What the role is for. */
  readonly description: string;
  /** The role whose statements the reconciler describes (the runner's). */
  readonly writerRole: iam.Role;
}
