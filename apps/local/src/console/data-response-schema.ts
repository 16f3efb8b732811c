// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';
import { cellSchema, columnSchema } from './column-schema';

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
