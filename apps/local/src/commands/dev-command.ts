import { once } from 'node:events';
import path from 'node:path';
import { createRunLauncher } from '../console/run-launcher';
import { startCommandConsole } from '../console/start-command-console';
import type { ConsoleServer } from '../console/start-console-server';
import { formatJson } from '../output/escape-control-characters';
import { formatDuration } from '../output/format-duration';
import type { RunResult } from '../pipeline/start-local-pipeline';
import { neverFiresReason, parseScheduleExpression, Scheduler } from '../scheduler';
import type { CommandContext } from './command-context';
import { integerOption } from './command-options';
import { ensureSetupApplied } from './ensure-setup-applied';
import { materializedViewRows, openPipeline, printViews } from './open-pipeline';
import { closingEarlyEngine, type EarlyEngine } from './start-engine-early';
import { type SetupFolderWatch, watchSetupFolders } from './watch-setup-folders';

/**
 * The runner schedule's target input, as the deployed schedule sends it (apps/infra `RunSchedule`),
 * so the runner sees the same event locally.
 */
export const runnerScheduleInput = JSON.stringify({
  source: 'shiftflow.scheduler',
  scheduledTime: '<aws.scheduler.scheduled-time>',
  scheduleArn: '<aws.scheduler.schedule-arn>',
  executionId: '<aws.scheduler.execution-id>',
  attemptNumber: '<aws.scheduler.attempt-number>',
});

/** How often `dev` runs the reconciler, as the deployed reconcile schedule does by default. */
export const reconcileExpression = 'rate(15 minutes)';

/**
 * `shiftflow dev`: the whole pipeline locally. Runs once at once (unless `--no-first-run`), then on
 * the configured schedule; re-applies the setup when a file in its folders changes; Ctrl-C stops.
 */
export function devCommand(context: CommandContext, early?: EarlyEngine): Promise<number> {
  return closingEarlyEngine(early, () => devWithEngine(context, early));
}

async function devWithEngine(context: CommandContext, early: EarlyEngine | undefined): Promise<number> {
  const consolePort = integerOption(context.options, 'console-port', 0, 0, 65535);
  const config = await context.config();
  const { pipeline, close } = await openPipeline(context, config, { command: 'dev' }, early);
  // Progress, warnings and errors go to stderr; stdout carries the results: each run's views
  // (or, with --json, one JSON document per run, one per line).
  const out = context.stderr;
  let watching: SetupFolderWatch | undefined;
  let scheduler: Scheduler | undefined;
  let reconcileScheduler: Scheduler | undefined;
  let consoleServer: ConsoleServer | undefined;
  // Runs and setup changes go one at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    queue = queue.then(work).catch((error: unknown) => {
      out.line(`${out.style('red', 'error:')} ${error instanceof Error ? error.message : String(error)}`);
    });
    return queue;
  };
  const schedule = parseScheduleExpression(config.schedule.expression, config.schedule.timeZone);
  // Before a run: a table, view or procedure of the setup dropped by hand is created again, and said so.
  const runPipeline = async (...request: Parameters<typeof pipeline.run>) => {
    await ensureSetupApplied(context, pipeline, 'repair');
    return pipeline.run(...request);
  };
  const printNextRun = () => {
    const next = schedule.nextRuns(new Date(), 1)[0];
    if (next) {
      out.line(
        out.style(
          'dim',
          `next scheduled run ${next.toISOString()} (${config.schedule.expression}, ${config.schedule.timeZone}); Ctrl-C stops`,
        ),
      );
    }
  };
  const warnIfNeverFires = () => {
    const reason = neverFiresReason(schedule, new Date());
    if (reason !== undefined) {
      out.line(
        `${out.style('yellow', 'warning:')} ${reason}, so dev will not run the pipeline on its schedule; fix schedule.expression in the pipeline config`,
      );
    }
  };
  const afterRun = async (result: RunResult) => {
    if (context.json) {
      context.stdout.line(formatJson(result));
      return;
    }
    // A run cut short by Ctrl-C: dev is stopping, there is no next run to announce.
    if (context.signal.aborted) return;
    if (result.status === 'FINISHED') printViews(context, await materializedViewRows(context, pipeline));
    printNextRun();
  };
  const reconcile = async () => {
    const announced = await pipeline.reconcile();
    if (announced.length > 0 && !context.json) {
      out.line(`reconciler announced ${announced.length} run(s) whose completion event was missed`);
    }
  };
  try {
    // Watched from the start, so a save during the first run is applied after it.
    const directories = [
      ...new Set(config.setupFiles.map((file) => path.dirname(path.resolve(context.repositoryRoot(), file)))),
    ];
    watching = watchSetupFolders({
      directories,
      onChange: () => {
        void enqueue(async () => {
          const started = performance.now();
          try {
            const setup = await pipeline.applySetup();
            if (setup.applied) {
              out.line(
                `re-applied setup ${setup.files.join(', ')} in ${formatDuration(performance.now() - started)}`,
              );
            } else await ensureSetupApplied(context, pipeline, 'repair');
          } catch (error) {
            out.line(
              `${out.style('red', 'setup failed:')} ${error instanceof Error ? error.message : String(error)}; fix the SQL and save again`,
            );
          }
        });
      },
      onError: (error, directory) => {
        out.line(
          `${out.style('red', 'error:')} stopped watching ${path.relative(context.repositoryRoot(), directory) || '.'}: ${error.message}`,
        );
      },
    });

    // The console (issue 14): Run now goes through the same queue as the schedule's runs.
    if (context.options['no-console'] !== true && !context.signal.aborted) {
      consoleServer = await startCommandConsole(context, pipeline, {
        port: consolePort,
        scheduleActive: true,
        runLauncher: createRunLauncher(() =>
          enqueue(async () =>
            afterRun(
              await runPipeline(
                { trigger: 'manual', reason: 'shiftflow console: Run now' },
                { signal: context.signal },
              ),
            ),
          ),
        ),
        required: false,
      });
    }
    warnIfNeverFires();
    if (context.options.setup === true) await enqueue(() => ensureSetupApplied(context, pipeline, 'force'));
    await enqueue(reconcile);
    // Ctrl-C while the pipeline was opening: stop without starting a run.
    if (context.options['no-first-run'] !== true && !context.signal.aborted) {
      await enqueue(async () =>
        afterRun(
          await runPipeline(
            { trigger: 'manual', reason: 'shiftflow dev: first run' },
            { signal: context.signal },
          ),
        ),
      );
    } else if (!context.signal.aborted) printNextRun();

    if (!context.signal.aborted) {
      scheduler = new Scheduler({
        name: `${config.name}-schedule`,
        expression: config.schedule.expression,
        timeZone: config.schedule.timeZone,
        input: runnerScheduleInput,
      });
      scheduler.start(({ payload }) =>
        enqueue(async () =>
          afterRun(await runPipeline({ trigger: 'schedule', payload }, { signal: context.signal })),
        ),
      );
      // Events can get lost on AWS too: the reconciler sweeps on its own schedule, as deployed.
      reconcileScheduler = new Scheduler({
        name: `${config.name}-reconcile`,
        expression: reconcileExpression,
      });
      reconcileScheduler.start(() => enqueue(reconcile));
    }
    if (!context.signal.aborted) await once(context.signal, 'abort');
    out.line('stopping…');
    return 0;
  } finally {
    scheduler?.stop();
    reconcileScheduler?.stop();
    watching?.close();
    await consoleServer?.close();
    await queue;
    await close();
  }
}
