/**
 * The local console's HTTP contract: every route, every JSON body the server sends or accepts, and
 * every server-sent event, as zod schemas with their inferred types. The server validates what it
 * sends against these schemas in its tests; the page (apps/local/src/console/ui) imports the types
 * and may parse responses with the schemas. This file names them all; the schemas live in one file
 * per noun beside it (`run-summary-schema.ts`, `inbox-message-schema.ts`, …). None of them imports
 * anything but zod and each other, so a browser bundle can take them as they are.
 *
 * Conventions:
 * - Times are ISO 8601 strings in UTC (`2026-12-06T11:03:22.317Z`); durations are milliseconds.
 * - Absent facts are `null`, never a missing field.
 * - Every error is `{ code, message }` (see {@link consoleErrorSchema}) with an HTTP status >= 400.
 * - Every request needs the console's token: the printed URL's `?token=` sets an HttpOnly,
 *   SameSite=Strict cookie and redirects to the URL without it; `Authorization: Bearer <token>`
 *   works for scripts. Requests whose Host or Origin is not the console's own are refused (403).
 * - A POST must carry the console's own `Origin` (browsers send it on fetch) or the header
 *   {@link consoleRequestHeader} (`x-shiftflow-console: 1`).
 */
import { dataResponseSchema } from './data-response-schema';
import { inboxResponseSchema } from './inbox-message-schema';
import { runDetailResponseSchema } from './run-detail-response-schema';
import { runNowResponseSchema, runsResponseSchema } from './runs-response-schema';
import { sqlHistoryResponseSchema } from './sql-history-entry-schema';
import { sqlRequestSchema, sqlResultSchema } from './sql-result-schema';

export { type Cell, type ColumnInfo, cellSchema, columnSchema } from './column-schema';
export {
  type ConsoleErrorBody,
  type ConsoleErrorCode,
  consoleErrorCodeSchema,
  consoleErrorSchema,
} from './console-error-schema';
export {
  type ConsoleEvent,
  type ConsoleEventName,
  consoleEventNames,
  consoleEventSchema,
} from './console-event-schema';
export {
  type ChartPoint,
  chartPointSchema,
  type DataResponse,
  dataResponseSchema,
} from './data-response-schema';
export {
  type DeliveryInfo,
  deliverySchema,
  type InboxMessage,
  type InboxResponse,
  inboxMessageSchema,
  inboxResponseSchema,
} from './inbox-message-schema';
export {
  type LoadErrorInfo,
  type LogLine,
  loadErrorSchema,
  logLineSchema,
  type RunDetailResponse,
  type RunNotification,
  runDetailResponseSchema,
  runNotificationSchema,
  type TimelineStep,
  timelineStepSchema,
} from './run-detail-response-schema';
export {
  type ConsoleRunStatus,
  type RunSummary,
  runStatusSchema,
  runSummarySchema,
} from './run-summary-schema';
export {
  type RunNowResponse,
  type RunsResponse,
  runNowResponseSchema,
  runsResponseSchema,
  type ScheduleInfo,
  scheduleSchema,
} from './runs-response-schema';
export {
  type SqlHistoryEntry,
  type SqlHistoryResponse,
  sqlHistoryEntrySchema,
  sqlHistoryResponseSchema,
} from './sql-history-entry-schema';
export { type SqlRequest, type SqlResult, sqlRequestSchema, sqlResultSchema } from './sql-result-schema';

/** Header a non-browser client sends on POSTs instead of a same-origin `Origin`. */
export const consoleRequestHeader = 'x-shiftflow-console';

/**
 * Every route of the console. Page routes all answer the UI's index.html (the page routes itself
 * with the history API); `/assets/*` are the built files of apps/local/dist/console/.
 */
export const consoleRoutes = {
  runs: { method: 'GET', path: '/api/runs', response: runsResponseSchema },
  runNow: { method: 'POST', path: '/api/runs', response: runNowResponseSchema },
  run: { method: 'GET', path: '/api/runs/:runId', response: runDetailResponseSchema },
  inbox: { method: 'GET', path: '/api/inbox', response: inboxResponseSchema },
  data: { method: 'GET', path: '/api/data', response: dataResponseSchema },
  sql: { method: 'POST', path: '/api/sql', request: sqlRequestSchema, response: sqlResultSchema },
  sqlResults: {
    method: 'GET',
    path: '/api/sql/results',
    query: { statementId: 'string', nextToken: 'string' },
    response: sqlResultSchema,
  },
  sqlHistory: { method: 'GET', path: '/api/sql/history', response: sqlHistoryResponseSchema },
  events: { method: 'GET', path: '/api/events', contentType: 'text/event-stream' },
} as const;

/** Paths that answer the UI's index.html. */
export const consolePagePaths = ['/', '/runs', '/runs/:runId', '/inbox', '/data', '/sql'] as const;
