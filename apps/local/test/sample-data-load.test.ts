/**
 * The local sample data in the reference sample's layout, loaded through the local Redshift (PGlite):
 * with the reference's own COPY text (IAM_ROLE, REGION 'us-west-2', DELIMITER '|'), with gzip parts,
 * and by a run of the repository's run_elt_process, whose view must equal a JS computation over the
 * generated files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { applySetup, readSetupFiles } from '@shiftflow/elt-runner';
import { parsePipelineConfig } from '@shiftflow/events';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nycYellowTaxiColumns } from '../src/seed/format-trip-row';
import { type SampleData, writeSampleData } from '../src/seed/write-sample-data';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const config = parsePipelineConfig(
  JSON.parse(readFileSync(path.join(repository, 'shiftflow.config.json'), 'utf8')),
);
const bucket = 'event-driven-app-with-lambda-redshift';
const role = 'arn:aws:iam::123456789012:role/redshift-s3-read';
/** The reference sample's COPY, word for word but for the role's account. */
const referenceCopy = (table: string, prefix: string, extra = '') =>
  `COPY ${table} FROM 's3://${bucket}/${prefix}/' IAM_ROLE '${role}' REGION 'us-west-2' DELIMITER '|'${extra};`;

interface Month {
  month: string;
  trips: number;
  distance: number;
  fare: number;
}

/** Rounds the shortest decimal text of a double half away from zero, as Redshift's ROUND on the value. */
function roundHalfAwayFromZero(value: number, digits: number): number {
  const [whole = '0', fraction = ''] = String(value).split('.');
  const padded = `${fraction}${'0'.repeat(digits + 1)}`;
  let scaled = BigInt(whole + padded.slice(0, digits));
  if (Number(padded[digits]) >= 5) scaled += 1n;
  return Number(scaled) / 10 ** digits;
}

/** The view's figures computed from the files: FLOAT4 values summed in double, in load order. */
function monthsOf(sample: SampleData): Month[] {
  const date = nycYellowTaxiColumns.indexOf('pickup_date');
  const distance = nycYellowTaxiColumns.indexOf('trip_distance');
  const fare = nycYellowTaxiColumns.indexOf('fare_amount');
  const months = new Map<string, Month>();
  for (const file of sample.files) {
    const bytes = readFileSync(file.path);
    const text = (file.path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const fields = line.split('|');
      const key = `${fields[date]!.slice(0, 7)}-01 00:00:00`;
      const month = months.get(key) ?? { month: key, trips: 0, distance: 0, fare: 0 };
      month.trips += 1;
      month.distance += Math.fround(Number(fields[distance]));
      month.fare += Math.fround(Number(fields[fare]));
      months.set(key, month);
    }
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

describe('the sample data loaded by the local Redshift', () => {
  let root: string;
  let local: LocalRedshift;
  let data: RedshiftData;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-sample-load-'));
    mkdirSync(path.join(root, 's3'));
    local = await startLocalRedshift({ s3Root: path.join(root, 's3'), dataDir: path.join(root, 'data') });
    const client = new RedshiftDataClient({
      region: 'us-east-1',
      endpoint: local.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    data = new RedshiftData({ client, target: { workgroupName: 'shiftflow', database: 'dev' } });
    await applySetup({
      dataApi: data,
      files: await readSetupFiles(repository, config.setupFiles),
      values: {
        sourceS3Uri: `s3://${bucket}/nyc_yellow_taxi_raw/`,
        redshiftIamRoleArn: role,
        sourceRegion: 'us-west-2',
      },
    });
  });

  afterAll(async () => {
    await local?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("loads generated files with the reference's own COPY text, every row as written", async () => {
    const sample = await writeSampleData({
      directory: path.join(root, 's3', bucket, 'copy_check'),
      rows: 3000,
      parts: 3,
      seed: 11,
    });
    await data.query('CREATE TABLE copy_check (LIKE nyc_yellow_taxi)');
    await data.query(referenceCopy('copy_check', 'copy_check'));

    const [loaded] = await data.query<Record<string, number | string>>(
      `SELECT COUNT(*)::int AS trips,
              SUM(CASE WHEN pickup_date <> TRUNC(pickup_datetime) OR dropoff_datetime <= pickup_datetime THEN 1 ELSE 0 END)::int AS inconsistent,
              MIN(vendorid) AS first_vendor, MAX(vendorid) AS last_vendor,
              SUM(passenger_count)::int AS passengers, SUM(ratecode)::int AS rate_codes, SUM(payment_type)::int AS payments
       FROM copy_check`,
    );
    const lines = sample.files.flatMap((file) =>
      readFileSync(file.path, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('|')),
    );
    const total = (column: string) =>
      lines.reduce((sum, fields) => sum + Number(fields[nycYellowTaxiColumns.indexOf(column)]), 0);
    expect(loaded).toEqual({
      trips: sample.rows,
      inconsistent: 0,
      first_vendor: '1',
      last_vendor: '2',
      passengers: total('passenger_count'),
      rate_codes: total('ratecode'),
      payments: total('payment_type'),
    });
  });

  it('loads gzip parts with the same COPY and GZIP', async () => {
    const sample = await writeSampleData({
      directory: path.join(root, 's3', bucket, 'gzip_check'),
      rows: 1000,
      parts: 2,
      gzip: true,
    });
    await data.query('CREATE TABLE gzip_check (LIKE nyc_yellow_taxi)');
    await data.query(referenceCopy('gzip_check', 'gzip_check', ' GZIP'));
    const [loaded] = await data.query<{ trips: number }>('SELECT COUNT(*)::int AS trips FROM gzip_check');
    expect(loaded?.trips).toBe(sample.rows);
  });

  it('refreshes the view of a run to what a JS computation over the generated files gives', async () => {
    const sample = await writeSampleData({
      directory: path.join(root, 's3', bucket, 'nyc_yellow_taxi_raw'),
      rows: 6000,
      parts: 4,
    });
    const [run] = await data.query<{ rows_loaded: number | bigint }>(config.eltSql);
    expect(Number(run?.rows_loaded)).toBe(sample.rows);

    const view = await data.query<{
      pickup_month: string;
      avg_distance: number;
      avg_fare: number;
      total_trips: number | bigint;
      total_distance_per_month: number;
      total_fare_per_month: number;
    }>('SELECT * FROM nyc_yellow_taxi_volume_analysis ORDER BY pickup_month');
    const expected = monthsOf(sample);
    expect(view.map((row) => row.pickup_month)).toEqual(expected.map((month) => month.month));
    for (const [index, row] of view.entries()) {
      const month = expected[index]!;
      expect(Number(row.total_trips)).toBe(month.trips);
      expect(row.avg_distance).toBe(roundHalfAwayFromZero(month.distance / month.trips, 2));
      expect(row.avg_fare).toBe(roundHalfAwayFromZero(month.fare / month.trips, 2));
      expect(row.total_distance_per_month).toBeCloseTo(month.distance, 6);
      expect(row.total_fare_per_month).toBeCloseTo(month.fare, 6);
    }
  });
});
