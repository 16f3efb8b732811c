/**
 * The "raw engine" load for the redshift-local benchmark: the same pipe-delimited part files loaded
 * into the same table by each engine's own fastest path, with no shiftflow code (no dialect, no
 * compatibility SQL, no COPY helper, no worker, no Data API), then the same monthly view refreshed.
 * - PGlite: `COPY … FROM '/dev/blob'` with each part file passed as the query's blob (PGlite's
 *   documented way to COPY data from the host; the blob is the whole file, in memory, one at a time).
 * - PostgreSQL: psql's `\copy … from '<file>'`, which streams the file over `COPY … FROM STDIN`.
 * Text format with `DELIMITER '|'` (PostgreSQL's native format; the generated files hold no empty
 * fields and no backslashes, so it reads them exactly as the Redshift COPY does).
 * Runs on Node 24 with type stripping: erasable TypeScript only.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '../../packages/redshift-local/node_modules/@electric-sql/pglite/dist/index.js';
import { parseBinaryCopySpec } from '../../packages/redshift-local/src/dialect/binary-copy-spec.ts';
import { convertTextToBinaryCopy } from '../../packages/redshift-local/src/dialect/text-to-binary-copy.ts';

/** The seed pipeline's table and view in plain PostgreSQL (what the dialect makes of seed-data.ts's SQL). */
export const rawSetupSql = `
CREATE TABLE IF NOT EXISTS nyc_yellow_taxi
(pickup_date DATE, pickup_datetime TIMESTAMP, dropoff_datetime TIMESTAMP, ratecode SMALLINT,
 passenger_count SMALLINT, trip_distance FLOAT4, fare_amount FLOAT4, total_amount FLOAT4,
 payment_type SMALLINT, vendorid VARCHAR(20));
CREATE MATERIALIZED VIEW nyc_yellow_taxi_volume_analysis AS
SELECT date_trunc('month', pickup_date)::timestamp AS pickup_month,
       round(avg(trip_distance)::numeric, 2) AS avg_distance,
       round(avg(fare_amount)::numeric, 2) AS avg_fare,
       count(1) AS total_trips,
       sum(trip_distance::float8) AS total_distance_per_month,
       sum(fare_amount::float8) AS total_fare_per_month
FROM nyc_yellow_taxi GROUP BY 1;
`;

const refresh = 'REFRESH MATERIALIZED VIEW nyc_yellow_taxi_volume_analysis';

/** A plain PGlite on `dataDir` (on disk, as the engine keeps it) with the raw table and view. */
export async function openRawPglite(dataDir: string): Promise<PGlite> {
  const db = await PGlite.create({ dataDir });
  await db.exec(rawSetupSql);
  return db;
}

/** TRUNCATE + `COPY FROM '/dev/blob'` of each file + REFRESH, in one transaction; returns seconds. */
export async function rawPgliteLoad(db: PGlite, files: readonly string[]): Promise<number> {
  const started = performance.now();
  await db.exec('BEGIN; TRUNCATE nyc_yellow_taxi;');
  for (const file of files) {
    await db.query("COPY nyc_yellow_taxi FROM '/dev/blob' WITH (DELIMITER '|')", [], {
      blob: new Blob([readFileSync(file)]),
    });
  }
  await db.exec(`${refresh}; COMMIT;`);
  return (performance.now() - started) / 1000;
}

/**
 * The seed's part files converted to PostgreSQL's binary COPY format, one file per part in `folder`, by
 * the converter the shiftflow COPY helper uses on PGlite (packages/redshift-local/src/dialect/
 * text-to-binary-copy.ts) with the seed table's column types; not timed (the raw binary load's input).
 */
export function convertToBinaryCopyFiles(files: readonly string[], folder: string): string[] {
  // Pipe-delimited, chr(1) as the fast path's quote byte, no header, NULL AS '', the seed table's columns.
  const spec = parseBinaryCopySpec('7c:01:0::1:-:d,ts,ts,i2,i2,f4,f4,f4,i2,v20');
  return files.map((file, index) => {
    const target = path.join(folder, `part-${index}.bin`);
    const input = openSync(file, 'r');
    const output = openSync(target, 'w');
    try {
      convertTextToBinaryCopy(spec, input, output, file);
    } finally {
      closeSync(input);
      closeSync(output);
    }
    return target;
  });
}

/**
 * The engine's own load of binary COPY data (PostgreSQL's fastest input: no text parsing), as
 * {@link rawPgliteLoad} does it otherwise: TRUNCATE + `COPY … FROM '/dev/blob' WITH (FORMAT binary)`
 * of each converted file + REFRESH, in one transaction; returns seconds.
 */
export async function rawPgliteBinaryLoad(db: PGlite, binaryFiles: readonly string[]): Promise<number> {
  const started = performance.now();
  await db.exec('BEGIN; TRUNCATE nyc_yellow_taxi;');
  for (const file of binaryFiles) {
    await db.query("COPY nyc_yellow_taxi FROM '/dev/blob' WITH (FORMAT binary)", [], {
      blob: new Blob([readFileSync(file)]),
    });
  }
  await db.exec(`${refresh}; COMMIT;`);
  return (performance.now() - started) / 1000;
}

/** The rows in the raw table (to check a load). */
export async function rawPgliteCount(db: PGlite): Promise<number> {
  const result = await db.query<{ count: string }>('SELECT count(*)::text AS count FROM nyc_yellow_taxi');
  return Number(result.rows[0]?.count);
}

/** Runs `sql` (a psql script) against `url` with psql, stopping at the first error; returns seconds. */
export function psqlScript(url: string, script: string, scratch: string): number {
  const file = path.join(scratch, `raw-${process.pid}-${Date.now()}.sql`);
  writeFileSync(file, `\\set ON_ERROR_STOP 1\n${script}\n`);
  const started = performance.now();
  const result = spawnSync('psql', ['--no-psqlrc', '--quiet', '--dbname', url, '--file', file], {
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`psql failed (exit ${result.status}): ${result.stderr}`);
  return seconds;
}

/** TRUNCATE + psql `\copy` (COPY FROM STDIN) of each file + REFRESH, in one transaction; returns seconds. */
export function rawPostgresLoad(url: string, files: readonly string[], scratch: string): number {
  const copies = files.map(
    (file) => `\\copy nyc_yellow_taxi from '${file.replaceAll("'", "''")}' with (delimiter '|')`,
  );
  return psqlScript(
    url,
    ['BEGIN;', 'TRUNCATE nyc_yellow_taxi;', ...copies, `${refresh};`, 'COMMIT;'].join('\n'),
    scratch,
  );
}
