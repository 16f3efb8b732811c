/**
 * Writes /BENCHMARKS.md from bench/results/*.json: every benchmark's latest figures with its
 * command, machine, load and date, and what it compares against. `pnpm bench` runs it after a full
 * run; run it alone with `node bench/lib/benchmarks-md.ts`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchmarkResult, formatFigure } from './harness.ts';

const benchDirectory = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const resultsDirectory = path.join(benchDirectory, 'results');
const output = path.join(benchDirectory, '..', 'BENCHMARKS.md');

/** What each benchmark measures and what it compares against, in the order of the page. */
const about: Record<string, { title: string; compares: string; issue: string }> = {
  'end-to-end': {
    title: 'End to end: scheduled time → notification in the outbox',
    issue: '#8',
    compares:
      'PGlite vs PostgreSQL, alternating, for the default sample (20,000 trips) and 1M trips (the same files as the redshift-local benchmark’s 1M: the local app’s generator, 4 files). For 1M, each scheduled run is paired with the same `CALL run_elt_process();` sent straight from a Data API client to the same engine (“direct CALL”), so end to end / direct CALL is what the runner, event, notifier and SNS add; the pipeline’s procedure (DELETE, COPY, run log, REFRESH: sql/setup/004_run_elt_process.sql) does a little more than the redshift-local benchmark’s seed procedure (TRUNCATE + COPY + REFRESH), so their times are close but not the same measure. The clock runs from the runner invocation with the Scheduler input at the scheduled time until the notifier’s SNS message is written to the outbox folder; “statement s” is the statement alone (CreatedAt → UpdatedAt), so the difference is runner + event + notifier + SNS. The pipeline is assembled from the packages’ public exports so it runs on both engines (the local app runs PGlite only); for the default sample the same scheduled run also goes through the local app’s `startLocalPipeline` (Lambda bundles in its Lambda host, its event bus, SNS endpoint and outbox), alternating with the assembled PGlite pipeline.',
  },
  'data-api-calls': {
    title: 'Data API calls per pipeline run',
    issue: '#13',
    compares:
      'Calls counted at the local endpoint (a counting proxy in front of it, one for the runner, one for the notifier) for three kinds of scheduled run, alternating: a successful load, a failed load (one object with a malformed row under the source prefix) and a successful run about 2 s slower. The runner makes one ListStatements (overlap guard: Status ALL, the pipeline’s name prefix, one page) and one ExecuteStatement. The notifier makes, after the status-change event, one GetStatementResult of the CALL’s result row (`run_elt_process`’s OUT arguments: rows loaded, start, end) on success; on a failed load, DescribeStatement for the error text plus one query of `sys_load_error_detail` (ExecuteStatement, one long-polling DescribeStatement, GetStatementResult) whose first bad rows go into the message. Nothing polls, so the counts are the same for the slower run and for the slower failed load. The polling designs are computed from the successful runs’ timelines: the reference’s loop (DescribeStatement at submit and then once a second until the statement starts) and a fixed 10-second poll until it ends, each plus 1 ExecuteStatement; locally statements start at once and end within seconds, so they sit at their minimum of 2–3 calls, and they grow with the statement’s queue and run time while shiftflow’s 3 calls do not. They also do without what shiftflow’s calls buy: the overlap guard, the row count, and on failure the error text and the bad rows.',
  },
  'runner-latency': {
    title: 'ELT runner invocation latency',
    issue: '#8',
    compares:
      '`startEltRun` (input parsing, overlap guard: one ListStatements with Status ALL, ExecuteStatement with WithEvent, StatementName, ClientToken) vs a bare ExecuteStatement of the same SQL through @shiftflow/data-api, alternating; a few hundred distinct scheduled times; ELT SQL `select 1`, each run after the previous statement ended, so the guard lets every run start.',
  },
  'endpoint-throughput': {
    title: 'Local endpoint throughput (PGlite)',
    issue: '#8',
    compares:
      'Small statements (`RedshiftData.query`: ExecuteStatement, DescribeStatement long-poll, GetStatementResult) with 1, 8 and 32 concurrent clients (each its own SDK client, in the benchmark process) against `redshift-local serve` running PGlite in its own process, a fixed number of statements per level and round, levels alternating in rotated order; ratios against 1 client.',
  },
  'local-run': {
    title: 'Local app: time to first notification of `shiftflow run`',
    issue: '#5, #21',
    compares:
      'Fresh state folder vs warm state folder, alternating, each run a new `node apps/local/dist/cli.js run` process. Aims: warm ≤ 3 s, fresh ≤ 10 s (#5); warm ≤ 1 s, fresh ≤ 2 s (#21), not met here. Where a warm run’s time goes (CPU profiles of every thread, 2026-12-06): Node and the CLI’s modules 0.1 s. PGlite’s worker starts at once; its open of the data dir takes 0.45 s alone but 0.7–1.0 s here, sharing 2 cores with the main thread, the three Lambda sandboxes loading their bundles (≈ 0.13 s CPU each) and V8’s background tier-up of PGlite’s WebAssembly (≈ 0.5 s CPU, mostly kernel time). Then ≈ 0.35 s in which the engine mostly waits for the main thread: statement history read, setup fingerprinted, the setup’s objects checked in the catalog (one query, 0.16 s with the SDK’s first call), the runner’s submission (0.1 s). Then the statement, 0.4 s, of which ≈ 0.2 s is the first CALL’s cost in a new process (PL/pgSQL compile, catalog caches; 0.25–0.3 s in a fresh folder, whose setup warmed them). The notification follows within milliseconds. A new state folder adds the unpack of the prepared data dir (38 MiB of files; 0.25 s, up to 1.7 s of kernel time when the disk is busy, as here right after the previous fresh folder is deleted) and the setup’s migrations (0.35 s), and skips the catalog check. Kept after A/B runs: Node’s module compile cache (0.95×), no catalog check after a full setup, the unpack off the main thread. Dropped after A/B runs: PGlite’s WebAssembly and file bundle preloaded in its worker (1.04×), a later WebAssembly tier-up (1.00×), shared_buffers 16MB, a warm-up COPY, later Lambda sandboxes (1.075×). A warm run within 1 s needs an engine kept open between commands, as `shiftflow dev` and `serve` keep one (`query` and `console` use it).',
  },
  'redshift-local': {
    title: 'Local Redshift: load speed against the engine alone, 1M to 10M rows',
    issue: '#3, #21',
    compares:
      "The seed pipeline’s `CALL run_elt_process()` (TRUNCATE + COPY from local S3 + REFRESH of the monthly view) on the shiftflow engine, driven directly, vs the same part files loaded by the engine alone with no shiftflow code (“raw”: PGlite `COPY … FROM '/dev/blob'` with each file as the blob, PostgreSQL `COPY FROM STDIN` through psql’s `\\copy`, then the same REFRESH), on 1M, 5M and 10M trips from the local app’s generator (250,000 rows a file), PGlite and PostgreSQL, in one run; at 1M also through the HTTP endpoint with the AWS SDK. On PGlite also “raw binary”: the same files converted beforehand (not timed) to PostgreSQL’s binary COPY format and loaded by PGlite alone, its fastest input and the limit of the COPY helper’s binary accelerator (which converts on the host during the CALL, so the CALL pays the conversion). Every load runs in a child process of its own on a fresh engine, paths alternating; PostgreSQL’s series runs first (after PGlite’s 5M and 10M loads its CALLs ran 1.1–1.4× slower than run first or alone, its raw loads did not; the cause was not found). Aims: CALL / raw ≤ 1.15 on both engines, 5M rows on PGlite ≤ 15 s within 1 GiB, HTTP ≤ +5 %.",
  },
  'handler-bundles': {
    title: 'Lambda bundles: size and cold import time',
    issue: '#4',
    compares:
      'Each handler bundle vs a bundle of the bare AWS SDK clients it uses, fresh processes, alternating. Aim: ≤ +15 % import time, ≤ +60 KB zipped.',
  },
  decoding: {
    title: 'Data API result decoding',
    issue: '#2',
    compares:
      'Full typed decoding of 100k rows × 10 mixed-type columns vs a naive “first value of each Field” baseline, alternating. Aim: ≥ 1M fields/s, ≤ 1.5× the naive time.',
  },
  'pnpm-bench': {
    title: '`pnpm bench`: wall time of each benchmark',
    issue: '#8',
    compares: 'Aim: the whole run under 15 minutes on this 2-core machine.',
  },
};

