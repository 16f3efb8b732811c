import type { RedshiftData, StatementDescription } from '@shiftflow/data-api';
import { readLoadErrors } from '@shiftflow/notifier';
import type { RunHistory } from '../history/run-history';
import type { StateLayout } from '../state/state-layout';
import type { LoadErrorInfo, RunDetailResponse, TimelineStep } from './console-api';
import { ConsoleRequestError } from './errors';
import { findRunMessage } from './read-inbox';
import { readRunLogs } from './read-run-logs';
import { listRunSummaries } from './run-summaries';

/** What reading a run's detail needs. */
export interface RunDetailSources {
  state: StateLayout;
  history: RunHistory;
  dataApi: RedshiftData;
  pipelineName: string;
  /** The configuration's ELT SQL: what the runner submits, shown when the statement cannot be described. */
  eltSql: string;
}

/** The run's statement steps from the history: submitted, then each status the first time it was recorded. */
async function historyTimeline(history: RunHistory, statementId: string): Promise<TimelineStep[]> {
  const steps: TimelineStep[] = [];
  const seen = new Set<string>();
  for (const entry of await history.entries()) {
    if (entry.type === 'submitted' && entry.statementId === statementId && !seen.has('SUBMITTED')) {
      seen.add('SUBMITTED');
      steps.push({ status: 'SUBMITTED', at: entry.at, source: 'history' });
    } else if (entry.type === 'status' && entry.statementId === statementId && !seen.has(entry.status)) {
      seen.add(entry.status);
      steps.push({ status: entry.status, at: entry.at, source: entry.source });
    }
  }
  return steps;
}

/**
 * DescribeStatement, or why not: an engine that is not reachable (or a statement it no longer
 * knows) leaves the history's facts, and the reason goes to the page as `describeError`.
 */
async function describeIfReachable(
  dataApi: RedshiftData,
  statementId: string,
): Promise<
  { description: StatementDescription; problem: null } | { description: undefined; problem: string }
> {
  try {
    return { description: await dataApi.describe(statementId), problem: null };
  } catch (error) {
    return { description: undefined, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** sys_load_error_detail rows of a FAILED statement, through the notifier's own reader. */
async function loadErrorsOf(
  dataApi: RedshiftData,
  description: StatementDescription,
): Promise<LoadErrorInfo[]> {
  const sessionId = description.raw.RedshiftPid;
  if (description.status !== 'FAILED' || sessionId === undefined) return [];
  const rows = await readLoadErrors(dataApi, { sessionId, since: description.createdAt }, { maxRows: 20 });
  return rows.map((row) => ({
    fileName: row.fileName ?? null,
    lineNumber: row.lineNumber ?? null,
    columnName: row.columnName ?? null,
    columnType: row.columnType ?? null,
    position: row.position ?? null,
    errorCode: row.errorCode ?? null,
    errorMessage: row.errorMessage ?? null,
  }));
}

/**
 * Everything the console shows about one run: its summary, its statement (SQL, timeline, error) as
 * the history and DescribeStatement know it, the load errors of a failed COPY, the notification as
 * the outbox keeps it, and the functions' log lines about it.
 *
 * @throws ConsoleRequestError (`NOT_FOUND`) when the history has no run with this id.
 * @example
 * const detail = await readRunDetail(sources, '4ace3c17-6fa5-49a7-9f78-6469448ff07c');
 */
export async function readRunDetail(sources: RunDetailSources, runId: string): Promise<RunDetailResponse> {
  const run = (await listRunSummaries(sources.history)).find((candidate) => candidate.runId === runId);
  if (run === undefined) {
    throw new ConsoleRequestError(
      404,
      'NOT_FOUND',
      `no run ${JSON.stringify(runId)} in ${sources.history.file}`,
    );
  }
  if (run.statementId === null) {
    return { run, statement: null, error: run.error, loadErrors: [], notification: null, logs: [] };
  }
  const statementId = run.statementId;
  const timeline = await historyTimeline(sources.history, statementId);
  const described = await describeIfReachable(sources.dataApi, statementId);
  const { description } = described;
  if (description?.status !== undefined && !timeline.some((step) => step.status === description.status)) {
    timeline.push({
      status: description.status,
      at: description.updatedAt.toISOString(),
      source: 'describe',
    });
  }
  const [loadErrors, message, logs] = await Promise.all([
    description ? loadErrorsOf(sources.dataApi, description) : Promise.resolve([]),
    findRunMessage(sources.state, statementId),
    readRunLogs(sources.state, sources.pipelineName, { statementId, statementName: run.statementName }),
  ]);
  return {
    run,
    statement: {
      id: statementId,
      name: run.statementName,
      sql: description?.queryString ?? sources.eltSql,
      timeline,
      error: description?.error ?? null,
      described: description !== undefined,
      describeError: described.problem,
    },
    error: run.error ?? description?.error ?? null,
    loadErrors,
    notification: message
      ? {
          messageId: message.messageId,
          subject: message.subject,
          body: message.body,
          sentAt: message.publishedAt,
        }
      : null,
    logs,
  };
}
