import { formatJson } from '../output/escape-control-characters';
import type { LocalPipeline, RunRequest } from '../pipeline/start-local-pipeline';
import type { CommandContext } from './command-context';
import { ensureSetupApplied } from './ensure-setup-applied';
import { materializedViewRows, printViews } from './open-pipeline';

/** The work `dev` queues: a run with its report, and a reconciler sweep. */
export interface DevRuns {
  /** Repairs the setup, runs the pipeline once (stopped by the command's signal) and reports the result. */
  run(request: RunRequest): Promise<void>;
  /** Runs the reconciler once and says how many runs it announced. */
  reconcile(): Promise<void>;
}

/**
 * The runs of `shiftflow dev`. Before a run, a table, view or procedure of the setup dropped by hand
 * is created again, and said so; after it, its views (or, with --json, one JSON document a line) go
 * to stdout and the next scheduled run to stderr.
 *
 * @example
 * const runs = devRuns(context, pipeline, notices.printNextRun);
 * await queue.enqueue(() => runs.run({ trigger: 'manual', reason: 'shiftflow dev: first run' }));
 */
export function devRuns(context: CommandContext, pipeline: LocalPipeline, printNextRun: () => void): DevRuns {
  return {
    async run(request) {
      await ensureSetupApplied(context, pipeline, 'repair');
      const result = await pipeline.run(request, { signal: context.signal });
      if (context.json) {
        context.stdout.line(formatJson(result));
        return;
      }
      // A run cut short by Ctrl-C: dev is stopping, there is no next run to announce.
      if (context.signal.aborted) return;
      if (result.status === 'FINISHED') printViews(context, await materializedViewRows(context, pipeline));
      printNextRun();
    },
    async reconcile() {
      const announced = await pipeline.reconcile();
      if (announced.length > 0 && !context.json) {
        context.stderr.line(
          `reconciler announced ${announced.length} run(s) whose completion event was missed`,
        );
      }
    },
  };
}
