/**
 * The local console's HTTP contract: every route, every JSON body the server sends or accepts, and
 * every server-sent event, as zod schemas with their inferred types. The server validates what it
 * sends against these schemas in its tests; the page (apps/local/src/console/ui) imports the types
 * and may parse responses with the schemas. This file imports nothing but zod, so a browser bundle
 * can take it as it is.
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
import { z } from 'zod';

/** Header a non-browser client sends on POSTs instead of a same-origin `Origin`. */
export const consoleRequestHeader = 'x-shiftflow-console';

// ───────────────────────────────── errors ─────────────────────────────────

/** Stable codes of console API errors (the `code` of an error body). */
export const consoleErrorCodeSchema = z.enum([
  /** 401: no token in the query, cookie or Authorization header. */
  'TOKEN_REQUIRED',
  /** 401: a token was given but it is not this console's (the console was restarted?). */
  'TOKEN_INVALID',
  /** 403: the Host header is not 127.0.0.1:<port> or localhost:<port> (DNS rebinding). */
  'HOST_REFUSED',
  /** 403: Origin or Sec-Fetch-Site says the request comes from another site. */
  'ORIGIN_REFUSED',
  /** 403: a POST without the console's Origin and without the x-shiftflow-console header. */
  'CSRF_CHECK_FAILED',
  /** 404: no such route, run or file. */
  'NOT_FOUND',
  /** 405: the route exists but not with this method. */
  'METHOD_NOT_ALLOWED',
  /** 400: a body or parameter that does not fit the schema; the message names it. */
  'BAD_REQUEST',
  /** 413: a request body over 1 MiB. */
  'BODY_TOO_LARGE',
  /** 409: Run now while a run is already queued or running. */
  'RUN_ACTIVE',
  /** 409: Run now on a console that cannot start runs. */
  'RUN_UNAVAILABLE',
  /** 400: the SQL statement FAILED on the local Redshift; the message is Redshift's error text. */
  'STATEMENT_FAILED',
  /** 400: the SQL statement was ABORTED (cancelled). */
  'STATEMENT_ABORTED',
  /** 400: the SQL or a Data API parameter was refused before it ran (e.g. empty SQL). */
  'VALIDATION',
  /** 404: GetStatementResult does not know this statement or token any more. */
  'RESULT_NOT_FOUND',
  /** 503: the local Redshift cannot be reached right now. */
  'ENGINE_UNAVAILABLE',
  /** 500: anything else; the message says what failed. */
  'INTERNAL',
]);
/** A console API error code. */
export type ConsoleErrorCode = z.infer<typeof consoleErrorCodeSchema>;

/** Body of every error response. */
export const consoleErrorSchema = z.object({
  code: consoleErrorCodeSchema,
  message: z.string(),
  /** The statement, for STATEMENT_FAILED / STATEMENT_ABORTED. */
  statementId: z.string().nullable().optional(),
});
/** Body of every error response. */
export type ConsoleErrorBody = z.infer<typeof consoleErrorSchema>;

// ───────────────────────────────── runs ─────────────────────────────────

/** Statement states of the Data API, plus SKIPPED (runner declined) and NOT_STARTED (runner failed). */
export const runStatusSchema = z.enum([
  'SUBMITTED',
  'PICKED',
  'STARTED',
  'FINISHED',
  'FAILED',
  'ABORTED',
  'SKIPPED',
  'NOT_STARTED',
]);
/** A run's status. */
export type ConsoleRunStatus = z.infer<typeof runStatusSchema>;

/** One run of the history (runs.jsonl in the state folder), folded from its entries. */
export const runSummarySchema = z.object({
  /**
   * Stable id of the run in URLs: the statement id for a submitted run, else
   * `skipped-<submittedAt>` / `not-started-<submittedAt>`.
   */
  runId: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  /** The schedule's time for a scheduled run; the request time for a manual one. */
  scheduledAt: z.string().nullable(),
  status: runStatusSchema,
  /** Whether the status will not change any more. */
  ended: z.boolean(),
  /** When the runner submitted the statement (or skipped / failed to start). */
  submittedAt: z.string(),
  /** When the run's first ended status was recorded (the status-change event), for an ended run. */
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  /**
   * The run took under this many ms, when its whole-second stamps cannot say more (the notifier's
   * "under 1 s": GETDATE() has whole seconds); null or absent when `durationMs` says it.
   */
  durationBelowMs: z.number().nullable().optional(),
  /** Rows the load brought in, as the notifier found them. */
  rowsLoaded: z.number().int().nullable(),
  statementId: z.string().nullable(),
  statementName: z.string().nullable(),
  /** The error text of a FAILED / NOT_STARTED run. */
  error: z.string().nullable(),
  /** Why a run was SKIPPED. */
  reason: z.string().nullable(),
});
/** One run, as the runs list shows it. */
export type RunSummary = z.infer<typeof runSummarySchema>;

