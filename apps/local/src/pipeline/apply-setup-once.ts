import { createHash } from 'node:crypto';
import path from 'node:path';
import type { RedshiftData } from '@shiftflow/data-api';
import type { PipelineConfig } from '@shiftflow/events';
import { setupObjects } from '../config/setup-objects';
import type { StateLayout } from '../state/state-layout';
import { readSetupRecord, writeSetupRecord } from './setup-record';

function fingerprint(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

/** Where {@link applySetupOnce} finds the setup and applies it. */
export interface SetupTarget {
  repositoryRoot: string;
  config: PipelineConfig;
  state: StateLayout;
  dataApi: RedshiftData;
}

/**
 * Applies the setup SQL when it (the values or any setup file) changed since the last time, as
 * the engine's setup record says, or when forced; then records what was applied.
 *
 * @example
 * const { applied, files } = await applySetupOnce({ repositoryRoot, config, state, dataApi });
 */
export async function applySetupOnce(
  target: SetupTarget,
  options: { force?: boolean } = {},
): Promise<{ applied: boolean; files: string[] }> {
  const { repositoryRoot, config, state, dataApi } = target;
  const objects = await setupObjects(repositoryRoot, config);
  const values = {
    sourceS3Uri: config.sourceS3Uri,
    redshiftIamRoleArn: config.redshiftIamRoleArn,
    ...(config.sourceRegion === undefined ? {} : { sourceRegion: config.sourceRegion }),
  };
  const print = fingerprint([
    JSON.stringify(values),
    ...objects.files.flatMap((file) => [file.path, file.sql]),
  ]);
  const previous = (await readSetupRecord(state.setupFingerprint))?.fingerprint;
  const files = objects.files.map((file) => path.relative(repositoryRoot, file.path));
  if (!options.force && previous === print) return { applied: false, files };
  const { applySetup } = await import('@shiftflow/elt-runner');
  await applySetup({
    dataApi,
    files: objects.files.map((file) => ({ name: path.relative(repositoryRoot, file.path), sql: file.sql })),
    values,
  });
  await writeSetupRecord(state.setupFingerprint, { fingerprint: print, files });
  return { applied: true, files };
}
