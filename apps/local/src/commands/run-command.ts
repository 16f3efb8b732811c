import { integerOption } from '../cli/parse-command-line';
import { UsageError } from '../errors';
import type { LocalPipeline } from '../pipeline/start-local-pipeline';
import type { CommandContext } from './command-context';
import { ensureSetupApplied } from './ensure-setup-applied';
import { materializedViewRows, openPipeline, printViews } from './open-pipeline';

/** Exit code of a run stopped by Ctrl-C (SIGINT), as shells report it: 128 + 2. */
export const interruptedExitCode = 130;

/**
 * Runs the reconciler once before the run, as `dev` does at its start: announces runs that ended
 * while no notifier listened (a run cut off by `kill -9` ends FAILED on the next start). The
 * notifier's ledger keeps a run from being announced twice. A failing reconciler is reported on
 * stderr and does not keep the run from starting.
 *
 * @example
 * await reconcileBeforeRun(context, pipeline); // "reconciler announced 1 run(s) …" when one was owed
 */
export async function reconcileBeforeRun(
  context: Pick<CommandContext, 'json' | 'stdout' | 'stderr'>,
  pipeline: Pick<LocalPipeline, 'reconcile'>,
): Promise<void> {
  try {
    const announced = await pipeline.reconcile();
    if (announced.length > 0 && !context.json) {
      context.stdout.line(
        `reconciler announced ${announced.length} run(s) whose completion event was missed`,
      );
    }
  } catch (error) {
    context.stderr.line(
      `${context.stderr.style('red', 'reconciler failed:')} ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * `shiftflow run`: one run now; exit code 0 when the statement FINISHED, 130 when Ctrl-C stopped
 * it (no run is started when Ctrl-C comes while the pipeline opens), 1 otherwise.
 */
export async function runCommand(context: CommandContext): Promise<number> {
  const timeoutSeconds = integerOption(context.options, 'timeout', 600, 1);
  let config = await context.config();
  const eltSql = context.options['elt-sql'];
  if (typeof eltSql === 'string') {
    if (eltSql.trim() === '') throw new UsageError('--elt-sql needs SQL, got an empty string');
    config = { ...config, eltSql };
  }
  const reason = typeof context.options.reason === 'string' ? context.options.reason : 'shiftflow run';
  const { pipeline, close } = await openPipeline(context, config, { command: 'run' });
  try {
    if (context.signal.aborted) {
      context.stderr.line('interrupted before the run started');
      return interruptedExitCode;
    }
    await ensureSetupApplied(context, pipeline, context.options.setup === true ? 'force' : 'refuse');
    await reconcileBeforeRun(context, pipeline);
    const result = await pipeline.run(
      { trigger: 'manual', reason },
      { timeoutMs: timeoutSeconds * 1000, signal: context.signal },
    );
    const views = result.status === 'FINISHED' ? await materializedViewRows(context, pipeline) : [];
    if (context.json) {
      context.stdout.line(
        JSON.stringify({ ...result, views }, (_key, value) =>
          typeof value === 'bigint' ? value.toString() : value,
        ),
      );
    } else {
      printViews(context, views);
      if (result.status !== 'FINISHED') {
        context.stderr.line(
          `${context.stderr.style('red', 'run did not finish:')} ${result.status}${result.error ? `: ${result.error}` : ''}`,
        );
      }
    }
    if (result.status === 'FINISHED') return 0;
    return context.signal.aborted ? interruptedExitCode : 1;
  } finally {
    await close();
  }
}
