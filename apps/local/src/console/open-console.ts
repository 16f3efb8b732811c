import type { RedshiftData } from '@shiftflow/data-api';
import type { PipelineConfig } from '@shiftflow/events';
import type { RunHistory } from '../history/run-history';
import type { StateLayout } from '../state/state-layout';
import { ConsoleEvents } from './console-events';
import type { RunLauncher } from './run-launcher';
import { SqlHistory } from './sql-history';
import { type ConsoleServer, startConsoleServer } from './start-console-server';

/** What {@link openConsole} serves. */
export interface OpenConsoleOptions {
  config: PipelineConfig;
  state: StateLayout;
  repositoryRoot: string;
  history: RunHistory;
  /** The app's own local Data API client (the endpoint the handlers use). */
  dataApi: RedshiftData;
  scheduleActive: boolean;
  runLauncher: RunLauncher | undefined;
  runUnavailableReason?: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Folder of the built page; defaults to dist/console/. */
  assetsFolder?: string;
  /** Receives problems the console met (a damaged state file, a request that failed with 500). */
  onError?: (error: unknown) => void;
}

/**
 * Starts the console over a state folder: its live events (runs.jsonl and the outbox) and its
 * server on 127.0.0.1. `close()` stops both.
 *
 * @throws ConsoleAssetsMissingError when the page was not built.
 * @example
 * const console = await openConsole({ config, state, repositoryRoot, history: pipeline.history, dataApi: pipeline.dataApi, scheduleActive: true, runLauncher, port: 0 });
 * stderr.line(`console: ${console.url}`);
 */
export async function openConsole(options: OpenConsoleOptions): Promise<ConsoleServer> {
  const events = new ConsoleEvents({
    state: options.state,
    history: options.history,
    describeStatus: async (statementId) => (await options.dataApi.describe(statementId)).status,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  await events.start();
  try {
    const server = await startConsoleServer({
      sources: {
        config: options.config,
        state: options.state,
        repositoryRoot: options.repositoryRoot,
        history: options.history,
        dataApi: options.dataApi,
        sqlHistory: new SqlHistory(options.state),
        events,
        scheduleActive: options.scheduleActive,
        runLauncher: options.runLauncher,
        ...(options.runUnavailableReason === undefined
          ? {}
          : { runUnavailableReason: options.runUnavailableReason }),
      },
      port: options.port,
      ...(options.assetsFolder === undefined ? {} : { assetsFolder: options.assetsFolder }),
      ...(options.onError ? { onError: options.onError } : {}),
    });
    return {
      ...server,
      async close() {
        events.close();
        await server.close();
      },
    };
  } catch (error) {
    events.close();
    throw error;
  }
}