/** The summary table at the top: [benchmark, where, key, label]; a figure not in the results is left out. */
const headlines: [string, 'metric' | 'ratio' | 'note', string, string][] = [
  [
    'end-to-end',
    'metric',
    'sample pglite s',
    'Scheduled time → notification, default sample, PGlite (median s)',
  ],
  [
    'end-to-end',
    'metric',
    'sample postgres s',
    'Scheduled time → notification, default sample, PostgreSQL (median s)',
  ],
  ['end-to-end', 'metric', '1M pglite s', 'Scheduled time → notification, 1M trips, PGlite (median s)'],
  ['end-to-end', 'metric', '1M postgres s', 'Scheduled time → notification, 1M trips, PostgreSQL (median s)'],
  ['end-to-end', 'ratio', '1M postgres / pglite', '1M trips: PostgreSQL / PGlite time'],
  [
    'end-to-end',
    'ratio',
    '1M pglite end to end / direct CALL',
    '1M trips, PGlite: end to end / the same CALL sent directly',
  ],
  [
    'end-to-end',
    'ratio',
    '1M postgres end to end / direct CALL',
    '1M trips, PostgreSQL: end to end / the same CALL sent directly',
  ],
  [
    'end-to-end',
    'metric',
    'sample local app (startLocalPipeline) s',
    'Default sample through the local app (median s)',
  ],
  [
    'end-to-end',
    'ratio',
    'sample local app / assembled pglite',
    'Local app / assembled pipeline time (PGlite)',
  ],
  [
    'local-run',
    'metric',
    'warm state: first notification',
    '`shiftflow run`, warm state: first notification (median ms)',
  ],
  [
    'local-run',
    'metric',
    'fresh state: first notification',
    '`shiftflow run`, fresh state: first notification (median ms)',
  ],
  [
    'data-api-calls',
    'metric',
    'total calls, success',
    'Data API calls per successful run: runner + notifier (median)',
  ],
  [
    'data-api-calls',
    'metric',
    'total calls, failed load',
    'Data API calls per failed load: runner + notifier (median)',
  ],
  [
    'data-api-calls',
    'metric',
    'reference 1 s poll until started (model)',
    'Reference 1 s poll, same runs (model, median)',
  ],
  [
    'data-api-calls',
    'metric',
    'fixed 10 s poll until ended (model)',
    'Fixed 10 s poll, same runs (model, median)',
  ],
  ['runner-latency', 'note', 'runner p50 ms', 'Runner invocation p50 (ms)'],
  ['runner-latency', 'note', 'runner p99 ms', 'Runner invocation p99 (ms)'],
  ['runner-latency', 'ratio', 'runner / bare p50', 'Runner / bare ExecuteStatement, p50'],
  [
    'endpoint-throughput',
    'metric',
    '1 clients statements/s',
    'Local endpoint, 1 client (statements/s, median)',
  ],
  [
    'endpoint-throughput',
    'metric',
    '8 clients statements/s',
    'Local endpoint, 8 clients (statements/s, median)',
  ],
  [
    'endpoint-throughput',
    'metric',
    '32 clients statements/s',
    'Local endpoint, 32 clients (statements/s, median)',
  ],
  ['endpoint-throughput', 'note', '32 clients p99 ms', 'Local endpoint, 32 clients, p99 latency (ms)'],
  [
    'redshift-local',
    'ratio',
    'pglite 1M call / raw',
    'Local Redshift 1M load: shiftflow CALL / engine alone, PGlite',
  ],
  [
    'redshift-local',
    'ratio',
    'postgres 1M call / raw',
    'Local Redshift 1M load: shiftflow CALL / engine alone, PostgreSQL',
  ],
  [
    'redshift-local',
    'ratio',
    'pglite 1M call / raw binary',
    'Local Redshift 1M load: shiftflow CALL / PGlite alone on binary COPY data',
  ],
  ['redshift-local', 'metric', 'pglite 5M call s', 'Local Redshift 5M load, PGlite (median s)'],
  ['redshift-local', 'metric', 'pglite 5M call peak MiB', 'Local Redshift 5M load, PGlite peak memory (MiB)'],
  ['redshift-local', 'metric', 'pglite 10M call s', 'Local Redshift 10M load, PGlite (median s)'],
  ['redshift-local', 'metric', 'postgres 10M call s', 'Local Redshift 10M load, PostgreSQL (median s)'],
  [
    'redshift-local',
    'ratio',
    'pglite 1M http / direct call',
    'Local Redshift 1M CALL: HTTP / direct, PGlite',
  ],
  [
    'redshift-local',
    'ratio',
    'postgres 1M http / direct call',
    'Local Redshift 1M CALL: HTTP / direct, PostgreSQL',
  ],
  [
    'handler-bundles',
    'ratio',
    'elt-runner import cpu / bare clients (median)',
    'Runner bundle import CPU / bare clients',
  ],
  [
    'handler-bundles',
    'ratio',
    'notifier import cpu / bare clients (median)',
    'Notifier bundle import CPU / bare clients',
  ],
  ['decoding', 'metric', 'typed fields/s', 'Typed decoding (fields/s, median)'],
  ['decoding', 'ratio', 'typed time / naive time (median of rounds)', 'Typed / naive decoding time'],
  ['pnpm-bench', 'metric', 'total s', '`pnpm bench` wall time (s)'],
];

