import path from 'node:path';
import type { PipelineConfig } from '@shiftflow/events';
import { setupObjects } from '../config/setup-objects';
import { formatDuration } from '../output/format-duration';
import { formatTable, type TableCell } from '../output/format-table';
import { createRunReporter, type RunReporter } from '../output/run-reporter';
import {
  type LocalPipeline,
  type LocalPipelineOptions,
  startLocalPipeline,
} from '../pipeline/start-local-pipeline';
import { defaultSampleRows } from '../seed/write-sample-data';
import { explainEngineError } from '../state/explain-engine-error';
import type { CommandContext } from './command-context';
import { integerOption, urlOption } from './command-options';
import type { EarlyEngine } from './start-engine-early';

/** A started pipeline with its reporter, ready to run. */
export interface OpenedPipeline {
  pipeline: LocalPipeline;
  reporter: RunReporter | undefined;
  /**
   * Every setup file was applied while the pipeline opened (a new engine): the objects they create were
   * just made, so a command need not look them up in the catalog before its first run.
   */
  setupAppliedInFull: boolean;
  close(): Promise<void>;
}

/**
 * Starts the local pipeline for `run` and `dev`: settles runs an earlier session left open,
 * applies the setup SQL if it changed, and generates the sample on first use, printing each step.
 *
 * @example
 * const { pipeline, close } = await openPipeline(context, config);
 */
export async function openPipeline(
  context: CommandContext,
  config: PipelineConfig,
  extra: Partial<LocalPipelineOptions> = {},
  early?: EarlyEngine,
): Promise<OpenedPipeline> {
  const smtp = urlOption(context.options, 'smtp', ['smtp:', 'smtps:']);
  const webhook = urlOption(context.options, 'webhook', ['http:', 'https:']);
  const rows = integerOption(context.options, 'rows', defaultSampleRows, 1, 100_000_000);
  const state = await context.ensureState();
  // Progress and notifications go to stderr: stdout carries only the results (the views' tables,
  // or the one JSON document of --json), so `shiftflow run > result.txt` keeps just those.
  const progress = context.stderr;
  const reporter = context.json ? undefined : createRunReporter(progress, { verbose: context.verbose });
  const say = (text: string) => {
    if (!context.json) progress.line(text);
  };
  const started = performance.now();
  // The first start of a state folder creates the database (several seconds on a busy machine).
  progress.status('starting the local Redshift and SNS…');
  const pipeline = await startLocalPipeline({
    repositoryRoot: context.repositoryRoot(),
    config,
    state,
    ...(reporter ? { onProgress: reporter.onProgress, notificationStream: progress.stream } : {}),
    ...(smtp ? { smtp } : {}),
    ...(webhook ? { webhook } : {}),
    // Written while the engine opens (see startLocalPipeline); reported below as before.
    sampleRows: rows,
    ...extra,
    ...(early ? { engine: early.handOver() } : {}),
  }).catch((error: unknown) => {
    reporter?.stop();
    throw explainEngineError(state, error);
  });
  const close = async () => {
    reporter?.stop();
    await pipeline.close();
  };
  try {
    const relativeState = path.relative(process.cwd(), state.root) || '.';
    say(
      `${progress.style('bold', `shiftflow ${config.name}`)}  local Redshift ${pipeline.redshift.endpoint}, SNS ${pipeline.snsEndpoint}, state ${relativeState} ${progress.style('dim', `(${formatDuration(performance.now() - started)})`)}`,
    );
    const resolved = await pipeline.resolveUnfinishedRuns();
    if (resolved > 0) say(`settled ${resolved} run(s) left open by an earlier session (see shiftflow runs)`);
    const setupStarted = performance.now();
    const setup = await pipeline.applySetup();
    if (setup.applied) {
      say(`applied setup ${setup.files.join(', ')} in ${formatDuration(performance.now() - setupStarted)}`);
    }
    const seedStarted = performance.now();
    if (!context.json)
      progress.status(`generating sample data (${rows.toLocaleString('en-US')} trips) if missing…`);
    const sample = await pipeline.ensureSampleData(rows);
    if (sample) {
      say(
        `generated sample data: ${sample.rows.toLocaleString('en-US')} trips in ${sample.files.length} files under ${config.sourceS3Uri} in ${formatDuration(performance.now() - seedStarted)}`,
      );
    }
    return { pipeline, reporter, setupAppliedInFull: setup.complete, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The rows of the setup's materialized views, ordered by their first column. */
export async function materializedViewRows(
  context: CommandContext,
  pipeline: LocalPipeline,
): Promise<{ view: string; rows: Record<string, TableCell>[] }[]> {
  const objects = await setupObjects(context.repositoryRoot(), pipeline.config);
  const views: { view: string; rows: Record<string, TableCell>[] }[] = [];
  for (const view of objects.materializedViews) {
    views.push({
      view,
      rows: await pipeline.dataApi.query<Record<string, TableCell>>(`SELECT * FROM ${view} ORDER BY 1`),
    });
  }
  return views;
}

/** Prints materialized views as tables. */
export function printViews(
  context: CommandContext,
  views: { view: string; rows: Record<string, TableCell>[] }[],
): void {
  for (const { view, rows } of views) {
    context.stdout.line();
    context.stdout.line(context.stdout.style('bold', view));
    context.stdout.line(formatTable(rows));
  }
}
