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

/** What {@link applySetupOnce} applied. */
export interface AppliedSetup {
  applied: boolean;
  /** The files applied, relative to the repository root. */
  files: string[];
  /** Every setup file was applied by this call (a new engine, or `force`). */
  complete: boolean;
}

/** Where {@link applySetupOnce} finds the setup and applies it. */
export interface SetupTarget {
  repositoryRoot: string;
  config: PipelineConfig;
  state: StateLayout;
  dataApi: RedshiftData;
}

/**
 * Applies the setup SQL as migrations (`applyMigrations` of `@shiftflow/elt-runner`, the code the deploy's
 * custom resource runs): when the values or any setup file changed since the last time, as the engine's setup
 * record says, the ledger in the engine decides what to apply: new files, and repeatable files whose SQL
 * changed; a changed applied migration is refused (SetupMigrationChangedError naming it). `force` applies
 * every file again (`--setup`, or a repair when objects are missing), still refusing a changed migration.
 * Returns the files applied, and `complete` when they are all the setup's files: every object the setup
 * creates was created by this call, so a catalog check straight after it has nothing to find.
 *
 * @example
 * const { applied, files } = await applySetupOnce({ repositoryRoot, config, state, dataApi });
 */
export async function applySetupOnce(
  target: SetupTarget,
  options: { force?: boolean } = {},
): Promise<AppliedSetup> {
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
  if (!options.force && previous === print) return { applied: false, files: [], complete: false };
  const { applyMigrations, version } = await import('@shiftflow/elt-runner');
  const result = await applyMigrations({
    dataApi,
    pipelineName: config.name,
    files: objects.files.map((file) => ({ name: path.relative(repositoryRoot, file.path), sql: file.sql })),
    values,
    appliedBy: `shiftflow local (@shiftflow/elt-runner ${version})`,
    reapplyAll: options.force === true,
  });
  await writeSetupRecord(state.setupFingerprint, { fingerprint: print, files });
  const applied = result.applied.map((migration) => path.normalize(migration.file.name));
  return { applied: applied.length > 0, files: applied, complete: applied.length === objects.files.length };
}
