import type { PipelineTarget } from '@shiftflow/events';

/**
 * The target as the notifier (the read-only database identity) signs in to it: the same cluster or
 * workgroup and database, with `reader.dbUser` (cluster only) or `reader.secretArn` when given,
 * otherwise without the writer's user or secret, so the Data API signs in as the notifier role's
 * own IAM identity `IAMR:<role name>` (`GetClusterCredentialsWithIAM` on a cluster,
 * `GetCredentials` on a workgroup; https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-iam.html).
 *
 * @example
 * ```ts
 * readerTargetOf({ type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' }, { dbUser: 'etl_reader' });
 * // { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl_reader' }
 * ```
 */
export function readerTargetOf(target: PipelineTarget, reader: ReaderIdentity): PipelineTarget {
  const secret = reader.secretArn === undefined ? {} : { secretArn: reader.secretArn };
  if (target.type === 'cluster') {
    return {
      type: 'cluster',
      clusterIdentifier: target.clusterIdentifier,
      database: target.database,
      ...(reader.dbUser === undefined ? {} : { dbUser: reader.dbUser }),
      ...secret,
    };
  }
  return { type: 'serverless', workgroupName: target.workgroupName, database: target.database, ...secret };
}

/**
 * How the read-only identity signs in, when not as its role's IAM identity.
 *
 * @example
 * ```ts
 * const reader: ReaderIdentity = { dbUser: 'etl_reader' };
 * ```
 */
export interface ReaderIdentity {
  /** Database user of temporary credentials (cluster only). */
  readonly dbUser?: string | undefined;
  /** Complete ARN of a secret holding the reader's user and password. */
  readonly secretArn?: string | undefined;
}
