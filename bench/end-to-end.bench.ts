/**
 * End to end: scheduled time → notification in the outbox. At the scheduled time the runner gets
 * the EventBridge Scheduler input; it submits `CALL run_elt_process();` to @shiftflow/redshift-local;
 * the status-change event goes to the notifier, which describes the statement, looks up the rows
 * loaded and publishes with the real SNS client to a local SNS endpoint that writes the message
 * into an outbox folder. The clock stops when that file is written. Assembled from the packages'
 * public exports (lib/pipeline.ts) because the local app (apps/local) exposes no programmatic
 * pipeline API and runs PGlite only; its CLI's time to first notification is local-run.bench.ts.
 * For the default sample (20,000 trips, as `shiftflow run` seeds) and for 1M trips, PGlite and
 * PostgreSQL alternating in the same run. Each run's timeline also gives the polling designs'
 * Data API calls for that run (model in lib/polling-model.ts). For 1M trips each scheduled run is
 * paired with the same CALL sent straight from a Data API client to the same engine ("direct CALL",
 * order changing every round), so end to end / direct CALL is what the runner, event, notifier and SNS
 * add. The 1M files are the redshift-local benchmark's 1M files (same generator, seed and parts).
 *
 * Run: `pnpm exec node bench/end-to-end.bench.ts` (needs the packages' and apps/local's dist,
 * PostgreSQL 15 binaries and root to run them as `postgres`; without them the PostgreSQL runs are
 * left out and the reason is printed and recorded).
 * Options: `--rounds N` (default sample rounds, default 5), `--large-rounds N` (default 2),
 * `--rows N` (default 20000), `--large-rows N` (default 1000000).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgresServer } from '../packages/redshift-local/test/support/postgres-server.ts';
import { alternate, gitCommit, type Metric, report, summarise } from './lib/harness.ts';
import {
  type BenchPipeline,
  pipelineConfig,
  repositoryRoot,
  seedTrips,
  startBenchPipeline,
  timelineOf,
} from './lib/pipeline.ts';
import { pollingModel } from './lib/polling-model.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const sizes = [
  { label: 'sample', rows: option('rows', 20_000), rounds: option('rounds', 5), warmup: 1 },
  { label: 'large', rows: option('large-rows', 1_000_000), rounds: option('large-rounds', 2), warmup: 0 },
].map((size) => ({
  ...size,
  label:
    size.label === 'sample'
      ? 'sample'
      : size.rows % 1_000_000 === 0
        ? `${size.rows / 1_000_000}M`
        : `${size.rows / 1000}k`,
}));
const root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-bench-e2e-'));
const postgres = await startPostgresServer();
if (!postgres.ok) console.warn(`PostgreSQL runs left out: ${postgres.reason}`);

/** The part of the local app's programmatic API (apps/local `startLocalPipeline`) used here. */
interface LocalAppModule {
  startLocalPipeline(options: { repositoryRoot: string; config: unknown; state: unknown }): Promise<{
    applySetup(): Promise<unknown>;
    ensureSampleData(rows?: number): Promise<unknown>;
    run(
      request: { trigger: 'schedule'; payload: unknown },
      options?: { timeoutMs?: number },
    ): Promise<{ status: string; statementId?: string; rows?: number; error?: string }>;
    close(): Promise<void>;
  }>;
  stateLayout(root: string): { outbox: string };
}

/** The local app's API when its dist exports it; the reason otherwise. */
async function loadLocalApp(): Promise<LocalAppModule | string> {
  try {
    const module = (await import('../apps/local/dist/index.js')) as Partial<LocalAppModule>;
    if (typeof module.startLocalPipeline === 'function' && typeof module.stateLayout === 'function') {
      return module as LocalAppModule;
    }
    return 'apps/local/dist/index.js does not export startLocalPipeline and stateLayout';
  } catch (error) {
    return `apps/local/dist/index.js cannot be loaded: ${String(error)}`;
  }
}
const localApp = await loadLocalApp();
if (typeof localApp === 'string') console.warn(`local app series left out: ${localApp}`);

