import type { RedshiftTarget } from '@shiftflow/data-api';
import type { PipelineTarget } from '@shiftflow/events';

/**
 * Turns the pipeline config's target into the `@shiftflow/data-api` target.
 *
 * @example
 * ```ts
 * new RedshiftData({ target: dataApiTargetOf(config.target) });
 * ```
 */
export function dataApiTargetOf(target: PipelineTarget): RedshiftTarget {
  const secret = target.secretArn === undefined ? {} : { secretArn: target.secretArn };
  if (target.type === 'cluster') {
    return {
      clusterIdentifier: target.clusterIdentifier,
      database: target.database,
      ...(target.dbUser === undefined ? {} : { dbUser: target.dbUser }),
      ...secret,
    };
  }
  return { workgroupName: target.workgroupName, database: target.database, ...secret };
}
