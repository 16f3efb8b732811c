/**
 * PGlite's binary COPY accelerator end to end on a real PGlite: the seed's trips load through
 * `CALL run_elt_process()` by the binary path (observable: shiftflow.last_copy_binary_objects and the hook's
 * outcomes), with the same table as the text path; a declined object loads by the text path beside binary ones;
 * a binary COPY that fails mid-object leaves no row behind; a malformed line still fails the load as before.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateRedshiftSql } from '../../src/dialect/index';
import { type BinaryCopyEngine, openBinaryCopyEngine, type TestColumn } from '../support/binary-copy-engine';
import { referencePrefix, seedSetupSql, writeSeedTrips } from './seed-data';

const seedColumns: TestColumn[] = [
  { name: 'pickup_date', type: 'date' },
  { name: 'pickup_datetime', type: 'timestamp' },
  { name: 'dropoff_datetime', type: 'timestamp' },
  { name: 'ratecode', type: 'smallint' },
  { name: 'passenger_count', type: 'smallint' },
  { name: 'trip_distance', type: 'real' },
  { name: 'fare_amount', type: 'real' },
  { name: 'total_amount', type: 'real' },
  { name: 'payment_type', type: 'smallint' },
  { name: 'vendorid', type: 'varchar(20)' },
];
const seedCopy = `COPY nyc_yellow_taxi FROM 's3://${referencePrefix}/' IAM_ROLE 'arn:aws:iam::123456789012:role/x' delimiter '|'`;

describe('binary COPY accelerator on PGlite', () => {
  let engine: BinaryCopyEngine;
  beforeAll(async () => {
    engine = await openBinaryCopyEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it("loads the seed's trips through CALL run_elt_process() by the binary path, as the text path does", async () => {
    const { expected, rows } = writeSeedTrips(engine.s3Root, { rows: 20_000, parts: 4 });
    await engine.exec(translateRedshiftSql(seedSetupSql));
    await engine.exec(`SET shiftflow.binary_copy = 'on'`);
    engine.takeBinaryCopyOutcomes();
    await engine.exec('CALL run_elt_process()');
    const outcomes = engine.takeBinaryCopyOutcomes();
    expect(outcomes.map((outcome) => outcome.rows)).toEqual([5000, 5000, 5000, 5000]);
    expect(outcomes.every((outcome) => outcome.declined === undefined)).toBe(true);
    const [settings] = await engine.query<{ count: string; objects: string }>(
      `SELECT pg_last_copy_count()::text AS count, current_setting('shiftflow.last_copy_binary_objects') AS objects`,
    );
    expect(settings).toEqual({ count: String(rows), objects: '4' });
    const months = await engine.query<{ month: string; trips: string }>(
      `SELECT pickup_month::text AS month, total_trips::text AS trips FROM nyc_yellow_taxi_volume_analysis ORDER BY 1`,
    );
    expect(months).toEqual(
      expected.map((figures) => ({ month: figures.month, trips: String(figures.trips) })),
    );

    const binary = await engine.copy('nyc_yellow_taxi', seedColumns, seedCopy, true);
    const text = await engine.copy('nyc_yellow_taxi', seedColumns, seedCopy, false);
    expect(binary.binaryObjects).toBe(4);
    expect(text.binaryObjects).toBe(0);
    expect(binary.rows).toHaveLength(rows);
    expect(binary.rows).toEqual(text.rows);
  });

  it('loads GZIP objects by the binary path', async () => {
    engine.writeObject('bucket/gz/part-0.gz', gzipSync('1|a\n2|b\n'));
    engine.writeObject('bucket/gz/part-1.gz', gzipSync('3|c\n'));
    const columns = [
      { name: 'id', type: 'integer' },
      { name: 'v', type: 'varchar(3)' },
    ];
    const copy = "COPY t FROM 's3://bucket/gz/' IAM_ROLE 'arn:aws:iam::123456789012:role/x' GZIP";
    const binary = await engine.copy('t', columns, copy, true);
    expect(binary).toMatchObject({ binaryObjects: 2, count: 3, error: undefined });
    expect(binary.rows).toEqual((await engine.copy('t', columns, copy, false)).rows);
  });

  it('loads a declined object by the text path, beside objects the binary path loaded', async () => {
    engine.writeObject('bucket/mixed/part-0', '1|a\n');
    // int4in accepts blanks around a number; the binary subset does not: this object goes to the text path.
    engine.writeObject('bucket/mixed/part-1', ' 2 |b\n');
    engine.writeObject('bucket/mixed/part-2', '3|c\n');
    const columns = [
      { name: 'id', type: 'integer' },
      { name: 'v', type: 'text' },
    ];
    const copy = "COPY t FROM 's3://bucket/mixed/' IAM_ROLE 'arn:aws:iam::123456789012:role/x'";
    const binary = await engine.copy('t', columns, copy, true);
    expect(binary).toMatchObject({ binaryObjects: 2, count: 3, error: undefined });
    expect(binary.outcomes.map((outcome) => outcome.declined?.reason ?? 'binary')).toEqual([
      'binary',
      expect.stringMatching(/^line 1: field 1 " 2 " is outside the binary subset of int4$/),
      'binary',
    ]);
    expect(binary.rows).toEqual(['["1", "a"]', '["2", "b"]', '["3", "c"]']);
  });

  it('leaves no row behind when a binary COPY fails mid-object, and fails the load as the text path does', async () => {
    engine.writeObject('bucket/not-null/part-0', '1|a\n2|b\n|c\n4|d\n');
    const columns = [
      { name: 'id', type: 'integer NOT NULL' },
      { name: 'v', type: 'text' },
    ];
    const copy = "COPY t FROM 's3://bucket/not-null/' IAM_ROLE 'arn:aws:iam::123456789012:role/x'";
    const binary = await engine.copy('t', columns, copy, true);
    const text = await engine.copy('t', columns, copy, false);
    // The converter made the file (a NULL is in the subset); PostgreSQL refused row 3 inside the subtransaction.
    expect(binary.outcomes).toEqual([{ file: '/s3/bucket/not-null/part-0', rows: 4, prefetched: false }]);
    expect(binary.error).toMatch(/Load into table 't' failed/);
    expect({ rows: binary.rows, error: binary.error }).toEqual({ rows: text.rows, error: text.error });
    expect(binary.rows).toEqual([]);
  });

  it('still fails a load with a malformed line as the text path does (the object is declined)', async () => {
    engine.writeObject('bucket/bad/part-0', '2015-01-01|1\n');
    engine.writeObject('bucket/bad/part-1', '2015-13-45|2\n');
    const columns = [
      { name: 'd', type: 'date' },
      { name: 'n', type: 'integer' },
    ];
    const copy = "COPY t FROM 's3://bucket/bad/' IAM_ROLE 'arn:aws:iam::123456789012:role/x'";
    const binary = await engine.copy('t', columns, copy, true);
    const text = await engine.copy('t', columns, copy, false);
    expect(binary.outcomes.map((outcome) => outcome.declined?.reason ?? 'binary')).toEqual([
      'binary',
      expect.stringMatching(/^line 1: field 1 "2015-13-45"/),
    ]);
    expect(binary.error).toMatch(/Load into table 't' failed/);
    expect({ rows: binary.rows, error: binary.error, count: binary.count }).toEqual({
      rows: text.rows,
      error: text.error,
      count: text.count,
    });
  });
});
