/**
 * @shiftflow/redshift-local: the seed pipeline's `CALL run_elt_process()` (TRUNCATE + COPY from local
 * S3 + REFRESH MATERIALIZED VIEW) on 1M generated trips, through the HTTP endpoint with the AWS SDK
 * (ExecuteStatement + DescribeStatement long-poll, Redshift dialect) versus the same engine instance
 * driven directly (engine.run, no HTTP, no rewrite), alternating in one run. Targets: HTTP overhead
 * ≤ 5 %; rows/s and peak memory for PGlite and PostgreSQL; 5M rows on PGlite within 1 GB.
 * Each scenario runs in its own child process so its peak memory is its own.
 *
 * Run: `pnpm --filter @shiftflow/redshift-local build && node bench/redshift-local.bench.ts`
 * Options: `--rounds N` (default 3), `--rows N` (default 1000000), `--large-rows N` (default 5000000).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPgliteEngine,
  createPostgresEngine,
  LocalDataApi,
  redshiftDialect,
  startDataApiEndpoint,
} from '../packages/redshift-local/dist/index.js';
import { seedSetupSql } from '../packages/redshift-local/test/dialect/seed-data.ts';
import { startPostgresServer } from '../packages/redshift-local/test/support/postgres-server.ts';
import { alternate, gitCommit, report, summarise } from './lib/harness.ts';

const thisFile = fileURLToPath(import.meta.url);
const packageDirectory = path.join(path.dirname(thisFile), '..', 'packages', 'redshift-local');
/** The part of @aws-sdk/client-redshift-data this benchmark uses (typed here: bench/ does not depend on the SDK). */
interface RedshiftDataSdk {
  RedshiftDataClient: new (config: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  }) => {
    send(command: unknown): Promise<{ Id?: string; Status?: string; Error?: string; Duration?: number }>;
    destroy(): void;
  };
  ExecuteStatementCommand: new (input: Record<string, unknown>) => unknown;
  DescribeStatementCommand: new (input: Record<string, unknown>) => unknown;
}
// The SDK is a dependency of the package under test, not of bench/: load it from there.
const sdk = createRequire(path.join(packageDirectory, 'package.json'))(
  '@aws-sdk/client-redshift-data',
) as RedshiftDataSdk;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const rounds = option('rounds', 3);
const rows = option('rows', 1_000_000);
const largeRows = option('large-rows', 5_000_000);
const bucketPrefix = 'event-driven-app-with-lambda-redshift/nyc_yellow_taxi_raw';

