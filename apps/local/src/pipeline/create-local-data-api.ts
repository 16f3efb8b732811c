import { RedshiftData } from '@shiftflow/data-api';
import type { PipelineTarget } from '@shiftflow/events';

/**
 * A Data API client for the pipeline's target on a local Redshift endpoint, with the dummy
 * credentials the local endpoints accept (never real AWS).
 *
 * @example
 * const dataApi = createLocalDataApi(redshift.endpoint, config.target);
 * await dataApi.query('select 1 as one');
 */
export function createLocalDataApi(endpoint: string, target: PipelineTarget): RedshiftData {
  return new RedshiftData({
    clientConfig: {
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    },
    target:
      target.type === 'cluster'
        ? {
            clusterIdentifier: target.clusterIdentifier,
            database: target.database,
            ...(target.dbUser === undefined ? {} : { dbUser: target.dbUser }),
          }
        : { workgroupName: target.workgroupName, database: target.database },
  });
}
