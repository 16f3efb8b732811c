import { once } from 'node:events';
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { formatDuration } from '../output/format-duration';
import type { RunResult } from '../pipeline/start-local-pipeline';
import { parseScheduleExpression, Scheduler } from '../scheduler';
import type { CommandContext } from './command-context';
import { materializedViewRows, openPipeline, printViews } from './open-pipeline';

/**
 * `shiftflow dev`: the whole pipeline locally. Runs once at once (unless `--no-first-run`), then on
 * the configured schedule; re-applies the setup when a file in its folders changes; Ctrl-C stops.
 */
export async function devCommand(context: CommandContext): Promise<number> {
  const config = await context.config();
  const { pipeline, close } = await openPipeline(context, config, { command: 'dev' });
  const out = context.stdout;
  const watchers: FSWatcher[] = [];
  let scheduler: Scheduler | undefined;
  // Runs and setup changes go one at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    queue = queue.then(work).catch((error: unknown) => {
      out.line(`${out.style('red', 'error:')} ${error instanceof Error ? error.message : String(error)}`);
    });
    return queue;
  };
  const schedule = parseScheduleExpression(config.schedule.expression, config.schedule.timeZone);
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
  const afterRun = async (result: RunResult) => {
    if (context.json) {
      out.line(JSON.stringify(result));
      return;
    }
    if (result.status === 'FINISHED') printViews(context, await materializedViewRows(context, pipeline));
    printNextRun();
  };
  try {
    await enqueue(async () => {
      const announced = await pipeline.reconcile();
      if (announced.length > 0 && !context.json) {
        out.line(`reconciler announced ${announced.length} run(s) whose completion event was missed`);
      }
    });
    if (context.options['no-first-run'] !== true) {
      await enqueue(async () =>
        afterRun(
          await pipeline.run(
            { trigger: 'manual', reason: 'shiftflow dev: first run' },
            { signal: context.signal },
          ),
        ),
      );
    } else printNextRun();

    scheduler = new Scheduler({
      name: `${config.name}-schedule`,
      expression: config.schedule.expression,
      timeZone: config.schedule.timeZone,
    });
    scheduler.start(({ payload }) =>
      enqueue(async () =>
        afterRun(await pipeline.run({ trigger: 'schedule', payload }, { signal: context.signal })),
      ),
    );

    const directories = [
      ...new Set(config.setupFiles.map((file) => path.dirname(path.resolve(context.repositoryRoot(), file)))),
    ];
    let debounce: NodeJS.Timeout | undefined;
    for (const directory of directories) {
      watchers.push(
        watch(directory, (_event, file: string | null) => {
          if (file && !String(file).endsWith('.sql')) return;
          clearTimeout(debounce);
          debounce = setTimeout(() => {
            void enqueue(async () => {
              const started = performance.now();
              try {
                const setup = await pipeline.applySetup();
                if (setup.applied) {
                  out.line(
                    `re-applied setup ${setup.files.join(', ')} in ${formatDuration(performance.now() - started)}`,
                  );
                }
              } catch (error) {
                out.line(
                  `${out.style('red', 'setup failed:')} ${error instanceof Error ? error.message : String(error)}; fix the SQL and save again`,
                );
              }
            });
          }, 300);
        }),
      );
    }
    if (!context.signal.aborted) await once(context.signal, 'abort');
    out.line('stopping…');
    return 0;
  } finally {
    scheduler?.stop();
    for (const watcher of watchers) watcher.close();
    await queue;
    await close();
  }
}
