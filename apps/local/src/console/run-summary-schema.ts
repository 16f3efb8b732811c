// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';

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
