/**
 * Security: secrets and credentials never reach the notifier's logs. The real
 * handlers (status change and reconciler) run with a secret ARN target and AWS credentials in the
 * environment; stdout/stderr and console are captured while they announce, reject a malformed
 * event, fail to publish and reconcile, and none of the secret values may appear.
 */
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { notifierEnvironment, type PipelineConfig } from '@shiftflow/events';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import statusChangeFailed from '../../src/__fixtures__/status-change-failed.json';
import statusChangeFinished from '../../src/__fixtures__/status-change-finished.json';

const secrets = {
  AWS_ACCESS_KEY_ID: 'AKIASECRETACCESSKEY2',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-notifier-secret-key-do-not-log',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjE-notifier-session-token-do-not-log',
};
const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shiftflow-db-AbCdEf';
const config: PipelineConfig = {
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'UTC' },
  target: { type: 'serverless', workgroupName: 'etl-wg', database: 'dev', secretArn },
  eltSql: 'CALL run_elt_process();',
  setupFiles: [],
  sourceS3Uri: 's3://bucket/prefix/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/Copy',
};
const statementId = statusChangeFinished.detail.statementId;
const queryId = 'bbbbbbbb-2222-4222-8222-000000000001';

const redshiftData = mockClient(RedshiftDataClient);
const sns = mockClient(SNSClient);
const saved = { ...process.env };
let output: string[] = [];

beforeEach(() => {
  vi.resetModules();
  redshiftData.reset();
  sns.reset();
  Object.assign(
    process.env,
    notifierEnvironment(config, {
      topicArn: 'arn:aws:sns:us-east-1:123456789012:shiftflow-nyc-taxi',
      ledger: { type: 'memory' },
    }),
    secrets,
    { AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'DEBUG' },
  );
  redshiftData.on(ExecuteStatementCommand).resolves({ Id: queryId });
  redshiftData.on(DescribeStatementCommand).callsFake((input: { Id: string }) => ({
    Id: input.Id,
    // A failed run failed its load, so announcing it runs the load-error query (which then fails).
    Status: input.Id === queryId ? 'FINISHED' : 'FAILED',
    Error:
      input.Id === queryId
        ? undefined
        : `ERROR: Load into table 'nyc_yellow_taxi' failed.  Check 'stl_load_errors' system table for details.`,
    RedshiftPid: 1234,
    HasResultSet: input.Id === queryId,
    CreatedAt: new Date('2026-11-30T16:00:01Z'),
    UpdatedAt: new Date('2026-11-30T16:04:26Z'),
  }));
  redshiftData.on(GetStatementResultCommand).rejects(new Error('result expired'));
  output = [];
  const capture = (chunk: unknown) => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...values: unknown[]) => {
      output.push(
        values
          .map((value) =>
            value instanceof Error ? `${value.stack}` : (JSON.stringify(value) ?? String(value)),
          )
          .join(' '),
      );
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function expectNoSecrets(): void {
  const text = output.join('');
  for (const [name, value] of Object.entries(secrets)) {
    expect(text.includes(value), `${name} appears in the logs`).toBe(false);
  }
}

describe('the notifier handlers with secrets in their environment', () => {
  it('announce a failed load (with a failed load-error lookup logged) without logging any credential', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
    const { handler } = await import('../../src/handler');

    const outcome = await handler(statusChangeFailed);

    expect(outcome.status).toBe('announced');
    expect(output.join('')).toContain('could not read the load-error rows');
    expect(redshiftData.commandCalls(ExecuteStatementCommand)[0]?.args[0].input.SecretArn).toBe(secretArn);
    expect(output.join('')).toContain('statement announced');
    expectNoSecrets();
  });

  it('reject a malformed event and a failed publish without logging any credential', async () => {
    sns.on(PublishCommand).rejects(new Error(`AuthorizationError for ${secretArn}`));
    const { handler } = await import('../../src/handler');

    await expect(handler({ ...statusChangeFinished, detail: { state: 'DONE' } })).rejects.toThrow(
      /not a Redshift Data statement status-change event/,
    );
    await expect(handler(statusChangeFinished)).rejects.toThrow(/publishing the notification/);

    expect(output.join('')).toContain('rejected a malformed status-change event');
    expect(output.join('')).toContain('announcing the statement failed');
    expectNoSecrets();
  });

  it('record a started run and reconcile it without logging any credential', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'message-2' });
    const { reconcileHandler } = await import('../../src/handler');

    // The runner's on-success destination record, as Lambda sends it to the reconciler.
    const recorded = await reconcileHandler({
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: { requestId: 'r-1', condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { source: 'shiftflow.scheduler', scheduledTime: '2026-11-30T16:00:00Z' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: {
        status: 'started',
        pipelineName: 'nyc-taxi',
        runId: 'nyc-taxi/2026-11-30T16:00:00.000Z',
        statementId,
      },
    });
    const report = await reconcileHandler({});

    expect(recorded).toMatchObject({ status: 'recorded', statementId });
    expect(report).toMatchObject({ announced: [statementId] });
    expect(redshiftData.commandCalls(ListStatementsCommand)).toEqual([]);
    expect(output.join('')).toContain('reconciler announced');
    expectNoSecrets();
  });
});
