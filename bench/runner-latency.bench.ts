/**
 * ELT runner invocation latency against the local endpoint: `startEltRun` (scheduled input
 * parsing, the overlap guard's one ListStatements (Status ALL), ExecuteStatement with
 * WithEvent, StatementName and ClientToken) over a few hundred distinct scheduled times, p50 and
 * p99. Beside it, alternating in the same run: a bare ExecuteStatement of the same SQL through
 * @shiftflow/data-api (what a runner without the guard would cost). The ELT SQL is `select 1` so
 * each statement ends at once; every run waits for the previous statement's notification, so the
 * guard finds nothing active and every run starts (a skipped run fails the benchmark).
 *
 * Run: `pnpm exec node bench/runner-latency.bench.ts` (needs the packages' dist).
 * Options: `--runs N` (default 300).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alternate, gitCommit, percentile, report, summarise } from './lib/harness.ts';
import { startBenchPipeline } from './lib/pipeline.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const runs = option('runs', 300);
const root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-bench-runner-'));
const s3Root = path.join(root, 's3');
mkdirSync(s3Root);
const pipeline = await startBenchPipeline({
  s3Root,
  outbox: path.join(root, 'outbox'),
  engine: { type: 'pglite' },
  eltSql: 'select 1',
});
const base = Date.UTC(2026, 0, 5, 16, 0, 0);
let run = 0;
let bare = 0;
const runner = async (): Promise<number> => {
  const scheduledTime = new Date(base + run++ * 60_000);
  const started = performance.now();
  const result = await pipeline.runScheduled(scheduledTime);
  const elapsed = performance.now() - started;
  if (result.status !== 'started')
    throw new Error(`run at ${scheduledTime.toISOString()} skipped: ${result.skipReason}`);
  await pipeline.notified(result.statementId, 60_000);
  return elapsed;
};
const bareExecute = async (): Promise<number> => {
  const started = performance.now();
  const { id } = await pipeline.direct.execute('select 1', { statementName: `bare/${bare++}` });
  const elapsed = performance.now() - started;
  await pipeline.direct.wait(id);
  return elapsed;
};
let timings: { a: number[]; b: number[] };
try {
  timings = await alternate(runs, runner, bareExecute, 5);
} finally {
  await pipeline.close();
  rmSync(root, { recursive: true, force: true });
}
const p = (values: number[], q: number) => percentile(values, q);
report({
  name: 'runner-latency',
  description: `startEltRun latency (overlap guard + ExecuteStatement) over ${runs} scheduled runs vs a bare ExecuteStatement, alternating, PGlite local endpoint`,
  metrics: {
    'runner ms': summarise('ms', timings.a),
    'bare ExecuteStatement ms': summarise('ms', timings.b),
  },
  ratios: {
    'runner / bare p50': p(timings.a, 50) / p(timings.b, 50),
    'runner / bare p99': p(timings.a, 99) / p(timings.b, 99),
  },
  notes: {
    commit: gitCommit(),
    'runner p50 ms': Number(p(timings.a, 50).toFixed(2)),
    'runner p99 ms': Number(p(timings.a, 99).toFixed(2)),
    'bare p50 ms': Number(p(timings.b, 50).toFixed(2)),
    'bare p99 ms': Number(p(timings.b, 99).toFixed(2)),
    'statements in history at the end': run + bare,
    'warmup rounds': 5,
  },
});
