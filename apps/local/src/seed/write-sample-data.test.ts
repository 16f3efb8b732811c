import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeedError } from '../errors';
import { nycYellowTaxiColumns } from './format-trip-row';
import { writeSampleData } from './write-sample-data';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'seed-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function readRows(files: { path: string }[]): Promise<string[][]> {
  const rows: string[][] = [];
  for (const file of files) {
    const text = await readFile(file.path, 'utf8');
    for (const line of text.split('\n')) if (line !== '') rows.push(line.split('|'));
  }
  return rows;
}

const share = (values: unknown[], predicate: (value: unknown) => boolean): number =>
  values.filter(predicate).length / values.length;

describe('writeSampleData', () => {
  it('writes the same bytes for the same seed and different ones for another seed', async () => {
    const first = await writeSampleData({ directory: path.join(directory, 'a'), rows: 1000, seed: 7 });
    const second = await writeSampleData({ directory: path.join(directory, 'b'), rows: 1000, seed: 7 });
    const other = await writeSampleData({ directory: path.join(directory, 'c'), rows: 1000, seed: 8 });

    const text = async (data: typeof first) =>
      (await Promise.all(data.files.map((file) => readFile(file.path, 'utf8')))).join('');
    expect(await text(first)).toBe(await text(second));
    expect(await text(first)).not.toBe(await text(other));
  });

  it('splits the rows over numbered part files in the column order asked for', async () => {
    const data = await writeSampleData({
      directory,
      rows: 10,
      parts: 3,
      columns: ['pickup_date', 'fare_amount'],
    });

    expect(data.files.map((file) => path.basename(file.path))).toEqual([
      'part-0000',
      'part-0001',
      'part-0002',
    ]);
    expect(data.files.map((file) => file.rows)).toEqual([4, 3, 3]);
    const rows = await readRows(data.files);
    expect(rows).toHaveLength(10);
    for (const [date, fare] of rows) {
      expect(date).toMatch(/^2015-\d\d-\d\d$/);
      expect(fare).toMatch(/^\d+\.\d\d$/);
    }
  });

  it("writes the reference sample's ten columns by default, pickup date and times consistent", async () => {
    const data = await writeSampleData({ directory, rows: 2000, seed: 2015 });
    const rows = await readRows(data.files);
    expect(rows).toHaveLength(2000);
    for (const row of rows) {
      expect(row).toHaveLength(nycYellowTaxiColumns.length);
      const [date, pickup, dropoff] = row as [string, string, string];
      expect(pickup).toMatch(/^2015-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(pickup.slice(0, 10)).toBe(date);
      expect(dropoff > pickup).toBe(true);
      expect(
        Date.parse(`${dropoff.replace(' ', 'T')}Z`) - Date.parse(`${pickup.replace(' ', 'T')}Z`),
      ).toBeGreaterThanOrEqual(30_000);
    }
  });

  it('generates realistic distributions: monthly volumes of 2015, fares growing with distance, 2015 codes', async () => {
    const data = await writeSampleData({ directory, rows: 20_000, seed: 2015 });
    const rows = await readRows(data.files);
    const column = (name: string) => rows.map((row) => row[nycYellowTaxiColumns.indexOf(name)]!);
    const numbers = (name: string) => column(name).map(Number);

    // Trips per month follow the TLC's 2015 counts: March busiest, August quietest.
    const perMonth = new Map<string, number>();
    for (const date of column('pickup_date'))
      perMonth.set(date.slice(0, 7), (perMonth.get(date.slice(0, 7)) ?? 0) + 1);
    expect([...perMonth.keys()].sort()).toEqual(
      Array.from({ length: 12 }, (_, m) => `2015-${String(m + 1).padStart(2, '0')}`),
    );
    const monthShare = (month: string) => (perMonth.get(month) ?? 0) / rows.length;
    expect(monthShare('2015-03')).toBeGreaterThan(0.085);
    expect(monthShare('2015-08')).toBeLessThan(0.081);
    expect(monthShare('2015-03')).toBeGreaterThan(monthShare('2015-08') + 0.008);

    const distances = numbers('trip_distance').sort((a, b) => a - b);
    const median = distances[Math.floor(distances.length / 2)]!;
    const mean = distances.reduce((sum, value) => sum + value, 0) / distances.length;
    expect(median).toBeGreaterThan(1.3);
    expect(median).toBeLessThan(2.3);
    expect(mean).toBeGreaterThan(median); // right-skewed, like a log-normal
    expect(distances[0]).toBeGreaterThan(0);

    const passengers = numbers('passenger_count');
    expect(Math.max(...passengers)).toBe(6);
    expect(share(passengers, (value) => value === 1)).toBeGreaterThan(0.6);

    const payments = numbers('payment_type');
    expect(new Set(payments)).toEqual(new Set([1, 2, 3, 4]));
    expect(share(payments, (value) => value === 1)).toBeGreaterThan(0.55);

    // 2015 files: VendorID 1 (Creative Mobile) or 2 (VeriFone); RateCodeID 1-6, mostly 1.
    expect(new Set(column('vendorid'))).toEqual(new Set(['1', '2']));
    const rateCodes = numbers('ratecode');
    expect(share(rateCodes, (value) => value === 1)).toBeGreaterThan(0.9);
    expect(new Set(rateCodes).size).toBeGreaterThanOrEqual(5);
    expect(rateCodes.every((value) => (value >= 1 && value <= 6) || value === 99)).toBe(true);

    const fares = numbers('fare_amount');
    const totals = numbers('total_amount');
    for (let index = 0; index < rows.length; index++) {
      expect(fares[index]).toBeGreaterThanOrEqual(2.5);
      expect(totals[index]).toBeGreaterThanOrEqual(fares[index]!);
    }
    // Fares grow with distance: standard-rate trips over 5 miles cost more than 3 times those under 1.
    const distanceOf = numbers('trip_distance');
    const standardFare = (predicate: (distance: number) => boolean) => {
      const selected = fares.filter((_, index) => rateCodes[index] === 1 && predicate(distanceOf[index]!));
      return selected.reduce((sum, fare) => sum + fare, 0) / selected.length;
    };
    expect(standardFare((distance) => distance > 5)).toBeGreaterThan(
      3 * standardFare((distance) => distance < 1),
    );
  });

  it('writes gzip-compressed parts on request, the same lines once decompressed', async () => {
    const plain = await writeSampleData({ directory: path.join(directory, 'plain'), rows: 500, parts: 2 });
    const packed = await writeSampleData({
      directory: path.join(directory, 'packed'),
      rows: 500,
      parts: 2,
      gzip: true,
    });

    expect(packed.files.map((file) => path.basename(file.path))).toEqual(['part-0000.gz', 'part-0001.gz']);
    for (const [index, file] of packed.files.entries()) {
      const compressed = await readFile(file.path);
      expect(compressed.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(file.fileBytes).toBe(compressed.length);
      expect(file.fileBytes).toBeLessThan(file.bytes);
      expect(gunzipSync(compressed).toString('utf8')).toBe(await readFile(plain.files[index]!.path, 'utf8'));
    }
  });

  it('replaces the part files of an earlier seed', async () => {
    await writeSampleData({ directory, rows: 100, parts: 4 });
    const data = await writeSampleData({ directory, rows: 10, parts: 2 });

    const { readdir } = await import('node:fs/promises');
    expect((await readdir(directory)).sort()).toEqual(['part-0000', 'part-0001']);
    expect(data.rows).toBe(10);
  });

  it('removes the staging folder a killed write left, and never shows a part of a sample in the prefix', async () => {
    const prefix = path.join(directory, 'nyc_yellow_taxi_raw');
    const { mkdir, readdir, writeFile } = await import('node:fs/promises');
    await mkdir(path.join(directory, '.nyc_yellow_taxi_raw.seeding-left-by-kill'));
    await writeFile(path.join(directory, '.nyc_yellow_taxi_raw.seeding-left-by-kill', 'part-0000'), 'half');

    const data = await writeSampleData({ directory: prefix, rows: 100, parts: 2 });

    expect((await readdir(directory)).sort()).toEqual(['nyc_yellow_taxi_raw']);
    expect((await readdir(prefix)).sort()).toEqual(['part-0000', 'part-0001']);
    expect((await readRows(data.files)).length).toBe(100);
  });

  it('keeps other objects of the prefix when it replaces the part files', async () => {
    const { readdir, writeFile } = await import('node:fs/promises');
    await writeSampleData({ directory, rows: 100, parts: 4 });
    await writeFile(path.join(directory, 'manifest'), 'kept');

    await writeSampleData({ directory, rows: 10, parts: 2 });

    expect((await readdir(directory)).sort()).toEqual(['manifest', 'part-0000', 'part-0001']);
  });

  it('rejects a non-positive row count and names the value', async () => {
    await expect(writeSampleData({ directory, rows: 0 })).rejects.toThrow(SeedError);
    await expect(writeSampleData({ directory, rows: -5 })).rejects.toThrow('got -5');
  });

  it('rejects a column it cannot generate and names the column', async () => {
    await expect(
      writeSampleData({ directory, rows: 1, columns: ['pickup_date', 'airport_fee'] }),
    ).rejects.toThrow('column "airport_fee" has no sample-data generator');
  });
});
