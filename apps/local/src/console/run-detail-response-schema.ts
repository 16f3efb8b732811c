// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';
import { runStatusSchema, runSummarySchema } from './run-summary-schema';

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
