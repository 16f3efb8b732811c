/**
 * Handler bundles: size (raw and gzipped) and cold import time in fresh processes of each Lambda
 * bundle, beside a bundle of exactly the AWS SDK clients (and the commands) that handler constructs
 * when deployed, built in this run with the esbuild and the settings tsup's `lambdaBundle` uses. Runs
 * alternate bundle and baseline so machine drift hits both.
 *
 * Aim: at most +15% import time and +60 KB zipped over the bare clients.
 * Build first: `pnpm --filter @shiftflow/elt-runner --filter @shiftflow/notifier build`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * A fresh Node process imports the file; returns the wall-clock milliseconds of the `import()` and the
 * CPU milliseconds (user + system) it used, which other load on a shared machine disturbs less.
 */
function coldImport(file: string): { wallMs: number; cpuMs: number } {
  const script = `const c=process.cpuUsage();const s=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});const w=performance.now()-s;const u=process.cpuUsage(c);process.stdout.write(JSON.stringify([w,(u.user+u.system)/1000]));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1' },
  });
  const [wallMs, cpuMs] = JSON.parse(output) as [number, number];
  return { wallMs, cpuMs };
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
    const { a, b } = await alternate(
      rounds,
      () => {
        const measured = coldImport(file);
        cpu.bundle.push(measured.cpuMs);
        return measured.wallMs;
      },
      () => {
        const measured = coldImport(baseline);
        cpu.bare.push(measured.cpuMs);
        return measured.wallMs;
      },
      2,
    );
    // The warm-up rounds also pushed CPU figures: keep only the measured rounds.
    cpu.bundle.splice(0, cpu.bundle.length - rounds);
    cpu.bare.splice(0, cpu.bare.length - rounds);
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
