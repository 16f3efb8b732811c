/**
 * The console API as the page calls it. Only TYPES come from the contract (`import type`), so zod
 * stays out of the browser bundle; the server validates what it sends against the same schemas.
 */
import type {
  ConsoleEventName,
  DataResponse,
  InboxResponse,
  RunDetailResponse,
  RunNowResponse,
  RunsResponse,
  SqlHistoryResponse,
  SqlResult,
} from '../console-api';
import { getJson, postJson } from './api-client';

/** Every call the page makes, one per route of `consoleRoutes`. */
export const consoleApi = {
  runs: () => getJson<RunsResponse>('/api/runs'),
  runNow: () => postJson<RunNowResponse>('/api/runs', {}),
  run: (runId: string) => getJson<RunDetailResponse>(`/api/runs/${encodeURIComponent(runId)}`),
  inbox: () => getJson<InboxResponse>('/api/inbox'),
  data: () => getJson<DataResponse>('/api/data'),
  sql: (sql: string) => postJson<SqlResult>('/api/sql', { sql }),
  sqlResults: (statementId: string, nextToken: string) =>
    getJson<SqlResult>(`/api/sql/results?${new URLSearchParams({ statementId, nextToken }).toString()}`),
  sqlHistory: () => getJson<SqlHistoryResponse>('/api/sql/history'),
};

/**
 * Which server-sent events make a page load again. `ready` comes first on every (re)connect, and
 * no event is replayed after a drop, so every page refetches on it.
 */
export const liveEventNames = {
  runs: ['ready', 'run-submitted', 'run-updated', 'run-ended', 'run-recorded'],
  messages: ['ready', 'message-published', 'message-updated'],
  data: ['ready', 'run-ended', 'run-recorded'],
} as const satisfies Record<string, readonly ConsoleEventName[]>;
