import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { SeedError } from '../errors';
import { crashPoint } from '../files/crash-point';
import { syncDirectory } from '../files/write-file-atomic';
import { nycYellowTaxiColumns, tripRowFormatter } from './format-trip-row';
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
  /** Column names in file order. Defaults to the reference sample's ten columns ({@link nycYellowTaxiColumns}). */
  columns?: readonly string[];
  /** Write gzip-compressed parts (`part-0000.gz`, …), which COPY loads with its GZIP option. Defaults to false. */
  gzip?: boolean;
}

/** What {@link writeSampleData} wrote. */
export interface SampleData {
  rows: number;
  /** `bytes`: the size of the data before compression; `fileBytes`: the file's size on disk. */
  files: { path: string; rows: number; bytes: number; fileBytes: number }[];
}

const rowsPerChunk = 4096;
const partFile = /^part-\d+/;
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
  const format = tripRowFormatter(options.columns ?? nycYellowTaxiColumns);
  const gzip = options.gzip === true;
  const parent = path.dirname(path.resolve(directory));
  const name = path.basename(path.resolve(directory));
  await mkdir(parent, { recursive: true });
  await removeLeftovers(parent, name);
  // The parts are written into a hidden folder beside the prefix and moved into place in one
  // rename, so a crash leaves either the old sample or the new one, never a part of it: a
  // half-written sample that every later run loaded without a word is what this prevents.
  const staging = path.join(parent, `.${name}.seeding-${randomUUID()}`);
  await mkdir(staging);
  try {
    const random = createSeededRandom(seed);
    const files: SampleData['files'] = [];
    for (let part = 0; part < parts; part++) {
      const partRows = Math.floor(rows / parts) + (part < rows % parts ? 1 : 0);
      if (partRows === 0) continue;
      const partName = `part-${String(part).padStart(4, '0')}${gzip ? '.gz' : ''}`;
      const { bytes, fileBytes } = await writePart(path.join(staging, partName), partRows, gzip, () =>
        format(generateTrip(random)),
      );
      files.push({ path: path.join(directory, partName), rows: partRows, bytes, fileBytes });
      crashPoint('sample-part-written');
    }
    await syncDirectory(staging);
    await replaceParts(directory, staging, parent, name);
    return { rows, files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Writes one part file from generated lines, streaming (gzip-compressed if asked), and flushes it; returns its sizes. */
async function writePart(
  file: string,
  partRows: number,
  gzip: boolean,
  line: () => string,
): Promise<{ bytes: number; fileBytes: number }> {
  let bytes = 0;
  const chunks = function* (): Generator<string> {
    for (let written = 0; written < partRows; written += rowsPerChunk) {
      const count = Math.min(rowsPerChunk, partRows - written);
      const lines = new Array<string>(count);
      for (let index = 0; index < count; index++) lines[index] = line();
      const chunk = `${lines.join('\n')}\n`;
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  };
  if (gzip) await pipeline(Readable.from(chunks()), createGzip(), createWriteStream(file));
  else await pipeline(Readable.from(chunks()), createWriteStream(file));
  const handle = await open(file, 'r');
  try {
    await handle.sync();
    return { bytes, fileBytes: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}

/**
 * Puts the staged parts in place of the folder's old part files. When the folder holds only part
 * files (the usual case) it is swapped whole: renamed aside, the staging folder renamed in, the old
 * one removed. A folder holding other objects too keeps them; its part files are replaced one by one.
 */
async function replaceParts(directory: string, staging: string, parent: string, name: string): Promise<void> {
  const existing = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing === undefined) {
    await rename(staging, directory);
  } else if (existing.every((entry) => partFile.test(entry))) {
    const aside = path.join(parent, `.${name}.replaced-${randomUUID()}`);
    await rename(directory, aside);
    await rename(staging, directory);
    await rm(aside, { recursive: true, force: true });
  } else {
    for (const entry of existing) if (partFile.test(entry)) await rm(path.join(directory, entry));
    for (const entry of await readdir(staging)) {
      await rename(path.join(staging, entry), path.join(directory, entry));
    }
  }
  await syncDirectory(parent);
}

/** Removes staging and set-aside folders an earlier write left when it was killed. */
async function removeLeftovers(parent: string, name: string): Promise<void> {
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(`.${name}.seeding-`) || entry.startsWith(`.${name}.replaced-`)) {
      await rm(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}
