import type { CommandContext } from '../commands/command-context';
import type { LocalPipeline } from '../pipeline/start-local-pipeline';
import { ConsoleAssetsMissingError } from './errors';
import { openConsole } from './open-console';
import type { RunLauncher } from './run-launcher';
import type { ConsoleServer } from './start-console-server';

/**
 * Starts the console of `dev` or `console` over the command's opened pipeline (or, for a console
 * beside another shiftflow process, its Data API endpoint and the state folder's history) and prints its URL
 * (`console: http://127.0.0.1:<port>/?token=…`) on stderr, the progress stream. With `required`
 * false (dev), a page that was not built is a warning and the command goes on without a console.
 *
 * @throws ConsoleAssetsMissingError when `required` and the page was not built.
 * @example
 * const console = await startCommandConsole(context, pipeline, { port: 0, scheduleActive: true, runLauncher, required: false });
 */
export async function startCommandConsole(
  context: CommandContext,
  pipeline: Pick<LocalPipeline, 'config' | 'history' | 'dataApi'>,
  options: {
    /** Port on 127.0.0.1 (0: any free port), read from the command line before the pipeline opened. */
    port: number;
    scheduleActive: boolean;
    runLauncher: RunLauncher | undefined;
    runUnavailableReason?: string;
    required: boolean;
  },
): Promise<ConsoleServer | undefined> {
  const out = context.stderr;
  try {
    const server = await openConsole({
      config: pipeline.config,
      state: context.state(),
      repositoryRoot: context.repositoryRoot(),
      history: pipeline.history,
      dataApi: pipeline.dataApi,
      scheduleActive: options.scheduleActive,
      runLauncher: options.runLauncher,
      ...(options.runUnavailableReason === undefined
        ? {}
        : { runUnavailableReason: options.runUnavailableReason }),
      port: options.port,
      onError: (error) =>
        out.line(`${out.style('red', 'console:')} ${error instanceof Error ? error.message : String(error)}`),
    });
    out.line(`console: ${server.url}`);
    return server;
  } catch (error) {
    if (options.required || !(error instanceof ConsoleAssetsMissingError)) throw error;
    out.line(`${out.style('yellow', 'warning:')} no console: ${error.message}`);
    return undefined;
  }
}
