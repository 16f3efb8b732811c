/**
 * One measured load of the redshift-local benchmark, in a child process of its own on a fresh engine
 * (so its peak memory is its own): `node bench/lib/load-child.ts '<task JSON>'` prints one JSON line.
 * Paths: `call` — the seed procedure's CALL on the shiftflow engine, driven directly; `http` — the
 * same CALL through the Data API endpoint with the AWS SDK; `raw` — the engine alone (raw-load.ts);
 * `raw-binary` (PGlite) — the engine alone loading the files converted to binary COPY data beforehand.
 * Runs on Node 24 with type stripping: erasable TypeScript only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPgliteEngine,
  createPostgresEngine,
  type Engine,
  LocalDataApi,
  redshiftDialect,
  startDataApiEndpoint,
} from '../../packages/redshift-local/dist/index.js';
import { seedSetupSql } from '../../packages/redshift-local/test/dialect/seed-data.ts';
import { largestPostgresProcess, residentBytes, withPeak } from './memory.ts';
import {
  convertToBinaryCopyFiles,
  openRawPglite,
  psqlScript,
  rawPgliteBinaryLoad,
  rawPgliteCount,
  rawPgliteLoad,
  rawPostgresLoad,
  rawSetupSql,
} from './raw-load.ts';

export type LoadPath = 'call' | 'http' | 'raw' | 'raw-binary';
export interface LoadTask {
  engine: 'pglite' | 'postgres';
  path: LoadPath;
  rows: number;
  s3Root: string;
  /** The folder under `s3Root` holding the part files (the procedure's S3 prefix). */
  prefix: string;
  /** A folder for data dirs and scripts, removed by the parent. */
  scratch: string;
  postgresUrl?: string;
  postgresPid?: number;
}
export interface LoadResult {
  seconds: number;
  peakBytes: number;
  /** `http`: client wall time minus the engine's own Duration of the statement. */
  httpAddedMs?: number;
}

const thisFile = fileURLToPath(import.meta.url);
const packageDirectory = path.join(path.dirname(thisFile), '..', '..', 'packages', 'redshift-local');
const requireFromPackage = createRequire(path.join(packageDirectory, 'package.json'));

/**
 * Runs every task `rounds` times, each in a fresh child process, alternating; round r starts with
 * task r (mod count), so no path always runs first. Returns the results per path, in round order.
 */
