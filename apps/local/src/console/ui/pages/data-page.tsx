import type { DataResponse } from '../../console-api';
import { ColumnHeaders } from '../components/column-headers';
import { MonthlyChart, type MonthlyPoint } from '../components/monthly-chart';
import { LoadState, Notice } from '../components/notice';
import { consoleApi, liveEventNames } from '../console-client';
import { formatCount, formatNumber, formatTime } from '../format';
import { useLiveEvents } from '../live-events';
import { routePath } from '../router';
import { useResource } from '../use-resource';

function chartPoints(chart: NonNullable<DataResponse['chart']>): MonthlyPoint[] {
  return chart.map((point) => ({
    month: point.month,
    trips: point.trips,
    avgFare: point.averageFare,
    avgDistance: point.averageDistance,
  }));
}

/** A decimal the Data API sends as text (NUMERIC / DECIMAL `stringValue`). */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
/** Column types whose text is a number (a VARCHAR of digits, e.g. a zip code, is left as it is). */
const NUMERIC_TYPE = /^(int|float|numeric|decimal|smallint|integer|bigint|real|double)/i;
/** Column types with fractions: shown with 2 decimals, so a column's values line up. */
const FRACTION_TYPE = /^(float|numeric|decimal|real|double)/i;

/**
 * One cell: a number reads rounded (thousands separators; 2 decimals in a float or decimal column) and keeps its exact
 * value in the title (hover) and in `data-value`.
 */
function ViewCell({ cell, typeName }: { cell: DataResponse['rows'][number][number]; typeName: string }) {
  if (cell === null) return <td class="null">NULL</td>;
  const decimalText = typeof cell === 'string' && NUMERIC_TYPE.test(typeName) && DECIMAL_TEXT.test(cell);
  const value = typeof cell === 'number' ? cell : decimalText ? Number(cell) : null;
  if (value === null || !Number.isFinite(value)) return <td>{String(cell)}</td>;
  const exact = String(cell);
  return (
    <td class="number" title={exact} data-value={exact}>
      {formatNumber(value, FRACTION_TYPE.test(typeName) ? 2 : undefined)}
    </td>
  );
}

function ViewTable({ data }: { data: DataResponse }) {
  return (
    <div class="table-wrap">
      <table data-testid="view-table">
        <caption>
          {data.view}: {formatCount(data.rowCount)} row{data.rowCount === 1 ? '' : 's'}
        </caption>
        <ColumnHeaders columns={data.columns} />
        <tbody>
          {data.rows.map((row, index) => (
            <tr key={String(row[0] ?? index)}>
              {row.map((cell, column) => (
                <ViewCell
                  key={data.columns[column]?.name ?? column}
                  cell={cell}
                  typeName={data.columns[column]?.typeName ?? ''}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The materialized view as a chart and a table, with its row count and last refresh. */
export function DataPage() {
  const view = useResource('data', consoleApi.data);
  useLiveEvents(liveEventNames.data, view.reload);
  const data = view.data;
  return (
    <>
      <h1>Data</h1>
      <p class="lead">
        The setup's materialized view
        {data?.view && (
          <>
            {' '}
            <code>{data.view}</code>
          </>
        )}
        , refreshed by every successful run.
      </p>
      <LoadState error={view.error} loading={view.loading && !data} what="the view" />
      {data && data.view === null && <Notice kind="info">The setup SQL creates no materialized view.</Notice>}
      {data?.view && (
        <>
          <section class="panel" aria-labelledby="view-facts-heading">
            <h2 id="view-facts-heading">View</h2>
            <dl class="facts">
              <dt>Rows</dt>
              <dd data-testid="view-row-count">{formatCount(data.rowCount)}</dd>
              <dt>Last refresh</dt>
              <dd data-testid="last-refresh">
                {data.lastRefresh ? (
                  <>
                    {formatTime(data.lastRefresh.at)} by{' '}
                    <a href={routePath({ page: 'run', runId: data.lastRefresh.runId })}>this run</a>
                  </>
                ) : (
                  'not refreshed by a finished run yet'
                )}
              </dd>
            </dl>
          </section>
          {data.rowCount === 0 && (
            <Notice kind="info">The view is empty: run the pipeline to load data.</Notice>
          )}
          {data.chart && data.chart.length > 0 && <MonthlyChart points={chartPoints(data.chart)} />}
          {data.rows.length > 0 && (
            <>
              <h2>Rows</h2>
              <ViewTable data={data} />
            </>
          )}
        </>
      )}
    </>
  );
}
