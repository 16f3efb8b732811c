import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCount, formatMonth } from '../format';

/** One month of the materialized view, as the chart plots it. */
export interface MonthlyPoint {
  month: string;
  trips: number;
  avgFare: number | null;
  avgDistance: number | null;
}

const colors = { trips: '#4f7cac', fare: '#c2571a', distance: '#2e8b57' };

/** The uPlot options: months on x, trips as bars (left axis), fare and distance as lines (right). */
function chartOptions(points: readonly MonthlyPoint[], width: number): uPlot.Options {
  const labels = points.map((point) => formatMonth(point.month));
  const indices = points.map((_, index) => index);
  const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
  return {
    width,
    height: 360,
    title: 'Trips per month, average fare and distance',
    // A plain key of the series; the exact numbers are in the table below the chart.
    legend: { live: false },
    scales: {
      x: { time: false, range: [-0.5, Math.max(points.length - 0.5, 0.5)] },
      trips: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      usd: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.2 : 1] },
      miles: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.2 : 1] },
    },
    axes: [
      {
        label: 'Month of pickup',
        splits: () => indices,
        values: (_chart, splits) => splits.map((split) => labels[split] ?? ''),
        rotate: points.length > 8 ? -35 : 0,
        size: points.length > 8 ? 70 : 50,
      },
      {
        scale: 'trips',
        label: 'Trips',
        values: (_chart, splits) => splits.map((split) => formatCount(split)),
        size: 70,
      },
      {
        scale: 'usd',
        side: 1,
        label: 'Average fare (USD)',
        values: (_chart, splits) =>
          splits.map((split) => `$${Number.isInteger(split) ? split : split.toFixed(2)}`),
        grid: { show: false },
        stroke: colors.fare,
      },
      {
        scale: 'miles',
        side: 1,
        label: 'Average distance (mi)',
        values: (_chart, splits) => splits.map((split) => split.toFixed(1)),
        grid: { show: false },
        stroke: colors.distance,
      },
    ],
    series: [
      { label: 'Month', value: (_chart, index) => (index === null ? '—' : (labels[index] ?? '—')) },
      {
        label: 'Trips',
        scale: 'trips',
        fill: `${colors.trips}cc`,
        stroke: colors.trips,
        ...(bars === undefined ? {} : { paths: bars }),
        points: { show: false },
        value: (_chart, value) => formatCount(value),
      },
      {
        label: 'Average fare (USD)',
        scale: 'usd',
        stroke: colors.fare,
        width: 2.5,
        points: { size: 7 },
        value: (_chart, value) => (value === null ? '—' : `$${value.toFixed(2)}`),
      },
      {
        label: 'Average distance (mi)',
        scale: 'miles',
        stroke: colors.distance,
        width: 2.5,
        dash: [6, 4],
        points: { size: 7 },
        value: (_chart, value) => (value === null ? '—' : `${value.toFixed(2)} mi`),
      },
    ],
  };
}

/**
 * The materialized view as a chart: trips per month as bars, average fare and distance as lines.
 * The figure carries the values it plotted (`data-trips`, `data-avg-fare`, `data-avg-distance`,
 * `data-months`, read back from the chart) so a test can hold them against the view.
 */
export function MonthlyChart({ points }: { points: readonly MonthlyPoint[] }) {
  const figure = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = canvas.current;
    const element = figure.current;
    if (!host || !element) return;
    const data: uPlot.AlignedData = [
      points.map((_, index) => index),
      points.map((point) => point.trips),
      points.map((point) => point.avgFare),
      points.map((point) => point.avgDistance),
    ];
    const chart = new uPlot(chartOptions(points, Math.max(host.clientWidth, 320)), data, host);
    element.dataset.months = JSON.stringify(points.map((point) => point.month));
    element.dataset.trips = JSON.stringify(chart.data[1]);
    element.dataset.avgFare = JSON.stringify(chart.data[2]);
    element.dataset.avgDistance = JSON.stringify(chart.data[3]);
    const resize = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(host.clientWidth, 320), height: 360 });
    });
    resize.observe(host);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [points]);
  const summary = points
    .map((point) => `${formatMonth(point.month)}: ${formatCount(point.trips)} trips`)
    .join('; ');
  return (
    <figure ref={figure} class="chart" data-testid="monthly-chart">
      <div ref={canvas} role="img" aria-label={`Bar chart of trips per month. ${summary}`} />
      <figcaption>
        Bars: trips per month (left axis). Lines: average fare in USD and average distance in miles (right
        axes). The table below lists the same numbers.
      </figcaption>
    </figure>
  );
}