export function alternateChildren(tasks: LoadTask[], rounds: number): Map<LoadPath, LoadResult[]> {
  const results = new Map<LoadPath, LoadResult[]>(tasks.map((task) => [task.path, []]));
  for (let round = 0; round < rounds; round++) {
    for (let offset = 0; offset < tasks.length; offset++) {
      const task = tasks[(round + offset) % tasks.length]!;
      const child = spawnSync(process.execPath, [thisFile, JSON.stringify(task)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 16 * 1024 * 1024,
      });
      if (child.status !== 0) {
        throw new Error(`${task.engine} ${task.path} ${task.rows} rows failed with exit ${child.status}`);
      }
      const result = JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as LoadResult;
      console.error(
        `${task.engine} ${task.path} ${task.rows.toLocaleString('en-US')} rows: ${result.seconds.toFixed(2)} s, peak ${Math.round(result.peakBytes / 1024 ** 2)} MiB`,
      );
      results.get(task.path)!.push(result);
    }
  }
  return results;
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const pg = requireFromPackage('pg') as { Client: new (config: { connectionString: string }) => PgClient };

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database on the server for one task; returns its URL and how to drop it. */
async function freshDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_${process.pid}_${Date.now()}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${name}`;
  return {
    url: databaseUrl.toString(),
    drop: () => adminQuery(url, `DROP DATABASE ${name} WITH (FORCE)`),
  };
}

async function runSql(engine: Engine, sql: string, id: string): Promise<(string | null)[][]> {
  const [outcome] = await engine.run({
    executionId: id,
    statements: [{ sql, values: [] }],
    transaction: false,
  });
  if (outcome?.status !== 'finished') throw new Error(`${id}: ${JSON.stringify(outcome)}`);
  return outcome.rows;
}

/** The CALL on the shiftflow engine, directly or through the HTTP endpoint. */
async function shiftflowLoad(
  task: LoadTask,
  sample: () => number,
  databaseUrl?: string,
): Promise<LoadResult> {
  const setup = {
    setupSql: redshiftDialect.compatibilitySql,
    searchPath: redshiftDialect.searchPath,
    s3Root: task.s3Root,
  };
  const engine =
    databaseUrl !== undefined
      ? createPostgresEngine({ url: databaseUrl, ...setup })
      : createPgliteEngine({
          dataDir: mkdtempSync(path.join(task.scratch, 'pglite-')),
          database: 'dev',
          ...setup,
        });
  await engine.open();
  try {
    await runSql(engine, redshiftDialect.translate(seedSetupSql), 'setup');
    let measured: { value: { seconds: number; httpAddedMs?: number }; peak: number };
    if (task.path === 'http') {
      measured = await withPeak(sample, () => httpCall(engine));
    } else {
      measured = await withPeak(sample, async () => {
        const started = performance.now();
        await runSql(engine, 'CALL run_elt_process();', 'call');
        return { seconds: (performance.now() - started) / 1000 };
      });
    }
    const [[count] = []] = await runSql(engine, 'select count(*) from nyc_yellow_taxi', 'count');
    if (Number(count) !== task.rows) throw new Error(`expected ${task.rows} rows loaded, got ${count}`);
    return { ...measured.value, peakBytes: measured.peak };
  } finally {
    await engine.close();
  }
}

/** The part of @aws-sdk/client-redshift-data used here (a dependency of the package, not of bench/). */
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

async function httpCall(engine: Engine): Promise<{ seconds: number; httpAddedMs: number }> {
  const sdk = requireFromPackage('@aws-sdk/client-redshift-data') as RedshiftDataSdk;
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
  try {
    const started = performance.now();
    const { Id } = await client.send(
      new sdk.ExecuteStatementCommand({
        WorkgroupName: 'local',
        Database: 'dev',
        Sql: 'CALL run_elt_process();',
        WithEvent: true,
      }),
    );
    for (;;) {
      const described = await client.send(new sdk.DescribeStatementCommand({ Id, WaitTimeSeconds: 30 }));
      if (described.Status === 'FAILED' || described.Status === 'ABORTED') {
        throw new Error(`statement ${Id} ${described.Status}: ${described.Error}`);
      }
      if (described.Status === 'FINISHED') {
        const wallMs = performance.now() - started;
        return { seconds: wallMs / 1000, httpAddedMs: wallMs - (described.Duration ?? 0) / 1e6 };
      }
    }
  } finally {
    client.destroy();
    await endpoint.close();
    await api.close();
  }
}

async function rawLoad(task: LoadTask, sample: () => number, databaseUrl?: string): Promise<LoadResult> {
  const folder = path.join(task.s3Root, task.prefix);
  const files = readdirSync(folder)
    .sort()
    .map((file) => path.join(folder, file));
  if (databaseUrl !== undefined) {
    psqlScript(databaseUrl, rawSetupSql, task.scratch);
    const measured = await withPeak(sample, async () => rawPostgresLoad(databaseUrl, files, task.scratch));
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const count = (await client.query('select count(*)::int as count from nyc_yellow_taxi')).rows[0]?.count;
    await client.end();
    if (count !== task.rows) throw new Error(`raw: expected ${task.rows} rows loaded, got ${String(count)}`);
    return { seconds: measured.value, peakBytes: measured.peak };
  }
  const binaryFiles =
    task.path === 'raw-binary'
      ? convertToBinaryCopyFiles(files, mkdtempSync(path.join(task.scratch, 'raw-binary-')))
      : [];
  const db = await openRawPglite(mkdtempSync(path.join(task.scratch, 'raw-pglite-')));
  try {
    const measured = await withPeak(sample, () =>
      task.path === 'raw-binary' ? rawPgliteBinaryLoad(db, binaryFiles) : rawPgliteLoad(db, files),
    );
    const count = await rawPgliteCount(db);
    if (count !== task.rows) throw new Error(`raw: expected ${task.rows} rows loaded, got ${count}`);
    return { seconds: measured.value, peakBytes: measured.peak };
  } finally {
    await db.close();
  }
}

async function main(task: LoadTask): Promise<LoadResult> {
  if (task.engine === 'pglite') {
    const sample = () => residentBytes('self');
    // The data dirs this child made (mkdtemp under a folder of its own) go with it.
    const scratch = mkdtempSync(path.join(task.scratch, 'child-'));
    const own = { ...task, scratch };
    try {
      return task.path === 'raw' || task.path === 'raw-binary'
        ? await rawLoad(own, sample)
        : await shiftflowLoad(own, sample);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  if (task.postgresUrl === undefined || task.postgresPid === undefined)
    throw new Error('no PostgreSQL server given');
  const postmaster = task.postgresPid;
  const sample = () => largestPostgresProcess(postmaster);
  const database = await freshDatabase(task.postgresUrl);
  try {
    return task.path === 'raw'
      ? await rawLoad(task, sample, database.url)
      : await shiftflowLoad(task, sample, database.url);
  } finally {
    await database.drop();
  }
}

if (process.argv[1] === thisFile) {
  const task = JSON.parse(process.argv[2] ?? '') as LoadTask;
  const result = await main(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
