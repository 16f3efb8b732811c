import { setupObjects } from '../config/setup-objects';
import { SeedError } from '../errors';
import { formatJson } from '../output/escape-control-characters';
import { formatDuration } from '../output/format-duration';
import { defaultSampleRows, type SampleData, writeSampleData } from '../seed/write-sample-data';
import { localS3Path } from '../state/state-layout';
import type { CommandContext } from './command-context';
import { integerOption } from './command-options';

/**
 * Writes the sample trips for the configuration's source S3 URI into local S3, in the column
 * order of the table the setup SQL loads.
 *
 * @example
 * await seedSample(context, { rows: 20_000 });
 */
export async function seedSample(
  context: CommandContext,
  options: { rows: number; seed?: number; parts?: number; gzip?: boolean },
): Promise<SampleData & { directory: string; columns: string[] }> {
  const config = await context.config();
  const objects = await setupObjects(context.repositoryRoot(), config);
  if (!objects.loadTable) {
    throw new SeedError(
      `the setup files (${config.setupFiles.join(', ') || 'none'}) create no table that a COPY loads, so the sample's columns are unknown`,
      config.setupFiles,
    );
  }
  const state = await context.ensureState();
  const directory = localS3Path(state.s3, config.sourceS3Uri);
  const data = await writeSampleData({ directory, columns: objects.loadTable.columns, ...options });
  return { ...data, directory, columns: objects.loadTable.columns };
}

/** `shiftflow seed`: writes deterministic synthetic trips into local S3. */
export async function seedCommand(context: CommandContext): Promise<number> {
  const started = performance.now();
  const rows = integerOption(context.options, 'rows', defaultSampleRows, 1, 100_000_000);
  const seed = integerOption(context.options, 'seed', 2015, 0, 2 ** 32 - 1);
  const parts = integerOption(context.options, 'parts', 4, 1, 9999);
  const gzip = context.options.gzip === true;
  // Progress on stderr (a live line on a TTY): a large sample takes a while, and stdout keeps the result.
  if (!context.json) {
    context.stderr.status(`writing ${rows.toLocaleString('en-US')} trips in ${parts} part files…`);
  }
  const data = await seedSample(context, { rows, seed, parts, gzip });
  const elapsedMs = performance.now() - started;
  if (context.json) {
    context.stdout.line(formatJson({ ...data, seed, elapsedMs: Math.round(elapsedMs) }));
    return 0;
  }
  const bytes = data.files.reduce((total, file) => total + file.fileBytes, 0);
  context.stdout.line(
    `Wrote ${rows.toLocaleString('en-US')} trips (seed ${seed}) in ${data.files.length} part files, ` +
      `${(bytes / 1024 / 1024).toFixed(1)} MiB, in ${formatDuration(elapsedMs)}:`,
  );
  context.stdout.line(`  ${data.files[0]?.path ?? data.directory}${data.files.length > 1 ? ' …' : ''}`);
  if (gzip) context.stdout.line('  gzip-compressed: the COPY that loads them needs the GZIP option');
  context.stdout.line(`  columns: ${data.columns.join('|')}`);
  return 0;
}
