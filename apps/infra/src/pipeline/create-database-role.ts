import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { type DatabaseAccess, grantDatabaseAccess } from './grant-database-access.ts';

/**
 * A role of the pipeline's functions with a name known before the deploy (so the database GRANTs
 * for `IAMR:<name>` can be prepared), and its access to the target (see {@link grantDatabaseAccess}).
 *
 * @example
 * ```ts
 * const writer = createDatabaseRole(pipeline, 'DatabaseRole', { roleName: 'shiftflow-nyc-taxi-writer', description, access });
 * ```
 */
export function createDatabaseRole(scope: Construct, id: string, options: DatabaseRoleOptions): DatabaseRole {
  const role = new iam.Role(scope, id, {
    roleName: options.roleName,
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: options.description,
  });
  const statementPolicy = grantDatabaseAccess(role, options.access);
  return { role, statementPolicy };
}

/**
 * What {@link createDatabaseRole} makes.
 *
 * @example
 * ```ts
 * const options: DatabaseRoleOptions = { roleName: 'shiftflow-nyc-taxi-notifier', description: 'notifier', access };
 * ```
 */
export interface DatabaseRoleOptions {
  /** The role's name (`<roleNamePrefix>-writer` or `-notifier`): the database user of `IAMR:` sign-ins. */
  readonly roleName: string;
  /** What the role is for. */
  readonly description: string;
  /** Where and how the role signs in, and which Data API actions it may take. */
  readonly access: DatabaseAccess;
}

/**
 * A database role and the policy holding its statement actions (which have no resource type).
 *
 * @example
 * ```ts
 * const { role, statementPolicy } = createDatabaseRole(pipeline, 'NotifierRole', options);
 * ```
 */
export interface DatabaseRole {
  /** The role. */
  readonly role: iam.Role;
  /** Its `DescribeStatement`/`GetStatementResult`/… statements, limited by statement owner. */
  readonly statementPolicy: iam.Policy;
}
