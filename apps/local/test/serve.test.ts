import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliProcess } from './cli-process';

let directory: string;
let serve: Awaited<ReturnType<typeof startCliProcess>>;
let info: {
  environment: Record<string, string>;
  topicArn: string;
  target: { workgroupName?: string; clusterIdentifier?: string; database: string };
};

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-serve-'));
  serve = await startCliProcess(['serve', '--json', '--state-dir', directory]);
  info = JSON.parse(serve.firstLine);
});

afterAll(async () => {
  await serve?.stop();
  await rm(directory, { recursive: true, force: true });
});

describe('shiftflow serve', () => {
  it('prints the endpoints and dummy credentials to export', () => {
    expect(info.environment.AWS_ENDPOINT_URL_REDSHIFT_DATA).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.environment.AWS_ENDPOINT_URL_SNS).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.environment.AWS_ACCESS_KEY_ID).toBe('test');
    expect(info.topicArn).toBe('arn:aws:sns:us-east-1:123456789012:nyc-taxi-notifications');
  });

  it('answers the AWS SDK Redshift Data API client with real query results', async () => {
    const client = new RedshiftDataClient({
      endpoint: info.environment.AWS_ENDPOINT_URL_REDSHIFT_DATA,
      region: 'us-east-1',
      credentials,
    });
    const target = { WorkgroupName: info.target.workgroupName, Database: info.target.database };

    const { Id } = await client.send(
      new ExecuteStatementCommand({ ...target, Sql: 'select 6 * 7 as answer' }),
    );
    let status: string | undefined;
    for (let attempt = 0; attempt < 200 && status !== 'FINISHED' && status !== 'FAILED'; attempt++) {
      ({ Status: status } = await client.send(new DescribeStatementCommand({ Id })));
      if (status !== 'FINISHED') await sleep(50);
    }
    const result = await client.send(new GetStatementResultCommand({ Id }));

    expect(status).toBe('FINISHED');
    expect(result.ColumnMetadata?.[0]?.name).toBe('answer');
    expect(result.Records).toEqual([[{ longValue: 42 }]]);
  });

  it('accepts an SNS Publish from the AWS SDK and delivers it to the outbox', async () => {
    const client = new SNSClient({
      endpoint: info.environment.AWS_ENDPOINT_URL_SNS,
      region: 'us-east-1',
      credentials,
    });

    const { MessageId } = await client.send(
      new PublishCommand({
        TopicArn: info.topicArn,
        Subject: 'hello from the test',
        Message: 'body text 123',
      }),
    );

    expect(MessageId).toBeTruthy();
    const outbox = path.join(directory, 'outbox');
    let files: string[] = [];
    for (let attempt = 0; attempt < 100 && files.length < 2; attempt++) {
      files = await readdir(outbox).catch(() => []);
      if (files.length < 2) await sleep(50);
    }
    const json = files.find((file) => file.endsWith('.json') && file.includes(MessageId!));
    expect(json).toBeDefined();
    const notification = JSON.parse(await readFile(path.join(outbox, json!), 'utf8'));
    expect(notification).toMatchObject({
      Subject: 'hello from the test',
      Message: 'body text 123',
      TopicArn: info.topicArn,
    });
  });

  it('rejects an unknown access key', async () => {
    const client = new SNSClient({
      endpoint: info.environment.AWS_ENDPOINT_URL_SNS,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAREALKEY', secretAccessKey: 'x' },
      maxAttempts: 1,
    });

    await expect(
      client.send(new PublishCommand({ TopicArn: info.topicArn, Message: 'x' })),
    ).rejects.toThrow();
  });

  it('stops cleanly on Ctrl-C', async () => {
    const stopping = await startCliProcess([
      'serve',
      '--json',
      '--state-dir',
      path.join(directory, 'second'),
    ]);

    const code = await stopping.stop();

    expect(code).toBe(0);
  });
});

describe('shiftflow query while serve holds the engine', () => {
  it('runs on the running engine instead of opening it a second time, and run refuses to share it', async () => {
    const { runCliProcess } = await import('./cli-process');

    const query = await runCliProcess(['query', 'select 5 as five', '--json', '--state-dir', directory]);
    const run = await runCliProcess(['run', '--state-dir', directory]);

    expect(query.code).toBe(0);
    expect(JSON.parse(query.stdout)).toEqual([{ five: 5 }]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is in use by "shiftflow serve"');
  });
});
