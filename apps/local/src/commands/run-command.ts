import { UsageError } from '../errors';
import { escapeControlCharacters, formatJson } from '../output/escape-control-characters';
import type { LocalPipeline } from '../pipeline/start-local-pipeline';
import { activeStatements } from './active-statements';
import type { CommandContext } from './command-context';
import { integerOption } from './command-options';
import { ensureSetupApplied } from './ensure-setup-applied';
import { exitCodes } from './exit-codes';
import { materializedViewRows, openPipeline, printViews } from './open-pipeline';
import { runExitCode } from './run-exit-code';
import { closingEarlyEngine, type EarlyEngine } from './start-engine-early';

/** Exit code of a run stopped by Ctrl-C (SIGINT), as shells report it: 128 + 2. */
export const interruptedExitCode = exitCodes.interrupted;

/**
 * Runs the reconciler once beside the run, as `dev` does at its start: announces runs that ended
 * while no notifier listened (a run cut off by `kill -9` ends FAILED on the next start). The
 * notifier's ledger keeps a run from being announced twice, also when the reconciler and this run's
 * notifier work at the same time (the ledger's claims are atomic, as DynamoDB's conditional writes
 * are on AWS). A failing reconciler is reported on stderr and does not keep the run from starting;
 * it resolves `false` then, so the command does not exit 0.
 *
 * @example
 * const reconciled = await reconcileMissedRuns(context, pipeline); // "reconciler announced 1 run(s) …" when one was owed
 */
export async function reconcileMissedRuns(
  context: Pick<CommandContext, 'json' | 'stderr'>,
  pipeline: Pick<LocalPipeline, 'reconcile'>,
): Promise<boolean> {
  try {
    const announced = await pipeline.reconcile();
    if (announced.length > 0 && !context.json) {
      context.stderr.line(
        `reconciler announced ${announced.length} run(s) whose completion event was missed`,
      );
    }
    return true;
  } catch (error) {
    context.stderr.line(
      `${context.stderr.style('red', 'reconciler failed:')} ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}

/**
 * The materialized views to print after a FINISHED run, or none (and why) when the engine is busy
 * with another client's statement: its single session would run that first, and `run` would wait
 * for someone else's query before it could exit.
 */
async function viewsAfterRun(
  context: CommandContext,
  pipeline: LocalPipeline,
): Promise<{ views: Awaited<ReturnType<typeof materializedViewRows>>; skipped?: string }> {
  const busy = await activeStatements(pipeline.dataApi);
  if (busy.length > 0) {
    return {
      views: [],
      skipped: `views not shown: the local Redshift is busy with ${busy.length} statement(s) of another client (${busy[0]!.id}); see them with shiftflow query once it is free`,
    };
  }
  return { views: await materializedViewRows(context, pipeline) };
}

/**
 * `shiftflow run`: one run now; exit code (see `runExitCode`) 0 when the statement FINISHED and was
 * announced, 130 when Ctrl-C stopped it (no run is started when Ctrl-C comes while the pipeline
 * opens), 1 otherwise. Failures are printed on stderr, also with `--json`.
 */
export function runCommand(context: CommandContext, early?: EarlyEngine): Promise<number> {
  return closingEarlyEngine(early, () => runWithPipeline(context, early));
}

async function runWithPipeline(context: CommandContext, early: EarlyEngine | undefined): Promise<number> {
  const timeoutSeconds = integerOption(context.options, 'timeout', 600, 1);
  let config = await context.config();
  const eltSql = context.options['elt-sql'];
  if (typeof eltSql === 'string') {
    if (eltSql.trim() === '') throw new UsageError('--elt-sql needs SQL, got an empty string');
    config = { ...config, eltSql };
  }
  const reason = typeof context.options.reason === 'string' ? context.options.reason : 'shiftflow run';
  const { pipeline, setupAppliedInFull, close } = await openPipeline(
    context,
    config,
    { command: 'run' },
    early,
  );
  try {
    if (context.signal.aborted) {
      context.stderr.line('interrupted before the run started');
      return interruptedExitCode;
    }
    // The reconciler (runs whose completion event was missed) works beside the setup check and the run
    // instead of before them: its function's bundle loads while the run starts, and the run's own
    // announcement does not wait for an earlier run's. It reports its own failure and resolves false.
    const reconciling = reconcileMissedRuns(context, pipeline);
    let result: Awaited<ReturnType<LocalPipeline['run']>>;
    try {
      // Just applied in full (a new state folder): its objects were created a moment ago, nothing to look up.
      if (context.options.setup === true || !setupAppliedInFull) {
        await ensureSetupApplied(context, pipeline, context.options.setup === true ? 'force' : 'refuse');
      }
      result = await pipeline.run(
        { trigger: 'manual', reason },
        { timeoutMs: timeoutSeconds * 1000, signal: context.signal },
      );
    } finally {
      // Never left running while the pipeline closes, also when the setup check or the run failed.
      await reconciling;
    }
    const reconciled = await reconciling;
    const { views, skipped } =
      result.status === 'FINISHED' && !context.signal.aborted
        ? await viewsAfterRun(context, pipeline)
        : { views: [] };
    if (context.json) {
      context.stdout.line(formatJson({ ...result, views, ...(skipped ? { viewsSkipped: skipped } : {}) }));
    } else {
      printViews(context, views);
      if (skipped) context.stderr.line(skipped);
    }
    const problem = (label: string, text: string) =>
      context.stderr.line(`${context.stderr.style('red', label)} ${escapeControlCharacters(text)}`);
    if (result.status !== 'FINISHED') {
      problem('run did not finish:', `${result.status}${result.error ? `: ${result.error}` : ''}`);
    }
    if (result.notificationError !== undefined) {
      problem('run not announced:', `its notification could not be published: ${result.notificationError}`);
    }
    return runExitCode({
      result,
      interrupted: context.signal.aborted,
      reconcilerFailed: !reconciled,
    });
  } finally {
    await close();
  }
}