/** Streams `count` pipe-delimited trips into 4 part files; returns bytes written. */
function generateTrips(s3Root: string, count: number): number {
  const directory = path.join(s3Root, bucketPrefix);
  mkdirSync(directory, { recursive: true, mode: 0o755 });
  let state = 42;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const parts = 4;
  let bytes = 0;
  for (let part = 0; part < parts; part++) {
    const file = openSync(path.join(directory, `part-${String(part).padStart(4, '0')}.txt`), 'w', 0o644);
    const lines: string[] = [];
    const partRows = Math.ceil(count / parts);
    for (let line = 0; line < partRows && part * partRows + line < count; line++) {
      const date = `2015-0${1 + Math.floor(next() * 6)}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const fare = (Math.floor(next() * 9000) / 100 + 2.5).toFixed(2);
      lines.push(
        `${date}|${date} 10:15:00|${date} 10:42:00|1|${1 + Math.floor(next() * 5)}|${(Math.floor(next() * 3000) / 100).toFixed(2)}|${fare}|${(Number(fare) + 1.3).toFixed(2)}|1|VTS`,
      );
      if (lines.length === 10_000) {
        bytes += writeSync(file, `${lines.join('\n')}\n`);
        lines.length = 0;
      }
    }
    if (lines.length > 0) bytes += writeSync(file, `${lines.join('\n')}\n`);
    closeSync(file);
  }
  return bytes;
}

/** Resident set size in bytes of a process, from /proc (VmRSS). */
function residentBytes(pid: number | 'self'): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    // The process ended between listing and reading: it has no memory any more.
    return 0;
  }
}

/** PIDs of the PostgreSQL server's processes (postmaster and its children). */
function postgresPids(postmaster: number): number[] {
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (Number(parent) === postmaster) pids.push(Number(entry));
    } catch {
      // Gone while listing: not part of the server any more.
    }
  }
  return pids;
}

/** Samples memory every 50 ms while `work` runs; returns its result and the peak. */
async function withPeak<T>(
  sample: () => number,
  work: () => Promise<T>,
): Promise<{ value: T; peak: number }> {
  let peak = sample();
  const timer = setInterval(() => {
    peak = Math.max(peak, sample());
  }, 50);
  try {
    const value = await work();
    peak = Math.max(peak, sample());
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

interface ScenarioResult {
  engine: string;
  rows: number;
  bytes: number;
  httpSeconds: number[];
  directSeconds: number[];
  httpAddedMs: number[];
  peakBytes: number;
  memoryScope: string;
}

async function scenario(
  kind: 'pglite' | 'postgres',
  count: number,
  compare: boolean,
): Promise<ScenarioResult> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-bench-'));
  chmodSync(root, 0o755);
  const s3Root = path.join(root, 's3');
  mkdirSync(s3Root, { mode: 0o755 });
  const bytes = generateTrips(s3Root, count);
  const server = kind === 'postgres' ? await startPostgresServer() : undefined;
  if (server !== undefined && !server.ok) throw new Error(`PostgreSQL could not start: ${server.reason}`);
  const setup = {
    setupSql: redshiftDialect.compatibilitySql,
    searchPath: redshiftDialect.searchPath,
    s3Root,
  };
  const engine =
    server?.ok === true
      ? createPostgresEngine({ url: server.url, ...setup })
      : createPgliteEngine({ dataDir: path.join(root, 'data'), database: 'dev', ...setup });
  await engine.open();
  const api = new LocalDataApi({
    engine,
    dialect: redshiftDialect,
    database: 'dev',
    region: 'us-east-1',
    account: '123456789012',
  });
  const endpoint = await startDataApiEndpoint({
    api,
    accessKeys: { test: 'test' },
    host: '127.0.0.1',
    port: 0,
  });
  const client = new sdk.RedshiftDataClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const target = { WorkgroupName: 'local', Database: 'dev' };
  async function untilDone(id: string): Promise<{ Duration?: number }> {
    for (;;) {
      const described = await client.send(new sdk.DescribeStatementCommand({ Id: id, WaitTimeSeconds: 30 }));
      if (described.Status === 'FINISHED') return described;
      if (described.Status === 'FAILED' || described.Status === 'ABORTED') {
        throw new Error(`statement ${id} ${described.Status}: ${described.Error}`);
      }
    }
  }
  const { Id: setupId } = await client.send(
    new sdk.ExecuteStatementCommand({ ...target, Sql: seedSetupSql }),
  );
  await untilDone(setupId!);

  // What HTTP adds around one run: client wall time minus the engine's own Duration of the statement.
  const httpAddedMs: number[] = [];
  const viaHttp = async (): Promise<number> => {
    const started = performance.now();
    const { Id } = await client.send(
      new sdk.ExecuteStatementCommand({ ...target, Sql: 'CALL run_elt_process();', WithEvent: true }),
    );
    const described = await untilDone(Id!);
    const wallMs = performance.now() - started;
    httpAddedMs.push(wallMs - (described.Duration ?? 0) / 1e6);
    return wallMs / 1000;
  };
  let direct = 0;
  const viaEngine = async (): Promise<number> => {
    const started = performance.now();
    const [outcome] = await engine.run({
      executionId: `direct-${direct++}`,
      statements: [{ sql: 'CALL run_elt_process();', values: [] }],
      transaction: false,
    });
    if (outcome?.status !== 'finished')
      throw new Error(`direct CALL ${outcome?.status}: ${JSON.stringify(outcome)}`);
    return (performance.now() - started) / 1000;
  };
  const sample =
    server?.ok === true
      ? () => Math.max(...postgresPids(server.pid).map((pid) => residentBytes(pid)))
      : () => residentBytes('self');
  const { value: timings, peak } = await withPeak(sample, async () =>
    compare ? alternate(rounds, viaHttp, viaEngine) : { a: [await viaHttp()], b: [] as number[] },
  );
  const [check] = await engine.run({
    executionId: 'count',
    statements: [{ sql: 'select count(*) from nyc_yellow_taxi', values: [] }],
    transaction: false,
  });
  if (check?.status !== 'finished' || Number(check.rows[0]?.[0]) !== count) {
    throw new Error(`expected ${count} rows loaded, got ${JSON.stringify(check)}`);
  }
  client.destroy();
  await endpoint.close();
  await engine.close();
  await api.close();
  if (server?.ok === true) await server.stop();
  rmSync(root, { recursive: true, force: true });
  return {
    engine: kind,
    rows: count,
    bytes,
    httpSeconds: timings.a,
    directSeconds: timings.b,
    // The first HTTP run is the harness's unmeasured warm-up.
    httpAddedMs: httpAddedMs.slice(compare ? 1 : 0),
    peakBytes: peak,
    memoryScope:
      kind === 'postgres'
        ? 'largest PostgreSQL server process (backend) RSS'
        : 'whole Node process RSS (host + PGlite worker)',
  };
}

function runChild(name: string): ScenarioResult {
  const child = spawnSync(process.execPath, [thisFile, '--child', name, ...process.argv.slice(2)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`scenario ${name} failed with exit ${child.status}`);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ScenarioResult;
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  const name = process.argv[childIndex + 1];
  const result =
    name === 'pglite'
      ? await scenario('pglite', rows, true)
      : name === 'postgres'
        ? await scenario('postgres', rows, true)
        : await scenario('pglite', largeRows, false);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const startLoad = os.loadavg()[0] ?? 0;
const pglite = runChild('pglite');
const postgres = runChild('postgres');
const large = runChild('pglite-large');
const median = (values: number[]) => summarise('s', values).median;
const gib = 1024 ** 3;
const ratio = (result: ScenarioResult) => median(result.httpSeconds) / median(result.directSeconds);
// Each round runs HTTP then direct back to back: the median of the per-round ratios resists load drift.
const pairedRatios = (result: ScenarioResult) =>
  result.httpSeconds.map((seconds, index) => seconds / (result.directSeconds[index] ?? Number.NaN));
report({
  name: 'redshift-local',
  description: `pipeline CALL (TRUNCATE + COPY from local S3 + REFRESH MV) on ${rows.toLocaleString('en-US')} rows: HTTP endpoint vs engine direct, alternating ${rounds} rounds; ${largeRows.toLocaleString('en-US')} rows on PGlite`,
  metrics: {
    'pglite http s': summarise('s', pglite.httpSeconds),
    'pglite direct s': summarise('s', pglite.directSeconds),
    'pglite http rows/s': summarise(
      'rows/s',
      pglite.httpSeconds.map((seconds) => rows / seconds),
    ),
    'postgres http s': summarise('s', postgres.httpSeconds),
    'postgres direct s': summarise('s', postgres.directSeconds),
    'postgres http rows/s': summarise(
      'rows/s',
      postgres.httpSeconds.map((seconds) => rows / seconds),
    ),
    'pglite http/direct per round': summarise('ratio', pairedRatios(pglite)),
    'pglite http added ms (wall - engine Duration)': summarise('ms', pglite.httpAddedMs),
    'postgres http added ms (wall - engine Duration)': summarise('ms', postgres.httpAddedMs),
    'postgres http/direct per round': summarise('ratio', pairedRatios(postgres)),
    'pglite large http s': summarise('s', large.httpSeconds),
    'pglite large rows/s': summarise(
      'rows/s',
      large.httpSeconds.map((seconds) => largeRows / seconds),
    ),
  },
  ratios: {
    'pglite http / direct': ratio(pglite),
    'postgres http / direct': ratio(postgres),
  },
  notes: {
    commit: gitCommit(),
    'data 1M bytes': pglite.bytes,
    'data large bytes': large.bytes,
    'pglite peak MiB (1M)': Math.round(pglite.peakBytes / 1024 ** 2),
    'pglite peak scope': pglite.memoryScope,
    'postgres peak MiB (1M)': Math.round(postgres.peakBytes / 1024 ** 2),
    'postgres peak scope': postgres.memoryScope,
    'pglite peak MiB (large)': Math.round(large.peakBytes / 1024 ** 2),
    'target pglite overhead <= 5% (median per-round ratio)': median(pairedRatios(pglite)) <= 1.05,
    'target postgres overhead <= 5% (median per-round ratio)': median(pairedRatios(postgres)) <= 1.05,
    'pglite http added / direct median': median(pglite.httpAddedMs) / 1000 / median(pglite.directSeconds),
    'postgres http added / direct median':
      median(postgres.httpAddedMs) / 1000 / median(postgres.directSeconds),
    'load average at start (1 min)': startLoad,
    'target large within 1 GiB': large.peakBytes <= gib,
  },
});
