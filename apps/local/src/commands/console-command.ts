import { once } from 'node:events';
import { createRunLauncher } from '../console/run-launcher';
import { startCommandConsole } from '../console/start-command-console';
import type { CommandContext } from './command-context';
import { ensureSetupApplied } from './ensure-setup-applied';
import { openPipeline } from './open-pipeline';

/**
 * `shiftflow console`: the local console over the state folder without the schedule. It opens the
 * pipeline as `shiftflow run` does (so it needs the state folder's engine: stop a running `dev`
 * first, or use the console that `dev` printed), and Run now runs the pipeline once through the
 * same code as `shiftflow run`. Ctrl-C stops.
 */
export async function consoleCommand(context: CommandContext): Promise<number> {
  const config = await context.config();
  const { pipeline, close } = await openPipeline(context, config, { command: 'console' });
  const out = context.stderr;
  const runLauncher = createRunLauncher(async () => {
    try {
      await ensureSetupApplied(context, pipeline, 'repair');
      return await pipeline.run(
        { trigger: 'manual', reason: 'shiftflow console: Run now' },
        { signal: context.signal },
      );
    } catch (error) {
      // Told on the terminal as dev tells a failed run; the console's request gets the error too.
      out.line(`${out.style('red', 'error:')} ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  });
  try {
    const server = await startCommandConsole(context, pipeline, {
      portOption: 'port',
      scheduleActive: false,
      runLauncher,
      required: true,
    });
    try {
      out.line(out.style('dim', 'the schedule does not run here (shiftflow dev runs it); Ctrl-C stops'));
      if (!context.signal.aborted) await once(context.signal, 'abort');
      out.line('stopping…');
    } finally {
      await server?.close();
    }
    return 0;
  } finally {
    await close();
  }
}
