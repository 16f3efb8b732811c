import type { PipelineConfig, PipelineTarget } from '@shiftflow/events';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { createDatabaseRole, type DatabaseRole } from './create-database-role.ts';
import { createReconcilerRole } from './create-reconciler-role.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';
import {
  READER_STATEMENT_ACTIONS,
  READER_SUBMIT_ACTIONS,
  WRITER_STATEMENT_ACTIONS,
  WRITER_SUBMIT_ACTIONS,
} from './grant-database-access.ts';
import { lookUpWorkgroupId } from './look-up-workgroup-id.ts';
import { readerTargetOf } from './reader-target-of.ts';

/**
 * The pipeline's three roles, named `<roleNamePrefix>-writer`, `-notifier` and `-reconciler`: the
 * database identities of the writer (runner, setup) and the reader (notifier); the reconciler has
 * none. A Serverless target without `workgroupId` gets its ID looked up at deploy time.
 *
 * @example
 * ```ts
 * const { writer, reader, reconciler, readerTarget } = createPipelineRoles(pipeline, { ...props, config, logRetention });
 * ```
 */
export function createPipelineRoles(scope: Construct, options: PipelineRolesOptions): PipelineRoles {
  const { config, logRetention } = options;
  const { target } = config;
  const workgroupId =
    target.type === 'serverless'
      ? (options.workgroupId ?? lookUpWorkgroupId(scope, target.workgroupName, logRetention))
      : undefined;
  const roleNamePrefix = options.roleNamePrefix ?? `shiftflow-${config.name}`;
  const writer = createDatabaseRole(scope, 'DatabaseRole', {
    roleName: `${roleNamePrefix}-writer`,
    description: `shiftflow ${config.name}: runner and setup (writer database identity)`,
    access: {
      target,
      workgroupId,
      secretKey: options.secretKey,
      submitActions: WRITER_SUBMIT_ACTIONS,
      ownStatementActions: WRITER_STATEMENT_ACTIONS,
    },
  });
  const readerTarget = readerTargetOf(target, {
    dbUser: options.readerDbUser,
    secretArn: options.readerSecretArn,
  });
  const reader = createDatabaseRole(scope, 'NotifierRole', {
    roleName: `${roleNamePrefix}-notifier`,
    description: `shiftflow ${config.name}: notifier (read-only database identity)`,
    access: {
      target: readerTarget,
      workgroupId,
      secretKey: options.secretKey,
      submitActions: READER_SUBMIT_ACTIONS,
      ownStatementActions: READER_STATEMENT_ACTIONS,
      readsStatementsOf: [writer.role],
    },
  });
  const reconciler = createReconcilerRole(scope, {
    roleName: `${roleNamePrefix}-reconciler`,
    description: `shiftflow ${config.name}: reconciler (reads the writer's statements, no database identity)`,
    writerRole: writer.role,
  });
  return { writer, reader, reconciler, readerTarget };
}

/**
 * What {@link createPipelineRoles} names the roles after and signs them in with: the validated
 * configuration and the pipeline's props.
 *
 * @example
 * ```ts
 * const options: PipelineRolesOptions = { config, logRetention: logs.RetentionDays.ONE_MONTH, roleNamePrefix: 'shiftflow-nyc-taxi' };
 * ```
 */
export interface PipelineRolesOptions
  extends Pick<
    EltPipelineProps,
    'workgroupId' | 'roleNamePrefix' | 'secretKey' | 'readerDbUser' | 'readerSecretArn'
  > {
  /** The validated configuration: name and target. */
  readonly config: PipelineConfig;
  /** How long the workgroup ID look-up's log group keeps its logs. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * The pipeline's roles and the target as the reader signs in to it.
 *
 * @example
 * ```ts
 * const { writer } = createPipelineRoles(pipeline, options);
 * writer.role.roleName;
 * ```
 */
export interface PipelineRoles {
  /** `<roleNamePrefix>-writer`: the runner and the setup. */
  readonly writer: DatabaseRole;
  /** `<roleNamePrefix>-notifier`: the notifier, read-only database identity. */
  readonly reader: DatabaseRole;
  /** `<roleNamePrefix>-reconciler`: no database identity. */
  readonly reconciler: DatabaseRole;
  /** The target as the notifier signs in to it (see `readerTargetOf`). */
  readonly readerTarget: PipelineTarget;
}
