import type { IncomingMessage } from 'node:http';
import type { RedshiftData } from '@shiftflow/data-api';
import type { PipelineConfig } from '@shiftflow/events';
import { setupObjects } from '../config/setup-objects';
import type { RunHistory } from '../history/run-history';
import { parseScheduleExpression } from '../scheduler';
import type { StateLayout } from '../state/state-layout';
import {
  type DataResponse,
  type InboxResponse,
  type RunDetailResponse,
  type RunNowResponse,
  type RunSummary,
  type RunsResponse,
  type SqlHistoryResponse,
  type SqlResult,
  sqlRequestSchema,
} from './console-api';
import type { ConsoleEvents } from './console-events';
import { ConsoleRequestError } from './errors';
import { readInbox } from './read-inbox';
import { readResultPage } from './read-result-page';
import { readRunDetail } from './read-run-detail';
import { readViewData } from './read-view-data';
import type { RunLauncher } from './run-launcher';
import { listRunSummaries } from './run-summaries';
import { consoleSqlError, runConsoleSql } from './sql-console';
import type { SqlHistory } from './sql-history';

/** What the console reads and where it runs SQL: the state folder and the app's local endpoints. */
export interface ConsoleSources {
  config: PipelineConfig;
  state: StateLayout;
  repositoryRoot: string;
  history: RunHistory;
  /** The Data API client of the app's own local Redshift (never a configurable remote). */
  dataApi: RedshiftData;
  sqlHistory: SqlHistory;
  events: ConsoleEvents;
  /** Whether this process runs the schedule (`dev`). */
  scheduleActive: boolean;
  /** Starts a run for Run now; undefined when this console cannot (the reason says why). */
  runLauncher: RunLauncher | undefined;
  runUnavailableReason?: string;
}

/** How long Run now waits for the run to appear in the history before answering. */
const runNowWaitMs = 300_000;
const maximumBodyBytes = 1024 * 1024;

/** Reads a JSON request body of at most 1 MiB. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maximumBodyBytes) {
      throw new ConsoleRequestError(
        413,
        'BODY_TOO_LARGE',
        `the request body is over ${maximumBodyBytes} bytes`,
      );
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ConsoleRequestError(
      400,
      'BAD_REQUEST',
      `the request body is not JSON: ${JSON.stringify(text.slice(0, 80))}; send { "sql": "select 1" }`,
    );
  }
}

/** `GET /api/runs`. */
export async function runsRoute(sources: ConsoleSources): Promise<RunsResponse> {
  const { expression, timeZone } = sources.config.schedule;
  const next = parseScheduleExpression(expression, timeZone)
    .nextRuns(new Date(), 5)
    .map((date) => date.toISOString());
  const launcher = sources.runLauncher;
  return {
    pipeline: sources.config.name,
    // An open run shows the status DescribeStatement gave last (PICKED, STARTED), as the events did.
    runs: (await listRunSummaries(sources.history)).map((run) => {
      const live = run.ended ? undefined : sources.events.liveStatus(run.runId);
      return live === undefined ? run : { ...run, status: live };
    }),
    schedule: { expression, timeZone, next, active: sources.scheduleActive },
    runNow: {
      available: launcher !== undefined,
      active: launcher?.active() ?? false,
      reason:
        launcher === undefined ? (sources.runUnavailableReason ?? 'this console cannot start runs') : null,
    },
  };
}

/**
 * `POST /api/runs` (Run now): starts one manual run and answers once it is in the run history
 * (submitted, skipped or not started), so the page can open it and follow it live.
 */
