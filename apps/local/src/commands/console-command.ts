import { once } from 'node:events';
import type { PipelineConfig } from '@shiftflow/events';
import { createRunLauncher } from '../console/run-launcher';
import { startCommandConsole } from '../console/start-command-console';
import { RunHistory } from '../history/run-history';
import { createLocalDataApi } from '../pipeline/create-local-data-api';
import { type EngineLockHolder, engineLockHolder } from '../state/engine-lock';
import type { CommandContext } from './command-context';
import { integerOption } from './command-options';
import { ensureSetupApplied } from './ensure-setup-applied';
import { openPipeline } from './open-pipeline';

/** Serves until Ctrl-C, then stops the console. */
async function serveUntilStopped(
  context: CommandContext,
  close: (() => Promise<void>) | undefined,
  note: string,
) {
  const out = context.stderr;
  try {
    out.line(out.style('dim', `${note}; Ctrl-C stops`));
    if (!context.signal.aborted) await once(context.signal, 'abort');
    out.line('stopping…');
  } finally {
    await close?.();
  }
}

/**
 * The console beside another shiftflow process that has the state folder's engine open (`dev`,
 * `serve`, `run`): it reads the same state folder and sends SQL to that process's Data API
 * endpoint; Run now is refused (that process owns the engine and its runs).
 */
async function attachedConsole(
  context: CommandContext,
  port: number,
  config: PipelineConfig,
  holder: EngineLockHolder & { endpoint: string },
) {
  const owner = `"shiftflow ${holder.command}" (pid ${holder.pid})`;
  const server = await startCommandConsole(
    context,
    {
      config,
      history: new RunHistory(context.state().history),
      dataApi: createLocalDataApi(holder.endpoint, config.target),
    },
    {
      port,
      scheduleActive: false,
      runLauncher: undefined,
      runUnavailableReason: `the local Redshift is open in ${owner}: start runs there (shiftflow dev prints its own console), or stop it and start shiftflow console again`,
      required: true,
    },
  );
  await serveUntilStopped(
    context,
    () => server?.close() ?? Promise.resolve(),
    `beside ${owner} at ${holder.endpoint}: Run now is off here, data and SQL go to its endpoint`,
  );
  return 0;
}

/**
 * `shiftflow console`: the local console over the state folder without the schedule. With no other
 * shiftflow process on the folder it opens the pipeline as `shiftflow run` does, and Run now runs
 * it once through the same code as `shiftflow run`. Beside a running `dev`, `serve` or `run` it uses
 * that process's Data API endpoint and refuses Run now. Ctrl-C stops.
 */
export async function consoleCommand(context: CommandContext): Promise<number> {
  const port = integerOption(context.options, 'port', 0, 0, 65535);
  const config = await context.config();
  const holder = await engineLockHolder(await context.ensureState());
  if (holder?.endpoint !== undefined)
    return attachedConsole(context, port, config, { ...holder, endpoint: holder.endpoint });
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
      port,
      scheduleActive: false,
      runLauncher,
      required: true,
    });
    await serveUntilStopped(
      context,
      () => server?.close() ?? Promise.resolve(),
      'the schedule does not run here (shiftflow dev runs it)',
    );
    return 0;
  } finally {
    await close();
  }
}