function headlineTable(results: BenchmarkResult[]): string[] {
  const rows: string[] = [];
  for (const [name, where, key, label] of headlines) {
    const result = results.find((candidate) => candidate.name === name);
    if (!result) continue;
    const value =
      where === 'metric'
        ? result.metrics[key]?.median
        : where === 'ratio'
          ? result.ratios[key]
          : result.notes[key];
    if (value === undefined) continue;
    const shown =
      typeof value === 'number'
        ? where === 'ratio'
          ? value.toFixed(2)
          : formatFigure(value)
        : String(value);
    rows.push(
      `| ${label} | ${escapeCell(shown)} | [${name}](#${anchor(about[name]?.title ?? name)}) | ${result.date.slice(0, 10)} |`,
    );
  }
  return rows.length === 0
    ? []
    : ['| Figure | Value | Benchmark | Date |', '| --- | ---: | --- | --- |', ...rows, ''];
}

/** GitHub's heading anchor. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function section(result: BenchmarkResult): string {
  const info = about[result.name];
  const machine = result.machine;
  const lines = [
    `## ${info?.title ?? result.name}`,
    '',
    `${info ? `${info.compares} (issue ${info.issue})` : result.description}`,
    '',
    `- Command: \`${result.command}\``,
    `- Date: ${result.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverage?.join(' / ') ?? 'not recorded'} (1/5/15 min, when the result was written; other engineers were using the machine)`,
    `- Measured: ${result.description}`,
    '',
    '| Metric | Unit | Median | Min | Max | Runs |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(result.metrics).map(
      ([name, metric]) =>
        `| ${escapeCell(name)} | ${metric.unit} | ${formatFigure(metric.median)} | ${formatFigure(metric.min)} | ${formatFigure(metric.max)} | ${metric.runs.length} |`,
    ),
  ];
  const ratios = Object.entries(result.ratios);
  if (ratios.length > 0) {
    lines.push('', '| Ratio (same run) | Value |', '| --- | ---: |');
    for (const [name, value] of ratios) lines.push(`| ${escapeCell(name)} | ${value.toFixed(3)} |`);
  }
  for (const table of result.tables ?? []) {
    lines.push(
      '',
      `**${escapeCell(table.title)}**`,
      '',
      `| ${table.columns.map(escapeCell).join(' | ')} |`,
      `| ${table.columns.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
      ...table.rows.map(
        (row) =>
          `| ${row.map((cell) => escapeCell(typeof cell === 'number' ? formatFigure(cell) : cell)).join(' | ')} |`,
      ),
    );
  }
  const notes = Object.entries(result.notes);
  if (notes.length > 0) {
    lines.push('', '<details><summary>Notes</summary>', '', '| Note | Value |', '| --- | --- |');
    for (const [name, value] of notes) lines.push(`| ${escapeCell(name)} | ${escapeCell(String(value))} |`);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}

const results = existsSync(resultsDirectory)
  ? readdirSync(resultsDirectory)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(path.join(resultsDirectory, file), 'utf8')) as BenchmarkResult)
  : [];
const order = Object.keys(about);
results.sort(
  (a, b) =>
    (order.indexOf(a.name) + 1 || order.length + 1) - (order.indexOf(b.name) + 1 || order.length + 1) ||
    a.name.localeCompare(b.name),
);
const missing = order.filter((name) => !results.some((result) => result.name === name));
const page = [
  '# Benchmarks',
  '',
  'Figures written by the benchmarks under `bench/` (`pnpm bench` runs them all, one at a time; each also runs',
  'alone with `pnpm exec node bench/<name>.bench.ts`, which uses the Node 24 pinned in the repository). Every',
  'benchmark writes `bench/results/<name>.json` with the machine, the command, every run’s figure, median, min',
  'and max; comparisons are measured in the same run, alternating A and B, and reported as ratios. This page is',
  'generated from those files by `node bench/lib/benchmarks-md.ts`. The machine is a shared 2-core VM: the',
  'load average when each figure was taken is recorded with it.',
  '',
  ...headlineTable(results),
  ...(missing.length > 0 ? [`Not yet measured: ${missing.join(', ')}.`, ''] : []),
  ...results.map((result) => `${section(result)}\n`),
].join('\n');
writeFileSync(output, page);
console.log(`wrote ${output} from ${results.length} results`);
