import type { PipelineTarget } from '@shiftflow/events';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Lets `role` submit statements to the target, manage the statements it submitted, and get
 * database credentials the one way the target authenticates: its secret, temporary credentials of
 * `dbUser`, the IAM identity on a cluster, or `GetCredentials` on a workgroup.
 *
 * @example
 * ```ts
 * grantDatabaseAccess(databaseRole, { target: config.target, workgroupId, secretKey: props.secretKey });
 * ```
 */
export function grantDatabaseAccess(role: iam.Role, access: DatabaseAccess): void {
  const { target } = access;
  const stack = Stack.of(role);
  const redshiftArn = (resource: string, resourceName: string): string =>
    stack.formatArn({
      service: 'redshift',
      resource,
      resourceName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  const computeArn =
    target.type === 'cluster'
      ? redshiftArn('cluster', target.clusterIdentifier)
      : stack.formatArn({
          service: 'redshift-serverless',
          resource: 'workgroup',
          resourceName: access.workgroupId,
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'SubmitStatements',
      actions: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
      resources: [computeArn],
    }),
  );
  grantStatementRead(role, role, [
    'redshift-data:DescribeStatement',
    'redshift-data:GetStatementResult',
    'redshift-data:CancelStatement',
    'redshift-data:ListStatements',
  ]);
  role.addToPrincipalPolicy(credentialsStatement(target, computeArn, redshiftArn));
  if (target.secretArn !== undefined) access.secretKey?.grantDecrypt(role);
}

/** The Data API actions on statements that have no resource type, granted by default. */
const STATEMENT_READ_ACTIONS = ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'];

/**
 * Lets `grantee` take `actions` on the statements the database role submitted. These actions
 * have no resource type: the `redshift-data:statement-owner-iam-userid` condition limits them to
 * the role's statements.
 *
 * @example
 * ```ts
 * grantStatementRead(dashboardRole, databaseRole, ['redshift-data:DescribeStatement']);
 * ```
 */
export function grantStatementRead(
  grantee: iam.IGrantable,
  databaseRole: iam.Role,
  actions: readonly string[] = STATEMENT_READ_ACTIONS,
): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: [...actions],
    // These actions have no resource type; the condition limits them to the database role's statements.
    resourceArns: ['*'],
    conditions: {
      StringLike: { 'redshift-data:statement-owner-iam-userid': `${databaseRole.roleId}:*` },
    },
  });
}

/**
 * Where and how the database role signs in.
 *
 * @example
 * ```ts
 * const access: DatabaseAccess = { target: config.target, workgroupId: undefined, secretKey: undefined };
 * ```
 */
export interface DatabaseAccess {
  /** The cluster or workgroup, the database and the way to authenticate. */
  readonly target: PipelineTarget;
  /** ID of the Serverless workgroup (a UUID or a token); undefined for a cluster. */
  readonly workgroupId: string | undefined;
  /** Customer managed key of the target's secret, if any. */
  readonly secretKey: kms.IKey | undefined;
}

/** The one statement that lets the role get database credentials the way the target authenticates. */
function credentialsStatement(
  target: PipelineTarget,
  computeArn: string,
  redshiftArn: (resource: string, resourceName: string) => string,
): iam.PolicyStatement {
  if (target.secretArn !== undefined) {
    return new iam.PolicyStatement({
      sid: 'ReadDatabaseSecret',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [target.secretArn],
    });
  }
  if (target.type === 'cluster' && target.dbUser !== undefined) {
    return new iam.PolicyStatement({
      sid: 'GetDatabaseUserCredentials',
      actions: ['redshift:GetClusterCredentials'],
      resources: [
        redshiftArn('dbuser', `${target.clusterIdentifier}/${target.dbUser}`),
        redshiftArn('dbname', `${target.clusterIdentifier}/${target.database}`),
      ],
    });
  }
  if (target.type === 'cluster') {
    // The database user is IAMR:<role name>.
    return new iam.PolicyStatement({
      sid: 'GetIamDatabaseCredentials',
      actions: ['redshift:GetClusterCredentialsWithIAM'],
      resources: [redshiftArn('dbname', `${target.clusterIdentifier}/${target.database}`)],
    });
  }
  return new iam.PolicyStatement({
    sid: 'GetServerlessCredentials',
    actions: ['redshift-serverless:GetCredentials'],
    resources: [computeArn],
  });
}
