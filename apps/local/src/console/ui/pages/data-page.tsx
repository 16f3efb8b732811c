import type { DataResponse } from '../../console-api';
import { MonthlyChart, type MonthlyPoint } from '../components/monthly-chart';
import { LoadState, Notice } from '../components/notice';
import { consoleApi, liveEventNames } from '../console-client';
import { formatCount, formatTime } from '../format';
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

function ViewTable({ data }: { data: DataResponse }) {
  return (
    <div class="table-wrap">
      <table data-testid="view-table">
        <caption>
          {data.view}: {formatCount(data.rowCount)} row{data.rowCount === 1 ? '' : 's'}
        </caption>
        <thead>
          <tr>
            {data.columns.map((column) => (
              <th scope="col" key={column.name}>
                {column.name}
                <span class="type">{column.typeName}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, index) => (
            <tr key={String(row[0] ?? index)}>
              {row.map((cell, column) => (
                <td
                  key={data.columns[column]?.name ?? column}
                  class={cell === null ? 'null' : typeof cell === 'number' ? 'number' : undefined}
                >
                  {cell === null ? 'NULL' : String(cell)}
                </td>
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
