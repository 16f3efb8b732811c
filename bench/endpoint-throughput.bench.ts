/**
 * Local endpoint throughput: small statements (ExecuteStatement, DescribeStatement long-poll
 * until FINISHED, GetStatementResult — `RedshiftData.query` of @shiftflow/data-api) per second
 * with 1, 8 and 32 concurrent clients (each its own SDK client), p50 and p99 latency per
 * statement. Bounded: a fixed number of statements per level and round; the levels alternate
 * inside each round (order rotated) so drift of a busy machine falls on all of them.
 *
 * Run: `pnpm exec node bench/endpoint-throughput.bench.ts` (needs the packages' dist).
 * The endpoint runs as `redshift-local serve` in its own process, so the 32 clients' signing and
 * decoding do not share its event loop; `--in-process` starts it in the benchmark process instead.
 * Options: `--rounds N` (default 3), `--per-round N` (statements per level and round, default 150),
 * `--in-process`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RedshiftData } from '../packages/data-api/dist/index.js';
import { startLocalRedshift } from '../packages/redshift-local/dist/index.js';
import { gitCommit, percentile, report, summarise } from './lib/harness.ts';
import { credentials, region, repositoryRoot } from './lib/pipeline.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const rounds = option('rounds', 3);
const perRound = option('per-round', 150);
const levels = [1, 8, 32];
const inProcess = process.argv.includes('--in-process');
const root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-bench-throughput-'));

/** The endpoint: `redshift-local serve` in its own process (default), or in this one with `--in-process`. */
async function startEndpoint(): Promise<{ url: string; close(): Promise<void> }> {
  if (inProcess) {
    const redshift = await startLocalRedshift({ s3Root: root });
    return { url: redshift.endpoint, close: () => redshift.close() };
  }
  const cli = path.join(repositoryRoot, 'packages', 'redshift-local', 'dist', 'cli.js');
  const child = spawn(process.execPath, [cli, 'serve', '--s3-root', root, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redshift-local serve printed no endpoint in 60 s: ${output}`)),
      60_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /AWS_ENDPOINT_URL_REDSHIFT_DATA=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`redshift-local serve exited with ${code}: ${output}`));
    });
  });
  return {
    url,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const endpoint = await startEndpoint();
const clients = Array.from(
  { length: Math.max(...levels) },
  () =>
    new RedshiftData({
      clientConfig: { endpoint: endpoint.url, region, credentials },
      target: { workgroupName: 'bench', database: 'dev' },
    }),
);

interface LevelRound {
  seconds: number;
  latencies: number[];
}

let sequence = 0;
async function level(concurrency: number): Promise<LevelRound> {
  let remaining = perRound;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    clients.slice(0, concurrency).map(async (client) => {
      while (remaining > 0) {
        remaining--;
        const value = sequence++;
        const begun = performance.now();
        const rows = await client.query<{ n: number; label: string }>(
          `select ${value}::int4 as n, 'statement ' || ${value}::text as label`,
        );
        latencies.push(performance.now() - begun);
        if (rows.length !== 1 || rows[0]?.n !== value || rows[0]?.label !== `statement ${value}`) {
          throw new Error(`statement ${value} returned ${JSON.stringify(rows)}`);
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

const results = new Map<number, LevelRound[]>(levels.map((concurrency) => [concurrency, []]));
try {
  await level(8); // warm-up: connections, engine caches
  for (let round = 0; round < rounds; round++) {
    const order = levels.map((_, index) => levels[(index + round) % levels.length]!);
    for (const concurrency of order) results.get(concurrency)!.push(await level(concurrency));
  }
} finally {
  for (const client of clients) client.client.destroy();
  await endpoint.close();
  rmSync(root, { recursive: true, force: true });
}

const metrics: Record<string, ReturnType<typeof summarise>> = {};
const notes: Record<string, string | number | boolean> = {
  commit: gitCommit(),
  'statements per level and round': perRound,
};
const throughput = (concurrency: number) =>
  summarise(
    'statements/s',
    results.get(concurrency)!.map((result) => perRound / result.seconds),
  );
for (const concurrency of levels) {
  const latencies = results.get(concurrency)!.flatMap((result) => result.latencies);
  metrics[`${concurrency} clients statements/s`] = throughput(concurrency);
  metrics[`${concurrency} clients latency ms`] = summarise('ms', latencies);
  notes[`${concurrency} clients p50 ms`] = Number(percentile(latencies, 50).toFixed(2));
  notes[`${concurrency} clients p99 ms`] = Number(percentile(latencies, 99).toFixed(2));
}
report({
  name: 'endpoint-throughput',
  description: `small statements (execute, wait, fetch via RedshiftData.query) per second on the PGlite local endpoint (${inProcess ? 'in the benchmark process' : '`redshift-local serve` in its own process'}) at 1, 8, 32 concurrent clients; ${perRound} statements per level × ${rounds} rounds, levels alternating`,
  metrics,
  ratios: {
    '8 clients / 1 client statements/s': throughput(8).median / throughput(1).median,
    '32 clients / 1 client statements/s': throughput(32).median / throughput(1).median,
  },
  notes,
});
