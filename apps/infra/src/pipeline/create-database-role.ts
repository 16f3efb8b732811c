import type { PipelineConfig } from '@shiftflow/events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { grantDatabaseAccess } from './grant-database-access.ts';
import { lookUpWorkgroupId } from './look-up-workgroup-id.ts';

/**
 * The pipeline's one database identity, assumed by its functions, with access to the target: for
 * a Serverless workgroup without a given `workgroupId`, the ID is looked up at deploy time.
 *
 * @example
 * ```ts
 * const databaseRole = createDatabaseRole(pipeline, { config, logRetention: logs.RetentionDays.ONE_MONTH });
 * ```
 */
export function createDatabaseRole(scope: Construct, options: DatabaseRoleOptions): iam.Role {
  const { config } = options;
  const role = new iam.Role(scope, 'DatabaseRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `shiftflow ${config.name}: runner, setup, notifier and reconciler (one database identity)`,
  });
  const { target } = config;
  const workgroupId =
    target.type === 'serverless'
      ? (options.workgroupId ?? lookUpWorkgroupId(scope, target.workgroupName, options.logRetention))
      : undefined;
  grantDatabaseAccess(role, { target, workgroupId, secretKey: options.secretKey });
  return role;
}

/**
 * What {@link createDatabaseRole} needs to know about the target.
 *
 * @example
 * ```ts
 * const options: DatabaseRoleOptions = { config, logRetention: logs.RetentionDays.ONE_MONTH };
 * ```
 */
export interface DatabaseRoleOptions {
  /** The configuration whose `target` the role reaches. */
  readonly config: PipelineConfig;
  /**
   * ID of the Serverless workgroup.
   * @default - looked up by name at deploy time
   */
  readonly workgroupId?: string;
  /**
   * Customer managed key of the target's secret.
   * @default - none
   */
  readonly secretKey?: kms.IKey;
  /** How long the workgroup lookup's log group keeps its logs. */
  readonly logRetention: logs.RetentionDays;
}