/** The pipeline's schedule and its next times. */
export const scheduleSchema = z.object({
  /** EventBridge Scheduler expression, e.g. `cron(0 11 ? * MON-FRI *)`. */
  expression: z.string(),
  /** IANA time zone of the expression. */
  timeZone: z.string(),
  /** The next 5 times the schedule fires (empty when it never fires again). */
  next: z.array(z.string()),
  /** Whether this process runs the schedule (`shiftflow dev`: true; `shiftflow console`: false). */
  active: z.boolean(),
});
/** The pipeline's schedule. */
export type ScheduleInfo = z.infer<typeof scheduleSchema>;

/** `GET /api/runs`: every run, newest first. */
export const runsResponseSchema = z.object({
  pipeline: z.string(),
  runs: z.array(runSummarySchema),
  schedule: scheduleSchema,
  /** Whether `POST /api/runs` can start a run on this console, and whether one is queued or running. */
  runNow: z.object({ available: z.boolean(), active: z.boolean(), reason: z.string().nullable() }),
});
/** `GET /api/runs`. */
export type RunsResponse = z.infer<typeof runsResponseSchema>;

/** `POST /api/runs` (Run now), 202: the run was submitted (or skipped / not started) with this id. */
export const runNowResponseSchema = z.object({ runId: z.string(), status: runStatusSchema });
/** `POST /api/runs`. */
export type RunNowResponse = z.infer<typeof runNowResponseSchema>;

/** One step of a statement's life, with where the time comes from. */
export const timelineStepSchema = z.object({
  status: runStatusSchema,
  at: z.string(),
  /** `history`: runs.jsonl; `event`: the status-change event; `describe`: DescribeStatement. */
  source: z.enum(['history', 'event', 'notifier', 'describe']),
});
/** One step of a statement's life. */
export type TimelineStep = z.infer<typeof timelineStepSchema>;

/** A row of sys_load_error_detail for the run's COPY. */
export const loadErrorSchema = z.object({
  fileName: z.string().nullable(),
  lineNumber: z.number().nullable(),
  columnName: z.string().nullable(),
  columnType: z.string().nullable(),
  position: z.number().nullable(),
  errorCode: z.number().nullable(),
  errorMessage: z.string().nullable(),
});
/** A load error of a failed run. */
export type LoadErrorInfo = z.infer<typeof loadErrorSchema>;

/** A line of a Lambda function's log (`<state>/logs/<function>.log`) about this run. */
export const logLineSchema = z.object({
  at: z.string().nullable(),
  /** `runner`, `notifier` or `reconciler` (the function name without the pipeline prefix). */
  source: z.string(),
  /** `INFO`, `WARN`, `ERROR`, … as the function logged it. */
  level: z.string(),
  message: z.string(),
  /** The whole structured line, for a details view. */
  fields: z.record(z.string(), z.unknown()),
});
/** A log line of a run. */
export type LogLine = z.infer<typeof logLineSchema>;

/** The notification of a run, exactly as published (the outbox's copy). */
export const runNotificationSchema = z.object({
  messageId: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  sentAt: z.string(),
});
/** A run's notification. */
export type RunNotification = z.infer<typeof runNotificationSchema>;

/** `GET /api/runs/:runId`: everything about one run. */
export const runDetailResponseSchema = z.object({
  run: runSummarySchema,
  /** Null for a run that never submitted a statement (SKIPPED, NOT_STARTED). */
  statement: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      /** The SQL as the Data API ran it (DescribeStatement), else the configuration's eltSql. */
      sql: z.string(),
      timeline: z.array(timelineStepSchema),
      /** DescribeStatement's error text (FAILED), or null. */
      error: z.string().nullable(),
      /** Whether DescribeStatement answered (false: facts from the history only; see describeError). */
      described: z.boolean(),
      /** Why DescribeStatement did not answer (engine not reachable, statement no longer known), or null. */
      describeError: z.string().nullable(),
    })
    .nullable(),
  error: z.string().nullable(),
  /** sys_load_error_detail rows of a FAILED run's COPY (at most 20); empty otherwise. */
  loadErrors: z.array(loadErrorSchema),
  notification: runNotificationSchema.nullable(),
  logs: z.array(logLineSchema),
});
/** `GET /api/runs/:runId`. */
export type RunDetailResponse = z.infer<typeof runDetailResponseSchema>;

