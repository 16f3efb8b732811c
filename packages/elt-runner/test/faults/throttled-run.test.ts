/**
 * The deployed runner (the single-file Lambda bundle, its own AWS SDK with the
 * default retry strategy) against a local Redshift that throttles and loses answers (its `faults`
 * option). The run must still start, the ELT must run once (one statement, one row written) even
 * when the ExecuteStatement answer is lost and when Lambda invokes the handler again.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ListStatementsCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { type PipelineConfig, runnerEnvironment } from '@shiftflow/events';
import {
  type LocalRedshift,
  type StatementStatusChangeEnvelope,
  startLocalRedshift,
} from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const config: PipelineConfig = {
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'UTC' },
  target: { type: 'serverless', workgroupName: 'local', database: 'dev' },
  eltSql: 'CALL run_elt_process();',
  setupFiles: [],
  sourceS3Uri: 's3://bucket/prefix/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/Copy',
};
const scheduledEvent = { source: 'shiftflow.scheduler', scheduledTime: '2026-11-30T11:00:00Z' };

let root: string;
let redshift: LocalRedshift;
let client: RedshiftDataClient;
let dataApi: RedshiftData;
let handler: (event: unknown) => Promise<{ status: string; statementId?: string }>;
const events: StatementStatusChangeEnvelope[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'runner-faults-'));
  mkdirSync(path.join(root, 's3'));
  redshift = await startLocalRedshift({
    s3Root: path.join(root, 's3'),
    faults: {
      // ListStatements (the runner's active-run check) throttled twice: attempt 3 passes.
      throttle: { operations: ['ListStatements'], count: 2 },
      // ExecuteStatement runs, then its answer is lost, once.
      serverErrors: { operations: ['ExecuteStatement'], count: 1, when: 'after' },
    },
  });
  redshift.onStatusChange((event) => events.push(event));
  client = new RedshiftDataClient({
    endpoint: redshift.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  dataApi = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });
  for (const [name, value] of Object.entries({
    ...runnerEnvironment(config),
    ...redshift.environment,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  })) {
    vi.stubEnv(name, value);
  }
  ({ handler } = await import(
    pathToFileURL(path.join(import.meta.dirname, '../../dist/lambda/index.mjs')).href
  ));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await redshift?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the runner bundle against throttling and a lost answer', () => {
  it('starts the run once, and a second invocation of the same event starts nothing new', async () => {
    // Bypass the faults' counters: these setup statements use operations not faulted... except
    // ExecuteStatement, whose one lost answer must hit the runner, so setup uses BatchExecuteStatement.
    const setup = await dataApi.executeBatch([
      'create table elt_runs (ran_at timestamp not null)',
      `create or replace procedure run_elt_process() as $$
begin
  insert into elt_runs values (cast(current_timestamp as timestamp));
end;
$$ language plpgsql`,
    ]);
    await dataApi.wait(setup.id, { timeoutMs: 20_000 });

    const first = await handler(scheduledEvent);

    expect(first.status).toBe('started');
    expect(redshift.faultCounts()).toMatchObject({ throttle: 2, serverErrors: 1 });
    await vi.waitFor(() => expect(events.map((event) => event.detail.state)).toEqual(['FINISHED']), {
      timeout: 60_000,
    });
    expect(events[0]?.detail).toMatchObject({
      statementId: first.statementId,
      statementName: 'nyc-taxi/2026-11-30T11:00:00.000Z',
    });

    // Lambda's own retry of the same event (or a duplicate delivery): the same ClientToken.
    const again = await handler(scheduledEvent);

    expect(again).toMatchObject({ status: 'started', statementId: first.statementId });
    const { Statements = [] } = await client.send(
      new ListStatementsCommand({ StatementName: 'nyc-taxi/', Status: 'ALL' }),
    );
    expect(Statements.map((statement) => statement.Id)).toEqual([first.statementId]);
    expect(await dataApi.query<{ runs: number }>('select count(*)::int as runs from elt_runs')).toEqual([
      { runs: 1 },
    ]);
  });
});
