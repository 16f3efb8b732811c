import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeedError } from '../errors';
import { yellowTaxi2015Columns } from './format-trip-row';
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

  it('generates realistic distributions over all twelve months of 2015', async () => {
    const data = await writeSampleData({ directory, rows: 20_000, seed: 2015 });
    const rows = await readRows(data.files);
    const column = (name: string) => rows.map((row) => row[yellowTaxi2015Columns.indexOf(name)]!);
    const numbers = (name: string) => column(name).map(Number);

    const months = new Set(column('tpep_pickup_datetime').map((value) => value.slice(0, 7)));
    expect([...months].sort()).toEqual(
      Array.from({ length: 12 }, (_, m) => `2015-${String(m + 1).padStart(2, '0')}`),
    );

    const distances = numbers('trip_distance').sort((a, b) => a - b);
    const median = distances[Math.floor(distances.length / 2)]!;
    const mean = distances.reduce((sum, value) => sum + value, 0) / distances.length;
    expect(median).toBeGreaterThan(1.3);
    expect(median).toBeLessThan(2.3);
    expect(mean).toBeGreaterThan(median); // right-skewed, like a log-normal
    expect(distances[0]).toBeGreaterThan(0);

    const passengers = numbers('passenger_count');
    expect(Math.min(...passengers)).toBe(1);
    expect(Math.max(...passengers)).toBe(6);
    expect(share(passengers, (value) => value === 1)).toBeGreaterThan(0.6);

    const payments = numbers('payment_type');
    expect(new Set(payments)).toEqual(new Set([1, 2, 3, 4]));
    expect(share(payments, (value) => value === 1)).toBeGreaterThan(0.55);

    const rateCodes = numbers('ratecodeid');
    expect(share(rateCodes, (value) => value === 1)).toBeGreaterThan(0.9);
    expect(new Set(rateCodes).size).toBeGreaterThanOrEqual(5);
    expect(Math.max(...rateCodes)).toBeLessThanOrEqual(6);

    const tips = numbers('tip_amount');
    const cashTips = tips.filter((_, index) => payments[index] === 2);
    const cardTips = tips.filter((_, index) => payments[index] === 1);
    expect(cashTips.every((tip) => tip === 0)).toBe(true);
    expect(share(cardTips, (tip) => (tip as number) > 0)).toBeGreaterThan(0.8);

    const fares = numbers('fare_amount');
    const totals = numbers('total_amount');
    for (let index = 0; index < rows.length; index++) {
      const parts = [
        'fare_amount',
        'extra',
        'mta_tax',
        'tip_amount',
        'tolls_amount',
        'improvement_surcharge',
      ];
      const sum = parts.reduce(
        (total, name) => total + Number(rows[index]![yellowTaxi2015Columns.indexOf(name)]),
        0,
      );
      expect(Math.abs(sum - totals[index]!)).toBeLessThan(0.011);
      expect(fares[index]).toBeGreaterThanOrEqual(2.5);
    }
    // Fares grow with distance: standard-rate trips over 5 miles cost more than those under 1.
    const standardFare = (predicate: (distance: number) => boolean) => {
      const selected = rows.filter((row, index) => rateCodes[index] === 1 && predicate(Number(row[4])));
      return selected.reduce((sum, row) => sum + Number(row[12]), 0) / selected.length;
    };
    expect(standardFare((distance) => distance > 5)).toBeGreaterThan(
      3 * standardFare((distance) => distance < 1),
    );
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