export async function runNowRoute(sources: ConsoleSources): Promise<RunNowResponse> {
  const launcher = sources.runLauncher;
  if (launcher === undefined) {
    throw new ConsoleRequestError(
      409,
      'RUN_UNAVAILABLE',
      sources.runUnavailableReason ?? 'this console cannot start runs',
    );
  }
  if (launcher.active()) {
    throw new ConsoleRequestError(
      409,
      'RUN_ACTIVE',
      'a run started from the console has not ended yet; wait for it (Runs shows it live)',
    );
  }
  const known = sources.events.knownRunIds();
  let stop: () => void = () => undefined;
  const appeared = new Promise<RunSummary>((resolve) => {
    stop = sources.events.subscribe((event) => {
      if (event.event !== 'run-submitted') return;
      const { run } = event.data;
      if (run.trigger === 'manual' && !known.has(run.runId)) resolve(run);
    });
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    // Never rejects: a run that failed to start answers this request, not an unhandled rejection.
    const settled = launcher.start().then(
      async () => {
        await sources.events.look(); // an entry written just before the run ended is found now
        return 'settled' as const;
      },
      (error: unknown) => ({ error }),
    );
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), runNowWaitMs);
    });
    const first = await Promise.race([appeared, settled, timedOut]);
    if (typeof first === 'object' && 'runId' in first) return { runId: first.runId, status: first.status };
    if (typeof first === 'object') {
      const cause = first.error;
      throw new ConsoleRequestError(
        500,
        'INTERNAL',
        `the run could not start: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    }
    throw new ConsoleRequestError(
      500,
      'INTERNAL',
      first === 'timed-out'
        ? `the run did not reach the run history within ${runNowWaitMs / 1000} s; see the terminal of shiftflow`
        : 'the run ended without an entry in the run history; see the terminal of shiftflow for its error',
    );
  } finally {
    clearTimeout(timer);
    stop();
  }
}

/** `GET /api/runs/:runId`. */
export function runDetailRoute(sources: ConsoleSources, runId: string): Promise<RunDetailResponse> {
  return readRunDetail(
    {
      state: sources.state,
      history: sources.history,
      dataApi: sources.dataApi,
      pipelineName: sources.config.name,
      eltSql: sources.config.eltSql,
    },
    runId,
  );
}

/** `GET /api/inbox`. */
export async function inboxRoute(sources: ConsoleSources): Promise<InboxResponse> {
  // The page shows what could be read; the terminal hears about a damaged file once.
  const messages = await readInbox(sources.state, (file, reason) =>
    sources.events.report(new Error(`${file} ${reason}; it is left out of the inbox`)),
  );
  return { messages };
}

/** `GET /api/data`. */
export async function dataRoute(sources: ConsoleSources): Promise<DataResponse> {
  const objects = await setupObjects(sources.repositoryRoot, sources.config);
  const runs = await listRunSummaries(sources.history);
  try {
    return await readViewData(sources.dataApi, objects.materializedViews[0], runs);
  } catch (error) {
    throw consoleSqlError(error, undefined);
  }
}

/** `POST /api/sql`. */
export async function sqlRoute(
  sources: ConsoleSources,
  body: unknown,
  signal: AbortSignal,
): Promise<SqlResult> {
  const parsed = sqlRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConsoleRequestError(
      400,
      'BAD_REQUEST',
      `body field "${issue?.path.join('.') || 'sql'}" ${issue?.message ?? 'is invalid'}; send { "sql": "select 1" }`,
    );
  }
  return runConsoleSql(sources.dataApi, sources.sqlHistory, parsed.data.sql, { signal });
}

/** `GET /api/sql/results?statementId=…&nextToken=…`. */
export async function sqlResultsRoute(sources: ConsoleSources, query: URLSearchParams): Promise<SqlResult> {
  const statementId = query.get('statementId');
  const nextToken = query.get('nextToken');
  if (!statementId || !nextToken) {
    throw new ConsoleRequestError(
      400,
      'BAD_REQUEST',
      `query parameters statementId and nextToken are required (got statementId=${JSON.stringify(statementId)}, nextToken=${JSON.stringify(nextToken)})`,
    );
  }
  try {
    const page = await readResultPage(sources.dataApi, statementId, nextToken);
    return { statementId, ...page, hasResultSet: true, durationMs: null };
  } catch (error) {
    throw consoleSqlError(error, statementId);
  }
}

/** `GET /api/sql/history`. */
export async function sqlHistoryRoute(sources: ConsoleSources): Promise<SqlHistoryResponse> {
  return { entries: await sources.sqlHistory.list() };
}