// ───────────────────────────────── inbox ─────────────────────────────────

/** What happened to one message at one subscriber. */
export const deliverySchema = z.object({
  /** `outbox` (the state folder), or the subscriber's name (`smtp:<to>`, `webhook:<url>`, `terminal`). */
  subscriber: z.string(),
  protocol: z.enum(['outbox', 'email', 'webhook', 'other']),
  /**
   * `delivered`; `failed`: the last attempt failed and another is due (the local SNS tries 3 times);
   * `dead-lettered`: every attempt failed, the message is kept in the dead-letter folder.
   */
  outcome: z.enum(['delivered', 'failed', 'dead-lettered']),
  /** The file it went to, or the last error of a failed or dead-lettered delivery. */
  detail: z.string(),
  /** Where it went, credentials redacted (`smtp://user:****@host:port (to …)`, the webhook URL). */
  endpoint: z.string().optional(),
  /** Attempts made so far (SNS delivery status logging's `delivery.attempts`). */
  attempts: z.number().int().positive().optional(),
  /** The last attempt's error; absent when delivered. */
  error: z.string().optional(),
  /** When the last attempt ended (ISO 8601). */
  at: z.string().optional(),
});
/** One subscriber's delivery of a message. */
export type DeliveryInfo = z.infer<typeof deliverySchema>;

/** One SNS message of the local topic, as the outbox keeps it. */
export const inboxMessageSchema = z.object({
  messageId: z.string(),
  topicArn: z.string(),
  subject: z.string().nullable(),
  /** The message text (the e-mail variant), exactly as sent. */
  body: z.string(),
  publishedAt: z.string(),
  /** The e-mail headers as the .eml in the outbox has them. */
  email: z.object({ from: z.string(), to: z.string(), subject: z.string(), date: z.string() }).nullable(),
  /** The run it announces (the body's "Statement id"), when found. */
  runId: z.string().nullable(),
  /** `success` / `failure` from the message attributes, when present. */
  outcome: z.string().nullable(),
  /**
   * One entry per subscriber: the outbox (always delivered, it is where the message is stored),
   * then each other subscriber's latest outcome from the local SNS's delivery log
   * (`<state>/sns-deliveries.jsonl`), sorted by subscriber name. A subscriber still on its
   * first attempt is not listed yet; `message-updated` tells when an outcome changes.
   */
  deliveries: z.array(deliverySchema),
});
/** One message of the inbox. */
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

/** `GET /api/inbox`: every message, newest first. */
export const inboxResponseSchema = z.object({ messages: z.array(inboxMessageSchema) });
/** `GET /api/inbox`. */
export type InboxResponse = z.infer<typeof inboxResponseSchema>;

// ───────────────────────────────── data ─────────────────────────────────

/** A result column: its name and Redshift type name (`int8`, `numeric`, `timestamp`, `varchar`, …). */
export const columnSchema = z.object({ name: z.string(), typeName: z.string() });
/** A result column. */
export type ColumnInfo = z.infer<typeof columnSchema>;

/** A cell: numbers as numbers (int8 beyond 2^53 as a string), timestamps and dates as text, NULL as null. */
export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A cell. */
export type Cell = z.infer<typeof cellSchema>;

/** One chart point of the sample view (one month). */
export const chartPointSchema = z.object({
  /** First day of the month, `YYYY-MM-DD`. */
  month: z.string(),
  trips: z.number(),
  averageFare: z.number().nullable(),
  averageDistance: z.number().nullable(),
});
/** One chart point. */
export type ChartPoint = z.infer<typeof chartPointSchema>;

/** `GET /api/data`: the setup's first materialized view, ordered by its first column. */
export const dataResponseSchema = z.object({
  /** The view's name, or null when the setup creates no materialized view. */
  view: z.string().nullable(),
  columns: z.array(columnSchema),
  rows: z.array(z.array(cellSchema)),
  rowCount: z.number().int(),
  /**
   * The chart's points when the view has the columns pickup_month, total_trips, avg_fare and
   * avg_distance (the sample's nyc_yellow_taxi_volume_analysis); null for another view.
   */
  chart: z.array(chartPointSchema).nullable(),
  /** The end of the last FINISHED run (the procedure refreshes the view then), or null. */
  lastRefresh: z.object({ at: z.string(), runId: z.string() }).nullable(),
});
/** `GET /api/data`. */
export type DataResponse = z.infer<typeof dataResponseSchema>;

