import { once } from 'node:events';
import path from 'node:path';
import { createRunLauncher } from '../console/run-launcher';
import { startCommandConsole } from '../console/start-command-console';
import type { ConsoleServer } from '../console/start-console-server';
import { Scheduler } from '../scheduler';
import type { CommandContext } from './command-context';
import { integerOption } from './command-options';
import { devRuns } from './dev-runs';
import { ensureSetupApplied } from './ensure-setup-applied';
import { openPipeline } from './open-pipeline';
import { reapplySetup } from './reapply-setup';
import { scheduleNotices } from './schedule-notices';
import { closingEarlyEngine, type EarlyEngine } from './start-engine-early';
import { type SetupFolderWatch, watchSetupFolders } from './watch-setup-folders';
import { WorkQueue } from './work-queue';

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
  // Progress, warnings and errors go to stderr; stdout carries the results: each run's views
  // (or, with --json, one JSON document per run, one per line).
  const out = context.stderr;
  // Before the pipeline opens: a schedule it cannot read then leaves nothing open.
  const notices = scheduleNotices(out, config.schedule);
  const { pipeline, close } = await openPipeline(context, config, { command: 'dev' }, early);
  let watching: SetupFolderWatch | undefined;
  let scheduler: Scheduler | undefined;
  let reconcileScheduler: Scheduler | undefined;
  let consoleServer: ConsoleServer | undefined;
  // Runs and setup changes go one at a time, in order.
  const queue = new WorkQueue((error) => {
    out.line(`${out.style('red', 'error:')} ${error instanceof Error ? error.message : String(error)}`);
  });
  const runs = devRuns(context, pipeline, notices.printNextRun);
  try {
    // Watched from the start, so a save during the first run is applied after it.
    const directories = [
      ...new Set(config.setupFiles.map((file) => path.dirname(path.resolve(context.repositoryRoot(), file)))),
    ];
    watching = watchSetupFolders({
      directories,
      onChange: () => void queue.enqueue(() => reapplySetup(context, pipeline)),
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
          queue.enqueue(() => runs.run({ trigger: 'manual', reason: 'shiftflow console: Run now' })),
        ),
        required: false,
      });
    }
    notices.warnIfNeverFires();
    if (context.options.setup === true)
      await queue.enqueue(() => ensureSetupApplied(context, pipeline, 'force'));
    await queue.enqueue(runs.reconcile);
    // Ctrl-C while the pipeline was opening: stop without starting a run.
    if (context.options['no-first-run'] !== true && !context.signal.aborted) {
      await queue.enqueue(() => runs.run({ trigger: 'manual', reason: 'shiftflow dev: first run' }));
    } else if (!context.signal.aborted) notices.printNextRun();

    if (!context.signal.aborted) {
      scheduler = new Scheduler({
        name: `${config.name}-schedule`,
        expression: config.schedule.expression,
        timeZone: config.schedule.timeZone,
        input: runnerScheduleInput,
      });
      scheduler.start(({ payload }) => queue.enqueue(() => runs.run({ trigger: 'schedule', payload })));
      // Events can get lost on AWS too: the reconciler sweeps on its own schedule, as deployed.
      reconcileScheduler = new Scheduler({
        name: `${config.name}-reconcile`,
        expression: reconcileExpression,
      });
      reconcileScheduler.start(() => queue.enqueue(runs.reconcile));
    }
    if (!context.signal.aborted) await once(context.signal, 'abort');
    out.line('stopping…');
    return 0;
  } finally {
    scheduler?.stop();
    reconcileScheduler?.stop();
    watching?.close();
    await consoleServer?.close();
    await queue.settled;
    await close();
  }
}
