import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { PipelineConfig } from '@shiftflow/events';
import { setupObjects } from '../config/setup-objects';
import { LocalAppError } from '../errors';
import { defaultSampleRows, type SampleData, writeSampleData } from '../seed/write-sample-data';
import { localS3Path, type StateLayout } from '../state/state-layout';

/**
 * Writes the default sample into local S3, shaped like the table the setup SQL loads by COPY,
 * unless the source prefix already has objects.
 *
 * @throws LocalAppError (code `NO_LOAD_TABLE`) when the setup SQL has no table loaded by COPY.
 * @example
 * const sample = await ensureSampleData({ repositoryRoot, config, state }); // undefined: data was there
 */
export async function ensureSampleData(
  pipeline: { repositoryRoot: string; config: PipelineConfig; state: StateLayout },
  rows: number = defaultSampleRows,
): Promise<SampleData | undefined> {
  const { repositoryRoot, config, state } = pipeline;
  const directory = localS3Path(state.s3, config.sourceS3Uri);
  const existing = existsSync(directory) ? await readdir(directory) : [];
  if (existing.length > 0) return undefined;
  const objects = await setupObjects(repositoryRoot, config);
  if (!objects.loadTable) {
    throw new LocalAppError(
      'NO_LOAD_TABLE',
      'the setup SQL has no table loaded by COPY, so no sample can be made',
    );
  }
  return writeSampleData({ directory, rows, columns: objects.loadTable.columns });
}
