// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';
import { runStatusSchema, runSummarySchema } from './run-summary-schema';

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
