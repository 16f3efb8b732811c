// ESM consumer: the whole pipeline from the published packages. It applies the project's setup SQL to
// @shiftflow/redshift-local with @shiftflow/elt-runner's applySetup, then runs the runner's Lambda
// handler (a scheduled run that loads S3 files, then a run whose COPY finds no files), and hands each
// run's status-change event to the notifier's Lambda handler, which publishes to an SNS endpoint in
// this process. Both handlers read only environment variables, as in Lambda.
// Run from the project folder (shiftflow.config.json, sql/setup); argument: a scratch folder.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RedshiftDataApi } from '@shiftflow/data-api';
import { applySetup, dataApiTargetOf, readSetupFiles, handler as runnerHandler } from '@shiftflow/elt-runner';
import { notifierEnvironment, parsePipelineConfig, runnerEnvironment } from '@shiftflow/events';
import { handler as notifierHandler } from '@shiftflow/notifier';
import { startLocalRedshift } from '@shiftflow/redshift-local';
import { report } from './report.mjs';
import { startSnsEndpoint } from './sns-endpoint.mjs';

const project = process.cwd();
const [scratch] = process.argv.slice(2);
const config = parsePipelineConfig(
  JSON.parse(readFileSync(path.join(project, 'shiftflow.config.json'), 'utf8')),
);
const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow-consumer';

// Three pipe-delimited trips (two in January 2015, one in February) under the configured S3 prefix, in
// the reference sample's ten columns (pickup_date|pickup_datetime|dropoff_datetime|ratecode|
// passenger_count|trip_distance|fare_amount|total_amount|payment_type|vendorid), as sql/setup loads them.
const s3Root = path.join(scratch, 's3');
const { hostname: bucket, pathname: prefix } = new URL(config.sourceS3Uri);
mkdirSync(path.join(s3Root, bucket, prefix), { recursive: true });
writeFileSync(
  path.join(s3Root, bucket, prefix, 'part-0000.txt'),
  [
    '2015-01-05|2015-01-05 08:10:00|2015-01-05 08:25:00|1|1|2.5|12.5|15.8|1|1',
    '2015-01-20|2015-01-20 09:00:00|2015-01-20 09:30:00|1|2|7.5|24.5|30.84|2|2',
    '2015-02-03|2015-02-03 18:45:00|2015-02-03 19:00:00|1|1|1.25|7|10.3|1|1',
    '',
  ].join('\n'),
);

const local = await startLocalRedshift({ s3Root });
const sns = await startSnsEndpoint();
const events = [];
local.onStatusChange((event) => events.push(event));

async function eventFor(statementId) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const event = events.find((candidate) => candidate.detail.statementId === statementId);
    if (event !== undefined) return event;
    if (Date.now() > deadline) throw new Error(`no status-change event for statement ${statementId}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One run: the runner's handler on `input`, then the notifier's handler on the run's event. */
async function run(input) {
  const started = await runnerHandler(input);
  if (started.status !== 'started') return { started };
  const event = await eventFor(started.statementId);
  const published = sns.publishes.length;
  const notified = await notifierHandler(event);
  const publish = sns.publishes[published];
  return {
    started,
    event: { state: event.detail.state, statementName: event.detail.statementName },
    notified,
    publish: publish && { ...publish, message: JSON.parse(publish.message ?? 'null') },
    publishCount: sns.publishes.length - published,
  };
}

try {
  // The Lambda environments, as the CDK app sets them, plus the local endpoints.
  Object.assign(
    process.env,
    runnerEnvironment(config),
    notifierEnvironment(config, { topicArn, ledger: { type: 'file', path: path.join(scratch, 'ledger') } }),
    local.environment,
    { AWS_ENDPOINT_URL_SNS: sns.endpoint },
  );
  const dataApi = new RedshiftDataApi({
    clientConfig: { endpoint: local.endpoint, region: process.env.AWS_REGION },
    target: dataApiTargetOf(config.target),
  });
  const files = await readSetupFiles(project, config.setupFiles);
  const setup = await applySetup({ dataApi, files, values: config, pollIntervalMs: 20 });

  const finished = await run({ source: 'shiftflow.scheduler', scheduledTime: '2026-11-30T16:00:00Z' });
  const [log] = await dataApi.query(
    "SELECT rows_loaded FROM elt_run_log WHERE table_name = 'nyc_yellow_taxi' ORDER BY loaded_at DESC LIMIT 1",
  );
  const redelivered = finished.event
    ? await notifierHandler(await eventFor(finished.started.statementId))
    : undefined;

  await applySetup({
    dataApi,
    files,
    values: { ...config, sourceS3Uri: `s3://${bucket}/no_such_prefix/` },
    pollIntervalMs: 20,
  });
  const failed = await run({
    source: 'shiftflow.manual',
    reason: 'consumer test: a load that finds no files',
    runTime: '2026-12-01T09:00:00Z',
  });
  report({
    setup: { statementCount: setup.statementCount },
    finished,
    rowsLoaded: log?.rows_loaded,
    redelivered,
    failed,
    publishes: sns.publishes.length,
  });
} finally {
  await sns.close();
  await local.close();
}
