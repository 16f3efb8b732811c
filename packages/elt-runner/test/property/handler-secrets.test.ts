/**
 * Security: secrets and credentials never reach the runner's logs. The real
 * handler runs with a secret ARN target and AWS credentials in its environment; every byte it
 * writes to stdout/stderr is captured while it starts a run, rejects bad input, and fails on a
 * Data API error, and none of the secret values may appear.
 */
import {
  ExecuteStatementCommand,
  ListStatementsCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { type PipelineConfig, runnerEnvironment } from '@shiftflow/events';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import schedulerInputEvent from '../../src/__fixtures__/scheduler-input-event.json';

const secrets = {
  AWS_ACCESS_KEY_ID: 'AKIASECRETACCESSKEY1',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-secret-access-key-do-not-log',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjE-session-token-do-not-log',
};
const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shiftflow-db-AbCdEf';
const config: PipelineConfig = {
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'UTC' },
  target: { type: 'cluster', clusterIdentifier: 'shiftflow', database: 'dev', secretArn },
  eltSql: 'CALL run_elt_process();',
  setupFiles: [],
  sourceS3Uri: 's3://bucket/prefix/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/Copy',
};

const sdk = mockClient(RedshiftDataClient);
const saved = { ...process.env };
let output: string[] = [];

beforeEach(() => {
  vi.resetModules();
  sdk.reset();
  Object.assign(process.env, runnerEnvironment(config), secrets, {
    AWS_REGION: 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
  });
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

describe('the runner handler with secrets in its environment', () => {
  it('logs the started run without any credential', async () => {
    sdk.on(ListStatementsCommand).resolves({ Statements: [] });
    sdk.on(ExecuteStatementCommand).resolves({ Id: 'd9b6c0c9-0747-4bf4-b142-e8883122f766' });
    const { handler } = await import('../../src/handler');

    const result = await handler(schedulerInputEvent);

    expect(result.status).toBe('started');
    expect(sdk.commandCalls(ExecuteStatementCommand)[0]?.args[0].input.SecretArn).toBe(secretArn);
    expect(output.join('')).toContain('run started');
    expectNoSecrets();
  });

  it('logs a rejected event and a failed ExecuteStatement without any credential', async () => {
    sdk.on(ListStatementsCommand).resolves({ Statements: [] });
    sdk.on(ExecuteStatementCommand).rejects(new Error(`access denied for ${secretArn}`));
    const { handler } = await import('../../src/handler');

    await expect(
      handler({ source: 'shiftflow.scheduler', scheduledTime: secrets.AWS_SESSION_TOKEN.slice(0, 3) }),
    ).rejects.toThrow(/runner input/);
    await expect(handler(schedulerInputEvent)).rejects.toThrow(/ExecuteStatement failed/);

    expect(output.join('')).toContain('run failed to start');
    expectNoSecrets();
  });
});
