import type { PipelineTarget } from '@shiftflow/events';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Lets `role` submit statements to the target, take `ownStatementActions` on the statements it
 * submitted (and `DescribeStatement`/`GetStatementResult` on those of `readsStatementsOf`), and get
 * database credentials the one way `access.target` authenticates: its secret, temporary credentials
 * of `dbUser`, the IAM identity on a cluster, or `GetCredentials` on a workgroup.
 *
 * The statement actions have no resource type; they go into a policy of their own
 * (`<role id>StatementAccess`) so that cdk-nag's `IAM5[Resource::*]` is acknowledged on that
 * policy only and a new wildcard anywhere else on the role is reported.
 *
 * @example
 * ```ts
 * grantDatabaseAccess(writerRole, { target, workgroupId, secretKey, submitActions: WRITER_SUBMIT_ACTIONS, ownStatementActions: WRITER_STATEMENT_ACTIONS });
 * ```
 */
export function grantDatabaseAccess(role: iam.Role, access: DatabaseAccess): iam.Policy {
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
      actions: [...access.submitActions],
      resources: [computeArn],
    }),
  );
  const statementPolicy = new iam.Policy(role, 'StatementAccess', { roles: [role] });
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftdataapi.html:
  // these actions have no resource type ("*"); the condition key
  // redshift-data:statement-owner-iam-userid is the aws:userid (<RoleId>:<session>) of the
  // identity that ran the statement, so "<RoleId>:*" names every Lambda session of that role.
  statementPolicy.addStatements(
    ownedStatementsStatement('OwnStatements', access.ownStatementActions, [role]),
  );
  const others = access.readsStatementsOf ?? [];
  if (others.length > 0) {
    statementPolicy.addStatements(
      ownedStatementsStatement('ReadWriterStatements', STATEMENT_READ_ACTIONS, others),
    );
  }
  role.addToPrincipalPolicy(credentialsStatement(target, computeArn, redshiftArn));
  if (target.secretArn !== undefined) access.secretKey?.grantDecrypt(role);
  return statementPolicy;
}

/** Writer (runner, setup): ExecuteStatement for runs, BatchExecuteStatement for setup. */
export const WRITER_SUBMIT_ACTIONS = [
  'redshift-data:ExecuteStatement',
  'redshift-data:BatchExecuteStatement',
];
/**
 * Writer on its own statements: the runner's overlap guard lists them (ListStatements returns the
 * caller role's statements only, RoleLevel), setup describes, reads and cancels its batches.
 */
export const WRITER_STATEMENT_ACTIONS = [
  'redshift-data:DescribeStatement',
  'redshift-data:GetStatementResult',
  'redshift-data:CancelStatement',
  'redshift-data:ListStatements',
];
/** Reader (notifier): one query of the load-error rows. */
export const READER_SUBMIT_ACTIONS = ['redshift-data:ExecuteStatement'];
/** Reader on its own statements: wait for its load-error query, read it, cancel it on timeout. */
export const READER_STATEMENT_ACTIONS = [
  'redshift-data:DescribeStatement',
  'redshift-data:GetStatementResult',
  'redshift-data:CancelStatement',
];

/**
 * A statement allowing `actions` on the statements submitted by any session of `owners`.
 *
 * @example
 * ```ts
 * policy.addStatements(ownedStatementsStatement('ReadWriterStatements', STATEMENT_READ_ACTIONS, [writerRole]));
 * ```
 */
export function ownedStatementsStatement(
  sid: string,
  actions: readonly string[],
  owners: readonly iam.Role[],
): iam.PolicyStatement {
  const userIds = owners.map((owner) => `${owner.roleId}:*`);
  return new iam.PolicyStatement({
    sid,
    actions: [...actions],
    resources: ['*'],
    conditions: {
      StringLike: { 'redshift-data:statement-owner-iam-userid': userIds.length === 1 ? userIds[0] : userIds },
    },
  });
}

/** Describe and read the results of another role's statements (notifier, reconciler). */
export const STATEMENT_READ_ACTIONS = ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'];

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
 * const access: DatabaseAccess = { target: config.target, workgroupId: undefined, secretKey: undefined, submitActions: READER_SUBMIT_ACTIONS, ownStatementActions: READER_STATEMENT_ACTIONS };
 * ```
 */
export interface DatabaseAccess {
  /** The cluster or workgroup, the database and the way this role authenticates. */
  readonly target: PipelineTarget;
  /** Data API actions that submit SQL, allowed on the cluster or workgroup ARN only. */
  readonly submitActions: readonly string[];
  /** Data API actions allowed on the statements this role submitted. */
  readonly ownStatementActions: readonly string[];
  /** Roles whose statements this role may describe and read the results of. */
  readonly readsStatementsOf?: readonly iam.Role[];
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
