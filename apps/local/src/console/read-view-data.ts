import type { RedshiftData } from '@shiftflow/data-api';
import type { Cell, ChartPoint, DataResponse, RunSummary } from './console-api';
import { readResultPage } from './read-result-page';

/** The columns of the sample view the chart reads (sql/setup/002_nyc_yellow_taxi_volume_analysis.sql). */
const chartColumns = {
  month: 'pickup_month',
  trips: 'total_trips',
  fare: 'avg_fare',
  distance: 'avg_distance',
};

const toNumber = (cell: Cell | undefined): number | null => {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return null;
  const value = typeof cell === 'number' ? cell : Number(cell);
  return Number.isFinite(value) ? value : null;
};

/** The chart's points when the view has the sample's columns; null otherwise. */
export function chartPoints(
  columns: readonly { name: string }[],
  rows: readonly Cell[][],
): ChartPoint[] | null {
  const index = (name: string) => columns.findIndex((column) => column.name === name);
  const month = index(chartColumns.month);
  const trips = index(chartColumns.trips);
  const fare = index(chartColumns.fare);
  const distance = index(chartColumns.distance);
  if (month < 0 || trips < 0 || fare < 0 || distance < 0) return null;
  return rows.map((row) => ({
    month: String(row[month] ?? '').slice(0, 10),
    trips: toNumber(row[trips]) ?? 0,
    averageFare: toNumber(row[fare]),
    averageDistance: toNumber(row[distance]),
  }));
}

/**
 * The setup's first materialized view, every row (ordered by its first column), through the local
 * Data API as any client reads it; the chart's points; and when it was last refreshed (the end of
 * the last FINISHED run: run_elt_process refreshes the view in the load's transaction).
 *
 * @example
 * const data = await readViewData(dataApi, 'nyc_yellow_taxi_volume_analysis', runs);
 */
export async function readViewData(
  dataApi: RedshiftData,
  view: string | undefined,
  runs: readonly RunSummary[],
): Promise<DataResponse> {
  const finished = runs.find((run) => run.status === 'FINISHED' && run.endedAt !== null);
  const lastRefresh = finished?.endedAt ? { at: finished.endedAt, runId: finished.runId } : null;
  if (view === undefined) return { view: null, columns: [], rows: [], rowCount: 0, chart: null, lastRefresh };
  // The view's name comes from the setup SQL (an identifier the setup's CREATE matched), not from the request.
  const { id } = await dataApi.execute(`SELECT * FROM ${view} ORDER BY 1`);
  await dataApi.wait(id, { timeoutMs: 60_000 });
  let page = await readResultPage(dataApi, id, undefined);
  const { columns } = page;
  const rows = [...page.rows];
  while (page.nextToken !== null) {
    page = await readResultPage(dataApi, id, page.nextToken);
    rows.push(...page.rows);
  }
  return { view, columns, rows, rowCount: rows.length, chart: chartPoints(columns, rows), lastRefresh };
}
