import path from 'node:path';
import { type CatalogQuery, findMissingSetupObjects } from '../config/find-missing-setup-objects';
import { type SetupObject, setupObjects } from '../config/setup-objects';
import { LocalAppError } from '../errors';
import { formatDuration } from '../output/format-duration';
import type { LocalPipeline } from '../pipeline/start-local-pipeline';
import type { CommandContext } from './command-context';

/**
 * Setup objects (tables, views, procedures) the engine lacks although the setup is recorded as applied
 * (`engine-setup.json` in the state folder): dropped by hand, so every run would fail until setup runs again.
 */
export class SetupObjectsMissingError extends LocalAppError {
  readonly missing: readonly SetupObject[];

  constructor(missing: readonly SetupObject[], fix: string) {
    super(
      'SETUP_OBJECTS_MISSING',
      `${describeMissing(missing)} missing from the local Redshift, though the setup is recorded as applied; ${fix}`,
    );
    this.missing = missing;
  }
}

/** "table nyc_yellow_taxi (sql/setup/001_nyc_yellow_taxi.sql) is" — the objects and the files that create them. */
export function describeMissing(missing: readonly SetupObject[]): string {
  const list = missing.map((object) => `${object.kind} ${object.name} (${object.file})`).join(', ');
  return `${list} ${missing.length === 1 ? 'is' : 'are'}`;
}

/**
 * What to do when setup objects are missing: `force` applies the setup again whatever the check says
 * (`--setup`), `repair` applies it again only when something is missing (`dev`), `refuse` throws
 * `SetupObjectsMissingError` naming the objects and the `--setup` flag (`run`).
 */
export type MissingSetupPolicy = 'force' | 'repair' | 'refuse';

/**
 * Before a run: checks that every table, view and procedure of the setup exists, and applies the setup
 * again when asked to or when `policy` says so, printing what it did.
 *
 * @throws SetupObjectsMissingError with `policy` `refuse` when an object is missing.
 * @example
 * await ensureSetupApplied(context, pipeline, context.options.setup === true ? 'force' : 'refuse');
 */
export async function ensureSetupApplied(
  context: Pick<CommandContext, 'json' | 'stderr' | 'repositoryRoot'>,
  pipeline: Pick<LocalPipeline, 'applySetup'> & {
    config: { setupFiles: readonly string[] };
    dataApi: CatalogQuery;
  },
  policy: MissingSetupPolicy,
  retryHint = 'run "shiftflow run --setup" to apply the setup again',
): Promise<void> {
  const say = (text: string) => {
    if (!context.json) context.stderr.line(text);
  };
  let reason = 'as asked (--setup)';
  if (policy !== 'force') {
    const objects = await setupObjects(context.repositoryRoot(), pipeline.config);
    const missing = await findMissingSetupObjects(pipeline.dataApi, objects.created);
    if (missing.length === 0) return;
    if (policy === 'refuse') throw new SetupObjectsMissingError(missing, retryHint);
    reason = `because ${describeMissing(missing)} missing`;
  }
  const started = performance.now();
  const setup = await pipeline.applySetup({ force: true });
  say(
    `re-applied setup ${setup.files.map((file) => path.normalize(file)).join(', ')} ${reason} in ${formatDuration(performance.now() - started)}`,
  );
}
