/**
 * The one benchmark harness: every benchmark under bench/ measures with it, prints a table and
 * writes bench/results/<name>.json with the machine, the command, every run's figures, median,
 * min and max. Comparisons alternate A and B inside one run and are reported as ratios.
 *
 * Runs on Node 24 with type stripping (`node bench/<file>.ts`): erasable TypeScript only.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the result was written (the machine may be shared). */
  loadAverage?: number[];
}

export interface Metric {
  /** What is measured, e.g. "rows/s" or "ms". */
  unit: string;
  /** Every run's figure, in order. */
  runs: number[];
  median: number;
  min: number;
  max: number;
}

export interface BenchmarkResult {
  name: string;
  description: string;
  command: string;
  date: string;
  machine: Machine;
  metrics: Record<string, Metric>;
  /** Ratios between metrics measured side by side in the same run (e.g. typed / naive). */
  ratios: Record<string, number>;
  /** Anything else worth keeping: sizes, settings, targets and whether they were met. */
  notes: Record<string, string | number | boolean>;
  /** Tables of figures worth reading side by side (e.g. a series over data sizes), rendered as they are. */
  tables?: ResultTable[];
}

/** A table of a result: a title, column names and rows of cells (numbers are formatted when rendered). */
export interface ResultTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

const benchDirectory = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Describes the machine the figures come from. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

/** Summarises a list of figures. */
export function summarise(unit: string, runs: number[]): Metric {
  if (runs.length === 0) throw new Error(`metric in ${unit} has no runs`);
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { unit, runs, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** The p-th percentile (0–100) of `values`, nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error(`percentile ${p} of no values`);
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be from 0 to 100; got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * Runs `a` and `b` alternately `rounds` times (after `warmup` unmeasured rounds of each), so
 * drift of a noisy machine falls on both sides equally. Each function returns its figure.
 */
export async function alternate(
  rounds: number,
  a: () => Promise<number> | number,
  b: () => Promise<number> | number,
  warmup = 1,
): Promise<{ a: number[]; b: number[] }> {
  for (let round = 0; round < warmup; round++) {
    await a();
    await b();
  }
  const result = { a: [] as number[], b: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    result.a.push(await a());
    result.b.push(await b());
  }
  return result;
}

/** Formats a number for a table: integers with thousands separators, others to 3 significant digits. */
export function formatFigure(value: number): string {
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

/** Prints the result as a table and writes bench/results/<name>.json; returns the file path. */
export function report(
  result: Omit<BenchmarkResult, 'date' | 'machine' | 'command'> & { command?: string },
): string {
  const full: BenchmarkResult = {
    ...result,
    command:
      result.command ??
      [
        'pnpm exec node',
        path.relative(path.dirname(benchDirectory), process.argv[1] ?? ''),
        ...process.argv.slice(2),
      ].join(' '),
    date: new Date().toISOString(),
    machine: describeMachine(),
  };
  const rows = Object.entries(full.metrics).map(([name, metric]) => ({
    metric: name,
    unit: metric.unit,
    median: formatFigure(metric.median),
    min: formatFigure(metric.min),
    max: formatFigure(metric.max),
    runs: metric.runs.length,
  }));
  console.log(`\n${full.name}: ${full.description}`);
  console.log(
    `${full.machine.cpu}, ${full.machine.cores} cores, ${full.machine.memoryGiB} GiB, Node ${full.machine.node}, load ${full.machine.loadAverage?.join(' ') ?? 'unknown'}`,
  );
  console.table(rows);
  for (const [name, ratio] of Object.entries(full.ratios)) console.log(`ratio ${name}: ${ratio.toFixed(3)}`);
  for (const [name, note] of Object.entries(full.notes)) console.log(`${name}: ${note}`);
  for (const table of full.tables ?? []) {
    console.log(`\n${table.title}`);
    console.table(
      table.rows.map((row) =>
        Object.fromEntries(
          table.columns.map((column, index) => {
            const cell = row[index] ?? '';
            return [column, typeof cell === 'number' ? formatFigure(cell) : cell];
          }),
        ),
      ),
    );
  }
  const directory = path.join(benchDirectory, 'results');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${full.name}.json`);
  writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  return file;
}

/** The current git commit, for results that want it; "unknown" outside a checkout. */
export function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // Outside a git checkout (an unpacked tarball): the commit is simply unknown.
    return 'unknown';
  }
}
