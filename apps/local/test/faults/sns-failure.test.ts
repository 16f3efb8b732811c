/**
 * SNS refusing every Publish. The notifier Lambda bundle runs in the local app's
 * Lambda host (asynchronous invocation, as the event rule invokes it) against a local Redshift and
 * an SNS endpoint that answers 500: the SDK retries each Publish, the host retries the invocation,
 * then writes the event to the dead-letter folder. Once SNS is back, the reconciler announces the
 * run: nothing is silently dropped.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { notifierEnvironment, parsePipelineConfig } from '@shiftflow/events';
import {
  type LocalRedshift,
  type StatementStatusChangeEnvelope,
  startLocalRedshift,
} from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaHost } from '../../src/lambda/lambda-host';
import { lambdaBundlePath } from '../../src/pipeline/lambda-bundle-path';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:nyc-taxi-notifications';
const config = parsePipelineConfig({
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'UTC' },
  target: { type: 'serverless', workgroupName: 'local', database: 'dev' },
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-copy',
});

let root: string;
let redshift: LocalRedshift;
let client: RedshiftDataClient;
let sns: Server;
let snsUp = false;
let publishAttempts = 0;
const published: string[] = [];
const events: StatementStatusChangeEnvelope[] = [];
let host: LambdaHost;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'local-sns-failure-'));
  mkdirSync(path.join(root, 's3'));
  redshift = await startLocalRedshift({ s3Root: path.join(root, 's3') });
  redshift.onStatusChange((event) => events.push(event));
  client = new RedshiftDataClient({
    endpoint: redshift.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  sns = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      publishAttempts++;
      const requestId = randomUUID();
      response.setHeader('content-type', 'text/xml');
      if (!snsUp) {
        response.statusCode = 500;
        response.end(
          `<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>injected</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
        return;
      }
      published.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('Message') ?? '');
      response.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => sns.listen(0, '127.0.0.1', resolve));
  const environment = {
    ...notifierEnvironment(config, { topicArn, ledger: { type: 'file', path: path.join(root, 'ledger') } }),
    ...redshift.environment,
    AWS_ENDPOINT_URL_SNS: `http://127.0.0.1:${(sns.address() as AddressInfo).port}`,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  host = new LambdaHost({ deadLetterDirectory: path.join(root, 'dead-letter') });
  const bundle = lambdaBundlePath('@shiftflow/notifier');
  host.register({ name: 'nyc-taxi-notifier', bundle, environment, retryDelaysMs: [50, 50] });
  host.register({ name: 'nyc-taxi-reconciler', bundle, handler: 'reconcile', environment });
});

afterAll(async () => {
  await host?.close();
  client?.destroy();
  await new Promise<void>((resolve) => (sns ? sns.close(() => resolve()) : resolve()));
  await redshift?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('SNS failing every Publish', () => {
  it('retries, dead-letters the event, and the reconciler announces the run once SNS is back', async () => {
    const { Id } = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'local',
        Database: 'dev',
        Sql: 'select 1 / 0',
        WithEvent: true,
        StatementName: 'nyc-taxi/2026-11-30T11:00:00.000Z',
      }),
    );
    // The runner's on-success destination hands the started run to the reconciler (as on AWS).
    await host.invoke('nyc-taxi-reconciler', {
      requestContext: { condition: 'Success' },
      responsePayload: {
        status: 'started',
        pipelineName: 'nyc-taxi',
        runId: 'nyc-taxi/2026-11-30T11:00:00.000Z',
        statementId: Id,
      },
    });
    await client.send(new DescribeStatementCommand({ Id, WaitTimeSeconds: 10 }));
    await expect.poll(() => events.length, { timeout: 60_000 }).toBe(1);

    const outcome = await host.invokeAsync('nyc-taxi-notifier', events[0]).outcome;

    expect(outcome.status).toBe('dead-lettered');
    if (outcome.status !== 'dead-lettered') return;
    expect(outcome.attempts).toBe(3);
    // Each of the 3 invocations had its Publish tried by the SDK (3 attempts by default).
    expect(publishAttempts).toBeGreaterThanOrEqual(3 * 3);
    const record = JSON.parse(readFileSync(outcome.deadLetterFile, 'utf8')) as {
      event: unknown;
      attempts: number;
    };
    expect(record).toMatchObject({ attempts: 3, event: { detail: { statementId: Id, state: 'FAILED' } } });
    expect(published).toEqual([]);

    snsUp = true;
    const report = (await host.invoke('nyc-taxi-reconciler', {})) as { announced: string[] };

    expect(report.announced).toEqual([Id]);
    expect(published).toHaveLength(1);
    expect(published[0]).toContain(Id);
    expect(((await host.invoke('nyc-taxi-reconciler', {})) as { announced: string[] }).announced).toEqual([]);
  });
});
