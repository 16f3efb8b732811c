/**
 * Handler bundles: size (raw and gzipped) and cold import time in fresh processes of each Lambda
 * bundle, beside a bundle of exactly the AWS SDK clients (and the commands) that handler constructs
 * when deployed, built in this run with the esbuild and the settings tsup's `lambdaBundle` uses. Runs
 * alternate bundle and baseline so machine drift hits both.
 *
 * Aim: at most +15% import time and +60 KB zipped over the bare clients. So that import time is not
 * bought by a slower first call, the same fresh process then times the first invocation, for the
 * runner: its handler with a Scheduler input vs the bare client's ListStatements and ExecuteStatement
 * (the two calls the handler makes), both against a stub Data API endpoint in this process (import +
 * first invocation is reported as a ratio too).
 * Build first: `pnpm --filter @shiftflow/elt-runner --filter @shiftflow/notifier build`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { alternate, gitCommit, type Metric, report, summarise } from './lib/harness.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The esbuild tsup bundles the handlers with (tsup pins its own, which may differ from the root's).
const require = createRequire(import.meta.url);
const { build, version: esbuildVersion } = createRequire(require.resolve('tsup'))(
  'esbuild',
) as typeof import('esbuild');
const rounds = Number(process.env.SHIFTFLOW_BENCH_ROUNDS ?? 15);

interface HandlerBundle {
  name: string;
  file: string;
  /** The bare SDK clients the handler uses, as an entry source, and where to resolve them from. */
  baseline: { source: string; resolveDir: string };
  /**
   * The first invocation after the import, as a statement over the imported module `m`: the handler's,
   * and the bare clients' (the call the handler makes). None: only the import is timed.
   */
  firstInvocation?: { handler: string; bare: string };
}

const redshiftData =
  "export { RedshiftDataClient, ExecuteStatementCommand, BatchExecuteStatementCommand, DescribeStatementCommand, ListStatementsCommand, GetStatementResultCommand } from '@aws-sdk/client-redshift-data';";
const sns = "export { SNSClient, PublishCommand } from '@aws-sdk/client-sns';";
// The deployed notifier's ledger is DynamoDB (apps/infra sets SHIFTFLOW_LEDGER_TYPE=dynamodb), so its
// Lambda constructs this client too.
const dynamodb =
  "export { DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand } from '@aws-sdk/client-dynamodb';";

const handlers: HandlerBundle[] = [
  {
    name: 'elt-runner',
    file: 'packages/elt-runner/dist/lambda/index.mjs',
    baseline: { source: redshiftData, resolveDir: 'packages/elt-runner' },
    firstInvocation: {
      handler:
        "await m.handler({source:'shiftflow.scheduler',scheduledTime:new Date(Date.UTC(2026,0,1,0,0,0)+process.pid*60000).toISOString()});",
      // The same two calls the runner makes: its overlap guard (ListStatements) and ExecuteStatement.
      bare: "const client=new m.RedshiftDataClient({});await client.send(new m.ListStatementsCommand({Status:'ALL',StatementName:'nyc-taxi/',RoleLevel:false}));await client.send(new m.ExecuteStatementCommand({WorkgroupName:'shiftflow',Database:'dev',Sql:'CALL run_elt_process();'}));",
    },
  },
  {
    name: 'elt-runner-setup',
    file: 'packages/elt-runner/dist/setup/index.mjs',
    baseline: { source: redshiftData, resolveDir: 'packages/elt-runner' },
  },
  {
    name: 'notifier',
    file: 'packages/notifier/dist/lambda/index.mjs',
    baseline: { source: `${redshiftData}\n${sns}\n${dynamodb}`, resolveDir: 'packages/notifier' },
  },
];

