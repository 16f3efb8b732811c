/**
 * Data API calls per pipeline run, counted at the local endpoint: the ELT runner (`startEltRun`)
 * and the notifier (`notifyStatusChange`, fed by the endpoint's status-change event) each talk to
 * @shiftflow/redshift-local through their own counting proxy. Beside them, the calls the polling
 * designs would make for the same run, computed from the run's measured timeline (see
 * `pollingModel` in lib/pipeline.ts): the reference's loop (DescribeStatement once a second until
 * the statement starts) and a fixed 10-second poll until it ends. Default sample (20,000 trips) on
 * PGlite, `CALL run_elt_process();`.
 *
 * Run: `pnpm exec node bench/data-api-calls.bench.ts` (needs the packages' and apps/local's dist).
 * Options: `--runs N` (default 5), `--rows N` (default 20000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitCommit, report, summarise } from './lib/harness.ts';
import { seedTrips, startBenchPipeline, timelineOf } from './lib/pipeline.ts';
import { pollingModel, total } from './lib/polling-model.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const runs = option('runs', 5);
const rows = option('rows', 20_000);
const root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-bench-calls-'));
const s3Root = seedTrips(path.join(root, 'state'), rows);
const pipeline = await startBenchPipeline({
  s3Root,
  outbox: path.join(root, 'outbox'),
  engine: { type: 'pglite' },
  count: true,
});
const runner: number[] = [];
const notifier: number[] = [];
const reference: number[] = [];
const fixed: number[] = [];
const startedAfter: number[] = [];
const endedAfter: number[] = [];
const byOperation: Record<string, number> = {};
try {
  const base = Date.UTC(2026, 0, 5, 16, 0, 0);
  for (let run = 0; run < runs; run++) {
    pipeline.runnerProxy!.reset();
    pipeline.notifierProxy!.reset();
    const result = await pipeline.runScheduled(new Date(base + run * 86_400_000));
    if (result.status !== 'started') throw new Error(`run ${run} was skipped: ${result.skipReason}`);
    const outcome = await pipeline.notified(result.statementId, 120_000);
    if (outcome.status !== 'announced' || outcome.notification.state !== 'FINISHED') {
      throw new Error(`run ${run}: expected a FINISHED announcement, got ${JSON.stringify(outcome)}`);
    }
    if (outcome.notification.rowsLoaded !== rows) {
      throw new Error(
        `run ${run}: notification says ${outcome.notification.rowsLoaded} rows, expected ${rows}`,
      );
    }
    await pipeline.sns.waitFor(result.statementId, 10_000);
    const runnerCounts = pipeline.runnerProxy!.counts();
    const notifierCounts = pipeline.notifierProxy!.counts();
    for (const [operation, count] of Object.entries(runnerCounts)) {
      byOperation[`runner ${operation}`] = (byOperation[`runner ${operation}`] ?? 0) + count;
    }
    for (const [operation, count] of Object.entries(notifierCounts)) {
      byOperation[`notifier ${operation}`] = (byOperation[`notifier ${operation}`] ?? 0) + count;
    }
    const timeline = await timelineOf(pipeline.direct, result.statementId);
    const model = pollingModel(timeline);
    runner.push(total(runnerCounts));
    notifier.push(total(notifierCounts));
    reference.push(model.reference1s);
    fixed.push(model.fixed10s);
    startedAfter.push(timeline.startedAfterMs);
    endedAfter.push(timeline.endedAfterMs);
  }
} finally {
  await pipeline.close();
  rmSync(root, { recursive: true, force: true });
}
const shiftflow = runner.map((count, index) => count + notifier[index]!);
const median = (values: number[]) => summarise('calls', values).median;
report({
  name: 'data-api-calls',
  description: `Data API calls per pipeline run (${rows.toLocaleString('en-US')} trips, PGlite, ${runs} scheduled runs), counted at the endpoint, vs polling models on the same timelines`,
  metrics: {
    'shiftflow runner calls': summarise('calls', runner),
    'shiftflow notifier calls': summarise('calls', notifier),
    'shiftflow total calls': summarise('calls', shiftflow),
    'reference 1 s poll until started (model)': summarise('calls', reference),
    'fixed 10 s poll until ended (model)': summarise('calls', fixed),
    'submitted → started ms': summarise('ms', startedAfter),
    'submitted → ended ms': summarise('ms', endedAfter),
  },
  ratios: {
    'shiftflow total / reference 1 s poll': median(shiftflow) / median(reference),
    'shiftflow total / fixed 10 s poll': median(shiftflow) / median(fixed),
  },
  notes: {
    commit: gitCommit(),
    ...Object.fromEntries(Object.entries(byOperation).map(([name, count]) => [`${name} (all runs)`, count])),
    model:
      'both polling designs: 1 ExecuteStatement; reference: DescribeStatement at submit and every 1 s until STARTED = ceil(started/1s)+1; fixed: DescribeStatement every 10 s until ended = max(1, ceil(ended/10s)); started = UpdatedAt − Duration, ended = UpdatedAt, from CreatedAt',
    'break-even, reference 1 s poll': `makes as many calls as shiftflow's median (${median(shiftflow)}) once the statement waits more than ${median(shiftflow) - 3} s before it starts`,
    'break-even, fixed 10 s poll': `makes as many calls as shiftflow's median once the statement takes more than ${(median(shiftflow) - 2) * 10} s to end`,
    'shiftflow counts include':
      'runner: overlap-guard ListStatements + ExecuteStatement; notifier: everything it calls after the event (DescribeStatement, row-count query)',
  },
});
