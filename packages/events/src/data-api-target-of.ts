import type { ClusterTarget, PipelineTarget, ServerlessTarget } from './pipeline-config';

/**
 * A pipeline target without its `type` tag: the shape `@shiftflow/data-api`'s `RedshiftTarget` takes.
 *
 * @example
 * ```ts
 * const target: DataApiTarget = { workgroupName: 'etl', database: 'dev' };
 * ```
 */
export type DataApiTarget = Omit<ClusterTarget, 'type'> | Omit<ServerlessTarget, 'type'>;

/**
 * Turns the pipeline config's target into the target `new RedshiftData({ target })` takes (the same
 * fields without `type`); the runner, the setup resource and the notifier all use it.
 *
 * @example
 * ```ts
 * dataApiTargetOf({ type: 'serverless', workgroupName: 'etl', database: 'dev' }); // { workgroupName: 'etl', database: 'dev' }
 * new RedshiftData({ target: dataApiTargetOf(config.target) });
 * ```
 */
export function dataApiTargetOf(target: PipelineTarget): DataApiTarget {
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