async function buildBaseline(handler: HandlerBundle, directory: string): Promise<string> {
  const outfile = path.join(directory, `${handler.name}-bare-clients.mjs`);
  await build({
    stdin: {
      contents: handler.baseline.source,
      resolveDir: path.join(root, handler.baseline.resolveDir),
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

const execFileAsync = promisify(execFile);

/**
 * A stub Data API endpoint for the first invocations: ListStatements finds nothing, ExecuteStatement
 * returns an id. Only the client side is measured, so the answers are canned.
 */
async function startStubDataApi(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const body = target.endsWith('.ExecuteStatement')
        ? {
            Id: '00000000-0000-4000-8000-000000000000',
            CreatedAt: Date.now() / 1000,
            Database: 'dev',
            WorkgroupName: 'shiftflow',
          }
        : { Statements: [] };
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ColdRun {
  wallMs: number;
  cpuMs: number;
  /** CPU of the first invocation after the import, when one is given. */
  firstCpuMs?: number;
}

/**
 * A fresh Node process imports the file; returns the wall-clock milliseconds of the `import()` and the
 * CPU milliseconds (user + system) it used, which other load on a shared machine disturbs less; with
 * `invoke`, also the CPU milliseconds of that first invocation, in the same process.
 */
async function coldImport(file: string, invoke?: string, endpoint?: string): Promise<ColdRun> {
  const first = invoke
    ? `const c2=process.cpuUsage();${invoke}const u2=process.cpuUsage(c2);r.push((u2.user+u2.system)/1000);`
    : '';
  const script = `const c=process.cpuUsage();const s=performance.now();const m=await import(${JSON.stringify(pathToFileURL(file).href)});const w=performance.now()-s;const u=process.cpuUsage(c);const r=[w,(u.user+u.system)/1000];${first}process.stdout.write('@timing@'+JSON.stringify(r));`;
  const environment: Record<string, string> = { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1' };
  if (endpoint !== undefined) {
    Object.assign(environment, {
      AWS_ENDPOINT_URL_REDSHIFT_DATA: endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      SHIFTFLOW_PIPELINE_NAME: 'nyc-taxi',
      SHIFTFLOW_TARGET_TYPE: 'serverless',
      SHIFTFLOW_WORKGROUP_NAME: 'shiftflow',
      SHIFTFLOW_DATABASE: 'dev',
    });
  }
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: environment,
  });
  const [wallMs, cpuMs, firstCpuMs] = JSON.parse(stdout.split('@timing@').at(-1) ?? '[]') as number[];
  if (wallMs === undefined || cpuMs === undefined) throw new Error(`no timing in the output: ${stdout}`);
  return firstCpuMs === undefined ? { wallMs, cpuMs } : { wallMs, cpuMs, firstCpuMs };
}

function sizes(file: string): { raw: number; gzipped: number } {
  const content = readFileSync(file);
  return { raw: content.length, gzipped: gzipSync(content, { level: 9 }).length };
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

const directory = mkdtempSync(path.join(tmpdir(), 'shiftflow-bundles-'));
const metrics: Record<string, Metric> = {};
const ratios: Record<string, number> = {};
const notes: Record<string, string | number | boolean> = { commit: gitCommit(), rounds, esbuildVersion };
try {
  for (const handler of handlers) {
    const file = path.join(root, handler.file);
    if (!existsSync(file)) {
      notes[`${handler.name}.skipped`] = `${handler.file} not built`;
      continue;
    }
    const baseline = await buildBaseline(handler, directory);
    const bundle = sizes(file);
    const bare = sizes(baseline);
    const cpu = { bundle: [] as number[], bare: [] as number[] };
    const firstCpu = { bundle: [] as number[], bare: [] as number[] };
    const invocation = handler.firstInvocation;
    const stub = invocation ? await startStubDataApi() : undefined;
    const { a, b } = await alternate(
      rounds,
      async () => {
        const measured = await coldImport(file, invocation?.handler, stub?.endpoint);
        cpu.bundle.push(measured.cpuMs);
        if (measured.firstCpuMs !== undefined) firstCpu.bundle.push(measured.firstCpuMs);
        return measured.wallMs;
      },
      async () => {
        const measured = await coldImport(baseline, invocation?.bare, stub?.endpoint);
        cpu.bare.push(measured.cpuMs);
        if (measured.firstCpuMs !== undefined) firstCpu.bare.push(measured.firstCpuMs);
        return measured.wallMs;
      },
      2,
    ).finally(() => stub?.close());
    // The warm-up rounds also pushed CPU figures: keep only the measured rounds.
    for (const list of [cpu.bundle, cpu.bare, firstCpu.bundle, firstCpu.bare]) {
      list.splice(0, Math.max(0, list.length - rounds));
    }
    if (invocation) {
      const total = (imports: number[], firsts: number[]) =>
        imports.map((value, index) => value + (firsts[index] ?? 0));
      metrics[`${handler.name} first invocation cpu`] = summarise('ms', firstCpu.bundle);
      metrics[`${handler.name} bare clients first call cpu`] = summarise('ms', firstCpu.bare);
      ratios[`${handler.name} import + first invocation cpu / bare clients (median)`] =
        summarise('ms', total(cpu.bundle, firstCpu.bundle)).median /
        summarise('ms', total(cpu.bare, firstCpu.bare)).median;
    }
    metrics[`${handler.name} import wall`] = summarise('ms', a);
    metrics[`${handler.name} bare clients import wall`] = summarise('ms', b);
    metrics[`${handler.name} import cpu`] = summarise('ms', cpu.bundle);
    metrics[`${handler.name} bare clients import cpu`] = summarise('ms', cpu.bare);
    ratios[`${handler.name} import wall / bare clients (median)`] =
      summarise('ms', a).median / summarise('ms', b).median;
    ratios[`${handler.name} import wall / bare clients (min)`] =
      summarise('ms', a).min / summarise('ms', b).min;
    const importRatio = summarise('ms', cpu.bundle).median / summarise('ms', cpu.bare).median;
    ratios[`${handler.name} import cpu / bare clients (median)`] = importRatio;
    const extraZippedKiB = kib(bundle.gzipped - bare.gzipped);
    Object.assign(notes, {
      [`${handler.name}.rawKiB`]: kib(bundle.raw),
      [`${handler.name}.gzippedKiB`]: kib(bundle.gzipped),
      [`${handler.name}.bareClients.rawKiB`]: kib(bare.raw),
      [`${handler.name}.bareClients.gzippedKiB`]: kib(bare.gzipped),
      [`${handler.name}.extraGzippedKiB`]: extraZippedKiB,
      [`${handler.name}.meetsImportAim(<=+15% cpu median)`]: importRatio <= 1.15,
      [`${handler.name}.meetsSizeAim(<=+60KB zipped)`]: extraZippedKiB <= 60,
    });
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
report({
  name: 'handler-bundles',
  description:
    'Lambda handler bundles vs bundles of the bare SDK clients they use: size and cold import time',
  metrics,
  ratios,
  notes,
});
