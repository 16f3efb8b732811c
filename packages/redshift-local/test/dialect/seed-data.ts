/**
 * The seed pipeline's SQL (table with SORTKEY, monthly materialized view, procedure that COPYs from S3)
 * and a generator of pipe-delimited taxi trips with an independent JS computation of the view.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const seedSetupSql = `
CREATE TABLE IF NOT EXISTS nyc_yellow_taxi
(pickup_date DATE
, pickup_datetime TIMESTAMP
, dropoff_datetime TIMESTAMP
, ratecode SMALLINT
, passenger_count SMALLINT
, trip_distance FLOAT4
, fare_amount FLOAT4
, total_amount FLOAT4
, payment_type SMALLINT
, vendorid VARCHAR(20))
SORTKEY(pickup_date);

DROP MATERIALIZED VIEW IF EXISTS nyc_yellow_taxi_volume_analysis;

CREATE MATERIALIZED VIEW nyc_yellow_taxi_volume_analysis
AS
SELECT
    DATE_TRUNC('mon',pickup_date) pickup_month
  , ROUND(AVG(trip_distance),2) avg_distance
  , ROUND(AVG(fare_amount),2) avg_fare
  , COUNT(1) total_trips
  , SUM(trip_distance) total_distance_per_month
  , SUM(fare_amount) total_fare_per_month
FROM nyc_yellow_taxi
GROUP BY 1;

CREATE OR REPLACE PROCEDURE run_elt_process()
AS $$
BEGIN
  truncate table nyc_yellow_taxi;
  -- Load the raw trips; IAM role and region are accepted and ignored locally.
  COPY nyc_yellow_taxi FROM 's3://event-driven-app-with-lambda-redshift/nyc_yellow_taxi_raw/'
  IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-s3-read'
  region 'us-west-2' delimiter '|';
  REFRESH MATERIALIZED VIEW nyc_yellow_taxi_volume_analysis;
END;
$$ LANGUAGE plpgsql;
`;

export interface MonthFigures {
  month: string;
  avgDistance: number;
  avgFare: number;
  trips: number;
  totalDistance: number;
  totalFare: number;
}

/** A small deterministic pseudo-random generator (mulberry32), so runs are reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** The reference sample's public prefix (bucket in us-west-2), as a folder of the local S3 root. */
export const referencePrefix = 'event-driven-app-with-lambda-redshift/nyc_yellow_taxi_raw';

/**
 * Writes `parts` files of trips under `<s3Root>/<prefix>/` (the reference's prefix by default) and returns
 * the view's rows computed in JS the way Redshift defines them: float4 values, averages and sums in double
 * precision in load order (keys sorted, then lines), ROUND half away from zero on the decimal value.
 * `malformedLine` appends a line COPY must refuse (a pickup date that is no date) to the last part.
 */
export function writeSeedTrips(
  s3Root: string,
  options: { rows: number; parts: number; seed?: number; prefix?: string; malformedLine?: boolean },
): { expected: MonthFigures[]; rows: number } {
  const next = random(options.seed ?? 42);
  const directory = path.join(s3Root, ...(options.prefix ?? referencePrefix).split('/'));
  mkdirSync(directory, { recursive: true });
  const perPart = Math.ceil(options.rows / options.parts);
  const months = new Map<string, { distances: number[]; fares: number[] }>();
  let written = 0;
  for (let part = 0; part < options.parts; part++) {
    const lines: string[] = [];
    for (let line = 0; line < perPart && written < options.rows; line++, written++) {
      const month = 1 + Math.floor(next() * 6);
      const day = 1 + Math.floor(next() * 28);
      const date = `2015-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const distance = (Math.floor(next() * 3000) / 100).toFixed(2);
      const fare = (Math.floor(next() * 9000) / 100 + 2.5).toFixed(2);
      const total = (Number(fare) + 1.3).toFixed(2);
      // Some trips lack a passenger count or a vendor (2015 files: 1 Creative Mobile, 2 VeriFone): empty
      // fields, loaded as NULL / '' like Redshift.
      const passengers = next() < 0.1 ? '' : String(1 + Math.floor(next() * 5));
      const vendor = next() < 0.1 ? '' : next() < 0.5 ? '2' : '1';
      lines.push(
        `${date}|${date} 10:15:00|${date} 10:42:00|1|${passengers}|${distance}|${fare}|${total}|1|${vendor}`,
      );
      const key = `${date.slice(0, 7)}-01 00:00:00`;
      const figures = months.get(key) ?? { distances: [], fares: [] };
      figures.distances.push(Math.fround(Number(distance)));
      figures.fares.push(Math.fround(Number(fare)));
      months.set(key, figures);
    }
    if (options.malformedLine === true && part === options.parts - 1) {
      lines.push('2015-13-45|2015-13-45 10:15:00|2015-13-45 10:42:00|1|1|1.00|5.00|6.30|1|2');
    }
    // Part files are named so that key order equals generation order.
    writeFileSync(path.join(directory, `part-${String(part).padStart(4, '0')}.txt`), `${lines.join('\n')}\n`);
  }
  const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
  const expected = [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, figures]) => ({
      month,
      avgDistance: roundHalfAwayFromZero(sum(figures.distances) / figures.distances.length, 2),
      avgFare: roundHalfAwayFromZero(sum(figures.fares) / figures.fares.length, 2),
      trips: figures.distances.length,
      totalDistance: sum(figures.distances),
      totalFare: sum(figures.fares),
    }));
  return { expected, rows: written };
}

/** Rounds the shortest decimal representation of a double, half away from zero (PostgreSQL numeric rounding). */
export function roundHalfAwayFromZero(value: number, digits: number): number {
  const text = String(value);
  const negative = text.startsWith('-');
  const [integerPart = '0', fractionPart = ''] = (negative ? text.slice(1) : text).split('.');
  if (text.includes('e')) throw new Error(`unexpected exponent form ${text}`);
  const padded = `${fractionPart}${'0'.repeat(digits + 1)}`;
  let scaled = BigInt(integerPart + padded.slice(0, digits));
  if (Number(padded[digits]) >= 5) scaled += 1n;
  const result = Number(scaled) / 10 ** digits;
  return negative ? -result : result;
}
