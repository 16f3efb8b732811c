/**
 * Typed decoding of GetStatementResult pages by @shiftflow/data-api versus a naive decoder that takes
 * the first value of each Field. 100k rows × 10 mixed-type columns in 1,000-row pages, the two measured
 * alternately in one run. Targets: ≥ 1M fields/s typed, typed time ≤ 1.5× naive time.
 *
 * Run: `pnpm --filter @shiftflow/data-api build && node bench/decoding.bench.ts`
 */
import { createRowDecoder } from '../packages/data-api/dist/index.js';
import { alternate, gitCommit, report, summarise } from './lib/harness.ts';

interface Column {
  name: string;
  typeName: string;
}

/** The Field union as the decoder takes it (the AWS SDK's type, without depending on the SDK here). */
type Records = Parameters<ReturnType<typeof createRowDecoder>['decodeRecords']>[0];
type Field = Records[number][number];

const rowCount = 100_000;
const pageSize = 1_000;
const rounds = 15;

const columns: Column[] = [
  { name: 'trip_id', typeName: 'int8' },
  { name: 'vendor_id', typeName: 'int4' },
  { name: 'passenger_count', typeName: 'int2' },
  { name: 'trip_distance', typeName: 'float8' },
  { name: 'fare_amount', typeName: 'numeric' },
  { name: 'tip_ratio', typeName: 'float4' },
  { name: 'store_and_fwd', typeName: 'bool' },
  { name: 'payment_type', typeName: 'varchar' },
  { name: 'pickup_date', typeName: 'date' },
  { name: 'pickup_at', typeName: 'timestamp' },
];

/** Deterministic pseudo-random numbers so every run decodes the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Page {
  columnMetadata: Column[];
  records: Field[][];
}

function makePages(): Page[] {
  const next = random(42);
  const payments = ['credit card', 'cash', 'no charge', 'dispute'];
  const pages = [];
  for (let start = 0; start < rowCount; start += pageSize) {
    const records: Field[][] = [];
    for (let index = start; index < start + pageSize; index++) {
      const nullable = (field: Field): Field => (next() < 0.05 ? { isNull: true } : field);
      const day = 1 + Math.floor(next() * 28);
      const date = `2024-01-${String(day).padStart(2, '0')}`;
      records.push([
        { longValue: 1_000_000_000 + index },
        { longValue: 1 + Math.floor(next() * 2) },
        nullable({ longValue: Math.floor(next() * 6) }),
        { doubleValue: Math.round(next() * 2000) / 100 },
        { stringValue: (next() * 80).toFixed(2) },
        nullable({ doubleValue: Math.fround(next() / 3) }),
        { booleanValue: next() < 0.1 },
        nullable({ stringValue: payments[Math.floor(next() * 4)]! }),
        { stringValue: date },
        { stringValue: `${date} ${String(Math.floor(next() * 24)).padStart(2, '0')}:17:42` },
      ]);
    }
    pages.push({ columnMetadata: columns, records });
  }
  return pages;
}

/** The naive decoder people write first: the first value of each Field, keyed by column name. */
function decodeNaive(page: Page): Record<string, unknown>[] {
  const names = page.columnMetadata.map((column) => column.name);
  return page.records.map((record) => {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < names.length; index++) {
      const field = record[index]!;
      let value: unknown = null;
      for (const key in field) {
        value = key === 'isNull' ? null : field[key as keyof Field];
        break;
      }
      row[names[index]!] = value;
    }
    return row;
  });
}

const pages = makePages();
let sink = 0;

function measure(decode: (page: Page) => unknown[]): number {
  const started = process.hrtime.bigint();
  let rows = 0;
  for (const page of pages) {
    const decoded = decode(page);
    rows += decoded.length;
    sink += decoded.length > 0 ? 1 : 0;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (rows !== rowCount) throw new Error(`decoded ${rows} rows, expected ${rowCount}`);
  return rows / seconds;
}

// The decoder is built per page, as results() does for each GetStatementResult response.
const typed = () => measure((page) => createRowDecoder(page.columnMetadata).decodeRecords(page.records));
const naive = () => measure(decodeNaive);

// Correctness check before timing: typed decoding gives typed values.
const sample = createRowDecoder(columns).decodeRecords(pages[0]!.records.slice(0, 1))[0];
if (typeof sample?.trip_id !== 'number' || typeof sample?.store_and_fwd !== 'boolean') {
  throw new Error(`typed decoding gave ${JSON.stringify(sample, (_key, value) => String(value))}`);
}

const runs = await alternate(rounds, typed, naive, 2);
const typedRows = summarise('rows/s', runs.a);
const naiveRows = summarise('rows/s', runs.b);
const typedFields = summarise(
  'fields/s',
  runs.a.map((rowsPerSecond) => rowsPerSecond * columns.length),
);
// time ratio = naive throughput / typed throughput, per round, then the median
const ratios = runs.a.map((typedRate, index) => runs.b[index]! / typedRate).sort((x, y) => x - y);
const timeRatio = ratios[Math.floor(ratios.length / 2)]!;

report({
  name: 'decoding',
  description: `${rowCount.toLocaleString('en-US')} rows × ${columns.length} columns in ${pageSize}-row GetStatementResult pages: typed decoding vs first value of each Field`,
  command: 'node bench/decoding.bench.ts',
  metrics: { 'typed rows/s': typedRows, 'naive rows/s': naiveRows, 'typed fields/s': typedFields },
  ratios: { 'typed time / naive time (median of rounds)': timeRatio },
  notes: {
    commit: gitCommit(),
    rounds,
    columns: columns.map((column) => column.typeName).join(', '),
    nulls: '5% in three nullable columns',
    'target ≥ 1M fields/s met': typedFields.median >= 1_000_000,
    'target ≤ 1.5× naive time met': timeRatio <= 1.5,
    'pages decoded (keeps the work observable)': sink,
  },
});