/** Waits (polling every 10 ms) until a .json file in `directory` contains `text`. */
async function outboxFileWith(directory: string, text: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const files = existsSync(directory)
      ? readdirSync(directory).filter((file) => file.endsWith('.json'))
      : [];
    if (files.some((file) => readFileSync(path.join(directory, file), 'utf8').includes(text))) return;
    if (performance.now() > deadline) throw new Error(`no outbox message containing ${text} in ${directory}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Sample {
  seconds: number;
  engineSeconds: number;
  reference1s: number;
  fixed10s: number;
}

/** One scheduled run: runner invocation at the scheduled time until the outbox file is written. */
async function scheduledRun(pipeline: BenchPipeline, rows: number): Promise<Sample> {
  const started = performance.now();
  const result = await pipeline.runScheduled(new Date());
  if (result.status !== 'started') throw new Error(`run skipped: ${result.skipReason}`);
  const message = await pipeline.sns.waitFor(result.statementId, 900_000);
  const seconds = (message.writtenAt - started) / 1000;
  const outcome = await pipeline.notified(result.statementId, 10_000);
  if (outcome.status !== 'announced' || outcome.notification.state !== 'FINISHED') {
    throw new Error(`expected a FINISHED announcement, got ${JSON.stringify(outcome)}`);
  }
  if (outcome.notification.rowsLoaded !== rows) {
    throw new Error(`notification says ${outcome.notification.rowsLoaded} rows loaded, expected ${rows}`);
  }
  const timeline = await timelineOf(pipeline.direct, result.statementId);
  return { seconds, engineSeconds: timeline.endedAfterMs / 1000, ...pollingModel(timeline) };
}

/** `CALL run_elt_process();` from the pipeline's own Data API client, straight to the endpoint; returns seconds. */
async function directCall(pipeline: BenchPipeline): Promise<number> {
  const started = performance.now();
  await pipeline.direct.query(pipeline.config.eltSql, { timeoutMs: 900_000 });
  return (performance.now() - started) / 1000;
}

const metrics: Record<string, Metric> = {};
const ratios: Record<string, number> = {};
const notes: Record<string, string | number | boolean> = { commit: gitCommit() };
const seedSeconds: Record<string, number> = {};
try {
  for (const size of sizes) {
    const seedStarted = performance.now();
    const s3Root = seedTrips(path.join(root, size.label), size.rows);
    seedSeconds[size.label] = (performance.now() - seedStarted) / 1000;
    const pglite = await startBenchPipeline({
      s3Root,
      outbox: path.join(root, size.label, 'outbox-pglite'),
      engine: { type: 'pglite' },
    });
    const pg = postgres.ok
      ? await startBenchPipeline({
          s3Root,
          outbox: path.join(root, size.label, 'outbox-postgres'),
          engine: { type: 'postgres', url: postgres.url },
        })
      : undefined;
    const samples: { a: Sample[]; b: Sample[] } = { a: [], b: [] };
    // The same CALL on the same engine and data, straight from a Data API client (no runner, event,
    // notifier or SNS): what end to end adds is the ratio. Large size only; it runs right after or
    // right before each scheduled run, the order changing every round.
    const direct: { pglite: number[]; postgres: number[] } = { pglite: [], postgres: [] };
    let round = 0;
    const withDirect = async (pipeline: BenchPipeline, into: number[], samplesInto: Sample[]) => {
      const directFirst = size.label !== 'sample' && round % 2 === 1;
      if (directFirst) into.push(await directCall(pipeline));
      const sample = await scheduledRun(pipeline, size.rows);
      samplesInto.push(sample);
      if (size.label !== 'sample' && !directFirst) into.push(await directCall(pipeline));
      return sample.seconds;
    };
    try {
      const timed = await alternate(
        size.rounds,
        async () => withDirect(pglite, direct.pglite, samples.a),
        async () => {
          const seconds = pg ? await withDirect(pg, direct.postgres, samples.b) : Number.NaN;
          round++;
          return seconds;
        },
        size.warmup,
      );
      const measuredA = samples.a.slice(size.warmup);
      const measuredB = samples.b.slice(size.warmup);
      metrics[`${size.label} pglite s`] = summarise('s', timed.a);
      metrics[`${size.label} pglite statement s`] = summarise(
        's',
        measuredA.map((sample) => sample.engineSeconds),
      );
      if (pg) {
        metrics[`${size.label} postgres s`] = summarise('s', timed.b);
        metrics[`${size.label} postgres statement s`] = summarise(
          's',
          measuredB.map((sample) => sample.engineSeconds),
        );
        ratios[`${size.label} postgres / pglite`] =
          metrics[`${size.label} postgres s`]!.median / metrics[`${size.label} pglite s`]!.median;
      }
      for (const [engine, values] of Object.entries(direct)) {
        const measured = values.slice(size.warmup);
        if (measured.length === 0) continue;
        metrics[`${size.label} ${engine} direct CALL s`] = summarise('s', measured);
      }
      for (const engine of ['pglite', 'postgres']) {
        const endToEnd = metrics[`${size.label} ${engine} s`];
        const directCallMetric = metrics[`${size.label} ${engine} direct CALL s`];
        if (endToEnd && directCallMetric) {
          ratios[`${size.label} ${engine} end to end / direct CALL`] =
            endToEnd.median / directCallMetric.median;
        }
      }
      for (const [engine, measured] of [
        ['pglite', measuredA],
        ['postgres', measuredB],
      ] as const) {
        if (measured.length === 0) continue;
        notes[`${size.label} ${engine} reference 1 s poll calls (model, median)`] = summarise(
          'calls',
          measured.map((sample) => sample.reference1s),
        ).median;
        notes[`${size.label} ${engine} fixed 10 s poll calls (model, median)`] = summarise(
          'calls',
          measured.map((sample) => sample.fixed10s),
        ).median;
      }
      if (size.label === 'sample' && typeof localApp !== 'string') {
        // The same run through the local app: runner and notifier bundles in its Lambda host,
        // its event bus, its SNS endpoint and outbox; alternating with the assembled PGlite pipeline.
        const state = localApp.stateLayout(path.join(root, 'local-app'));
        const app = await localApp.startLocalPipeline({
          repositoryRoot,
          config: pipelineConfig(),
          state,
        });
        try {
          await app.applySetup();
          await app.ensureSampleData(size.rows);
          const appRun = async (): Promise<number> => {
            const started = performance.now();
            const result = await app.run(
              {
                trigger: 'schedule',
                payload: { source: 'shiftflow.scheduler', scheduledTime: new Date().toISOString() },
              },
              { timeoutMs: 300_000 },
            );
            if (
              result.status !== 'FINISHED' ||
              result.rows !== size.rows ||
              result.statementId === undefined
            ) {
              throw new Error(`local app run: ${JSON.stringify(result)}`);
            }
            // The app's SNS delivers to the outbox subscriber after Publish returns: wait for the file.
            await outboxFileWith(state.outbox, result.statementId, 60_000);
            const seconds = (performance.now() - started) / 1000;
            return seconds;
          };
          const compared = await alternate(
            size.rounds,
            appRun,
            async () => (await scheduledRun(pglite, size.rows)).seconds,
            1,
          );
          metrics['sample local app (startLocalPipeline) s'] = summarise('s', compared.a);
          metrics['sample assembled pglite (vs local app) s'] = summarise('s', compared.b);
          ratios['sample local app / assembled pglite'] =
            metrics['sample local app (startLocalPipeline) s']!.median /
            metrics['sample assembled pglite (vs local app) s']!.median;
        } finally {
          await app.close();
        }
      }
    } finally {
      await pglite.close();
      await pg?.close();
    }
    notes[`${size.label} rows`] = size.rows;
    notes[`${size.label} seed s (shiftflow seed, not timed in runs)`] = Number(
      seedSeconds[size.label]!.toFixed(1),
    );
    notes[`${size.label} rounds (+warm-up)`] = `${size.rounds} (+${size.warmup})`;
  }
} finally {
  if (postgres.ok) await postgres.stop();
  rmSync(root, { recursive: true, force: true });
}
notes['local app series'] =
  typeof localApp === 'string'
    ? `left out: ${localApp}`
    : 'apps/local startLocalPipeline, run({ trigger: schedule }) until its outbox .json file with the statement id exists (polled every 10 ms)';
notes.postgres = postgres.ok
  ? 'PostgreSQL 15 throwaway server (runuser postgres)'
  : `left out: ${postgres.reason}`;
notes.measured =
  'runner invoked with the Scheduler input at the scheduled time → outbox file written (statement s: CreatedAt → UpdatedAt of the statement)';
report({
  name: 'end-to-end',
  description:
    'scheduled time → notification in the outbox (runner, local Redshift, status-change event, notifier, SNS), default sample and 1M trips, PGlite vs PostgreSQL alternating',
  metrics,
  ratios,
  notes,
});
