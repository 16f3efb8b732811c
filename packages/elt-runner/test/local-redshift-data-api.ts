import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { parsePipelineConfig } from '@shiftflow/events';
import type { LocalRedshift } from '@shiftflow/redshift-local';

/** The repository root: its shiftflow.config.json and sql/ are what the tests run. */
export const repository = path.resolve(import.meta.dirname, '../../..');

/** The repository's pipeline configuration, parsed. */
export const repositoryConfig = parsePipelineConfig(
  JSON.parse(readFileSync(path.join(repository, 'shiftflow.config.json'), 'utf8')),
);

/**
 * A Data API wrapper talking to a local Redshift endpoint with dummy credentials (never real AWS),
 * on the `shiftflow` workgroup's `dev` database.
 *
 * @example
 * ```ts
 * const dataApi = localRedshiftDataApi(await startLocalRedshift({ s3Root }));
 * ```
 */
export function localRedshiftDataApi(local: LocalRedshift): RedshiftData {
  const client = new RedshiftDataClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return new RedshiftData({ client, target: { workgroupName: 'shiftflow', database: 'dev' } });
}