// ───────────────────────────────── SQL ─────────────────────────────────

/** `POST /api/sql` body: one SQL statement for the local Redshift. */
export const sqlRequestSchema = z.object({ sql: z.string().min(1).max(100_000) });
/** `POST /api/sql` body. */
export type SqlRequest = z.infer<typeof sqlRequestSchema>;

/** A page of a statement's result (`POST /api/sql` gives the first, `GET /api/sql/results` the next). */
export const sqlResultSchema = z.object({
  statementId: z.string(),
  /**
   * Empty for a statement without a result set. Later pages carry what the Data API page they come
   * from carries (may be empty): keep the first page's columns.
   */
  columns: z.array(columnSchema),
  rows: z.array(z.array(cellSchema)),
  /** Pass to `GET /api/sql/results?statementId=…&nextToken=…` for the next page; null on the last. */
  nextToken: z.string().nullable(),
  /** Rows of the whole result (all pages); for a statement without result set, rows affected (-1 unknown). */
  totalRows: z.number().int(),
  hasResultSet: z.boolean(),
  durationMs: z.number().nullable(),
});
/** A page of a SQL result. */
export type SqlResult = z.infer<typeof sqlResultSchema>;

/** One statement of the SQL editor's history (newest first, at most 20, kept in the state folder). */
export const sqlHistoryEntrySchema = z.object({
  sql: z.string(),
  at: z.string(),
  statementId: z.string().nullable(),
  status: z.enum(['FINISHED', 'FAILED', 'ABORTED']),
  totalRows: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
});
/** One statement of the SQL history. */
export type SqlHistoryEntry = z.infer<typeof sqlHistoryEntrySchema>;

/** `GET /api/sql/history`. */
export const sqlHistoryResponseSchema = z.object({ entries: z.array(sqlHistoryEntrySchema) });
/** `GET /api/sql/history`. */
export type SqlHistoryResponse = z.infer<typeof sqlHistoryResponseSchema>;

// ───────────────────────────────── events ─────────────────────────────────

/**
 * Server-sent events of `GET /api/events` (`text/event-stream`; `event:` is the name, `data:` one
 * JSON line). They come from the state folder itself (runs.jsonl and the outbox), so runs started
 * by another process (`shiftflow run`) show up too. A `ready` event comes first; a comment line
 * (`: keep-alive`) every 15 s. On reconnect, refetch the lists: no event is replayed.
 *
 * - `run-submitted`: a run appeared (submitted, or skipped / not started).
 * - `run-updated`: a run changed but has not ended: PICKED / STARTED as DescribeStatement reports
 *   them while the run is open (a fast local run may go from SUBMITTED straight to its end).
 * - `run-ended`: a run reached an ended status (FINISHED, FAILED, ABORTED, SKIPPED, NOT_STARTED); sent once.
 * - `run-recorded`: an ended run got more facts (the notifier's rows loaded, duration).
 * - `message-published`: a message reached the outbox.
 * - `message-updated`: a message's deliveries changed (a subscriber delivered, failed an attempt or
 *   dead-lettered it); the message as `GET /api/inbox` now shows it.
 */
export const consoleEventNames = [
  'ready',
  'run-submitted',
  'run-updated',
  'run-ended',
  'run-recorded',
  'message-published',
  'message-updated',
] as const;

/** One console event: its name and payload. */
export const consoleEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('ready'), data: z.object({ at: z.string() }) }),
  z.object({ event: z.literal('run-submitted'), data: z.object({ run: runSummarySchema }) }),
  z.object({ event: z.literal('run-updated'), data: z.object({ run: runSummarySchema }) }),
  z.object({ event: z.literal('run-ended'), data: z.object({ run: runSummarySchema }) }),
  z.object({ event: z.literal('run-recorded'), data: z.object({ run: runSummarySchema }) }),
  z.object({ event: z.literal('message-published'), data: z.object({ message: inboxMessageSchema }) }),
  z.object({ event: z.literal('message-updated'), data: z.object({ message: inboxMessageSchema }) }),
]);
/** One console event. */
export type ConsoleEvent = z.infer<typeof consoleEventSchema>;
/** A console event's name. */
export type ConsoleEventName = ConsoleEvent['event'];

// ───────────────────────────────── routes ─────────────────────────────────

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
