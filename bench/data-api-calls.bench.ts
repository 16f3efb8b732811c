/**
 * Data API calls per pipeline run, counted at the local endpoint: the ELT runner (`startEltRun`)
 * and the notifier (`notifyStatusChange`, fed by the endpoint's status-change event) each talk to
 * @shiftflow/redshift-local through their own counting proxy. Three kinds of run, alternating:
 * - success: the default sample loads (`CALL run_elt_process();`, notifier reads the CALL's row);
 * - failed load: a file with a malformed row sits under the source prefix, so the COPY fails with
 *   Redshift's load error and the notifier adds the first bad rows from sys_load_error_detail;
 * - slow success: the same runner and notifier on a procedure that takes about 2 s longer, to show
 *   the counts do not depend on how long the statement runs (no polling anywhere).
 * Beside them, the calls the polling designs would make for the same successful runs, computed from
 * their measured timelines (`pollingModel` in lib/polling-model.ts): the reference's loop
 * (DescribeStatement once a second until the statement starts) and a fixed 10-second poll until it
 * ends. Default sample (20,000 trips) on PGlite.
 *
 * Run: `pnpm exec node bench/data-api-calls.bench.ts` (needs the packages' and apps/local's dist).
 * Options: `--runs N` (runs of each kind, default 5), `--rows N` (default 20000).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RedshiftData } from '../packages/data-api/dist/index.js';
import { startEltRun } from '../packages/elt-runner/dist/index.js';
import { dataApiTargetOf, parseRunnerEnvironment, runnerEnvironment } from '../packages/events/dist/index.js';
import { gitCommit, report, summarise } from './lib/harness.ts';
import { credentials, region, seedTrips, startBenchPipeline, timelineOf } from './lib/pipeline.ts';
import { pollingModel, total } from './lib/polling-model.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

type Kind = 'success' | 'failed load' | 'slow success';

const runs = option('runs', 5);
const rows = option('rows', 20_000);
const slowSeconds = 2;
const root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-bench-calls-'));
const s3Root = seedTrips(path.join(root, 'state'), rows);
const pipeline = await startBenchPipeline({
  s3Root,
  outbox: path.join(root, 'outbox'),
  engine: { type: 'pglite' },
  count: true,
});
const runnerProxy = pipeline.runnerProxy!;
const notifierProxy = pipeline.notifierProxy!;

// The failed load: one more object under the source prefix whose only row has too few fields.
const source = new URL(pipeline.config.sourceS3Uri);
const badFile = path.join(s3Root, source.hostname, source.pathname, 'zz-malformed-row.txt');
const badLine = 'not-a-date|this row is malformed';

// The slow run: a procedure with run_elt_process's OUT arguments that sleeps before it returns.
await pipeline.direct.query(`CREATE OR REPLACE PROCEDURE slow_elt_process(rows_loaded OUT BIGINT, started_at OUT TIMESTAMP, ended_at OUT TIMESTAMP)
AS $$
BEGIN
  started_at := GETDATE();
  PERFORM pg_sleep(${slowSeconds});
  rows_loaded := 0;
  ended_at := GETDATE();
END;
$$ LANGUAGE plpgsql`);
const slowSettings = {
  ...parseRunnerEnvironment(runnerEnvironment(pipeline.config)),
  eltSql: 'CALL slow_elt_process();',
};
const slowRunnerDataApi = new RedshiftData({
  clientConfig: { endpoint: runnerProxy.url, region, credentials },
  target: dataApiTargetOf(pipeline.config.target),
});
const quiet = { info: () => undefined, warn: () => undefined };

const calls: Record<Kind, { runner: number[]; notifier: number[]; endedAfter: number[] }> = {
  success: { runner: [], notifier: [], endedAfter: [] },
  'failed load': { runner: [], notifier: [], endedAfter: [] },
  'slow success': { runner: [], notifier: [], endedAfter: [] },
};
const reference: number[] = [];
const fixed: number[] = [];
const startedAfter: number[] = [];
const byOperation: Record<string, number> = {};

async function oneRun(kind: Kind, scheduledTime: Date): Promise<void> {
  runnerProxy.reset();
  notifierProxy.reset();
  if (kind === 'failed load') {
    mkdirSync(path.dirname(badFile), { recursive: true });
    writeFileSync(badFile, `${badLine}\n`);
  }
  try {
    const result =
      kind === 'slow success'
        ? await startEltRun(
            { source: 'shiftflow.scheduler', scheduledTime: scheduledTime.toISOString() },
            { dataApi: slowRunnerDataApi, settings: slowSettings, logger: quiet },
          )
        : await pipeline.runScheduled(scheduledTime);
    if (result.status !== 'started') throw new Error(`${kind} run was skipped: ${result.skipReason}`);
    const outcome = await pipeline.notified(result.statementId, 120_000);
    if (outcome.status !== 'announced') throw new Error(`${kind} run: ${JSON.stringify(outcome)}`);
    const { notification } = outcome;
    if (kind === 'failed load') {
      if (notification.state !== 'FAILED' || !notification.body.includes('zz-malformed-row.txt')) {
        throw new Error(
          `failed-load run: the notification does not name the bad file:\n${notification.body}`,
        );
      }
    } else if (notification.state !== 'FINISHED') {
      throw new Error(`${kind} run: expected FINISHED, got ${notification.state}: ${notification.body}`);
    } else if (kind === 'success' && notification.rowsLoaded !== rows) {
      throw new Error(`success run: notification says ${notification.rowsLoaded} rows, expected ${rows}`);
    }
    await pipeline.sns.waitFor(result.statementId, 10_000);
    const runnerCounts = runnerProxy.counts();
    const notifierCounts = notifierProxy.counts();
    for (const [operation, count] of Object.entries(runnerCounts)) {
      byOperation[`${kind}: runner ${operation}`] =
        (byOperation[`${kind}: runner ${operation}`] ?? 0) + count;
    }
    for (const [operation, count] of Object.entries(notifierCounts)) {
      byOperation[`${kind}: notifier ${operation}`] =
        (byOperation[`${kind}: notifier ${operation}`] ?? 0) + count;
    }
    const timeline = await timelineOf(pipeline.direct, result.statementId);
    calls[kind].runner.push(total(runnerCounts));
    calls[kind].notifier.push(total(notifierCounts));
    calls[kind].endedAfter.push(timeline.endedAfterMs);
    if (kind === 'success') {
      const model = pollingModel(timeline);
      reference.push(model.reference1s);
      fixed.push(model.fixed10s);
      startedAfter.push(timeline.startedAfterMs);
    }
  } finally {
    rmSync(badFile, { force: true });
  }
}

try {
  const base = Date.UTC(2026, 0, 5, 16, 0, 0);
  const kinds: Kind[] = ['success', 'failed load', 'slow success'];
  for (let run = 0; run < runs; run++) {
    for (const [index, kind] of kinds.entries()) {
      await oneRun(kind, new Date(base + (run * kinds.length + index) * 3_600_000));
    }
  }
} finally {
  await pipeline.close();
  rmSync(root, { recursive: true, force: true });
}

const successTotal = calls.success.runner.map((count, index) => count + calls.success.notifier[index]!);
const failedTotal = calls['failed load'].runner.map(
  (count, index) => count + calls['failed load'].notifier[index]!,
);
const median = (values: number[]) => summarise('calls', values).median;
report({
  name: 'data-api-calls',
  description: `Data API calls per pipeline run (${rows.toLocaleString('en-US')} trips, PGlite, ${runs} runs each of success, failed load and a ${slowSeconds} s slower success), counted at the endpoint, vs polling models on the successful runs' timelines`,
  metrics: {
    'runner calls, success': summarise('calls', calls.success.runner),
    'notifier calls, success': summarise('calls', calls.success.notifier),
    'total calls, success': summarise('calls', successTotal),
    'runner calls, failed load': summarise('calls', calls['failed load'].runner),
    'notifier calls, failed load': summarise('calls', calls['failed load'].notifier),
    'total calls, failed load': summarise('calls', failedTotal),
    'runner calls, slow success': summarise('calls', calls['slow success'].runner),
    'notifier calls, slow success': summarise('calls', calls['slow success'].notifier),
    'reference 1 s poll until started (model)': summarise('calls', reference),
    'fixed 10 s poll until ended (model)': summarise('calls', fixed),
    'submitted → started ms, success': summarise('ms', startedAfter),
    'submitted → ended ms, success': summarise('ms', calls.success.endedAfter),
    'submitted → ended ms, failed load': summarise('ms', calls['failed load'].endedAfter),
    'submitted → ended ms, slow success': summarise('ms', calls['slow success'].endedAfter),
  },
  ratios: {
    'shiftflow total (success) / reference 1 s poll': median(successTotal) / median(reference),
    'shiftflow total (success) / fixed 10 s poll': median(successTotal) / median(fixed),
  },
  notes: {
    commit: gitCommit(),
    ...Object.fromEntries(Object.entries(byOperation).map(([name, count]) => [`${name} (all runs)`, count])),
    model:
      'both polling designs: 1 ExecuteStatement; reference: DescribeStatement at submit and every 1 s until STARTED = ceil(started/1s)+1; fixed: DescribeStatement every 10 s until ended = max(1, ceil(ended/10s)); started = UpdatedAt − Duration, ended = UpdatedAt, from CreatedAt',
    'shiftflow counts include':
      'runner: one overlap-guard ListStatements + ExecuteStatement; notifier after the event: success = GetStatementResult of the CALL row; failed load = DescribeStatement + load-error query (ExecuteStatement, DescribeStatement, GetStatementResult)',
    'failed load': `one extra object under the source prefix whose only line is "${badLine}"; the notification must name that file`,
    'slow success': `CALL slow_elt_process(): pg_sleep(${slowSeconds}) and the OUT arguments of run_elt_process`,
  },
});
