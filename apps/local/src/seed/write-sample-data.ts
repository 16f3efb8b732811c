import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SeedError } from '../errors';
import { tripRowFormatter, yellowTaxi2015Columns } from './format-trip-row';
import { generateTrip } from './generate-trip';
import { createSeededRandom } from './seeded-random';

/** Options of {@link writeSampleData}. */
export interface WriteSampleDataOptions {
  /** Folder the part files go to (the local S3 prefix); created if missing, old part files replaced. */
  directory: string;
  /** Number of trips in total. */
  rows: number;
  /** PRNG seed. Defaults to 2015. */
  seed?: number;
  /** Number of part files (`part-0000`, `part-0001`, …). Defaults to 4. */
  parts?: number;
  /** Column names in file order. Defaults to the TLC 2015 yellow-taxi columns. */
  columns?: readonly string[];
}

/** What {@link writeSampleData} wrote. */
export interface SampleData {
  rows: number;
  files: { path: string; rows: number; bytes: number }[];
}

const rowsPerChunk = 4096;
/** The default sample: loads in about a second on the local engine. */
export const defaultSampleRows = 20_000;

/**
 * Writes deterministic synthetic NYC yellow-taxi trips as pipe-delimited part files, streaming.
 *
 * @example
 * await writeSampleData({ directory: '.shiftflow/s3/shiftflow-sample/nyc_yellow_taxi_raw', rows: 20_000 });
 */
export async function writeSampleData(options: WriteSampleDataOptions): Promise<SampleData> {
  const { directory, rows } = options;
  const parts = options.parts ?? 4;
  const seed = options.seed ?? 2015;
  if (!Number.isSafeInteger(rows) || rows < 1) {
    throw new SeedError(`rows must be a positive integer, got ${String(rows)}`, rows);
  }
  if (!Number.isSafeInteger(parts) || parts < 1 || parts > 9999) {
    throw new SeedError(`parts must be an integer from 1 to 9999, got ${String(parts)}`, parts);
  }
  if (!Number.isSafeInteger(seed)) throw new SeedError(`seed must be an integer, got ${String(seed)}`, seed);
  const format = tripRowFormatter(options.columns ?? yellowTaxi2015Columns);
  await mkdir(directory, { recursive: true });
  for (const entry of await readdir(directory)) {
    if (/^part-\d+/.test(entry)) await rm(path.join(directory, entry));
  }
  const random = createSeededRandom(seed);
  const files: SampleData['files'] = [];
  for (let part = 0; part < parts; part++) {
    const partRows = Math.floor(rows / parts) + (part < rows % parts ? 1 : 0);
    if (partRows === 0) continue;
    const file = path.join(directory, `part-${String(part).padStart(4, '0')}`);
    let bytes = 0;
    const chunks = function* (): Generator<string> {
      for (let written = 0; written < partRows; written += rowsPerChunk) {
        const count = Math.min(rowsPerChunk, partRows - written);
        const lines = new Array<string>(count);
        for (let index = 0; index < count; index++) lines[index] = format(generateTrip(random));
        const chunk = `${lines.join('\n')}\n`;
        bytes += Buffer.byteLength(chunk);
        yield chunk;
      }
    };
    await pipeline(Readable.from(chunks()), createWriteStream(file));
    files.push({ path: file, rows: partRows, bytes });
  }
  return { rows, files };
}
