import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSns, outboxSubscriber, startLocalSns } from '../../src/sns/index';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow-notifications';
let workDirectory: string;
let sns: LocalSns | undefined;
let client: SNSClient | undefined;

async function start(outbox: string): Promise<SNSClient> {
  sns = await startLocalSns({
    topics: ['shiftflow-notifications'],
    subscribers: [outboxSubscriber(outbox)],
    attempts: 1,
  });
  client = new SNSClient({
    endpoint: sns.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return client;
}

beforeEach(async () => {
  workDirectory = await mkdtemp(join(tmpdir(), 'outbox-durability-'));
});
afterEach(async () => {
  client?.destroy();
  await sns?.close();
  sns = undefined;
  client = undefined;
  await rm(workDirectory, { recursive: true, force: true });
});

describe('outboxSubscriber with the local SNS', () => {
  it('has both files of the message on disk when Publish answers', async () => {
    const outbox = join(workDirectory, 'outbox');
    const sender = await start(outbox);

    const { MessageId } = await sender.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'run FINISHED' }),
    );

    const files = (await readdir(outbox)).sort();
    expect(files.map((file) => file.replace(/^.*-([0-9a-f-]{36})\./, '$1.'))).toEqual([
      `${MessageId}.eml`,
      `${MessageId}.json`,
    ]);
    const json = JSON.parse(await readFile(join(outbox, files[1]!), 'utf8'));
    expect(json).toMatchObject({ MessageId, Message: 'run FINISHED' });
  });

  it('fails the Publish, naming the outbox path, when the message cannot be stored', async () => {
    const outbox = join(workDirectory, 'outbox');
    await writeFile(outbox, 'a file where the outbox folder should be');
    const sender = await start(outbox);

    const publishing = sender.send(new PublishCommand({ TopicArn: topicArn, Message: 'run FINISHED' }));

    await expect(publishing).rejects.toThrow(`the message was not stored by outbox:${outbox}`);
  });

  it('removes what a delivery killed half-way left (temporary files, an .eml without its .json)', async () => {
    const outbox = join(workDirectory, 'outbox');
    await mkdir(outbox);
    const complete = '2026-11-30T16-05-00.000Z-11111111-1111-4111-8111-111111111111';
    const unfinished = '2026-11-30T16-06-00.000Z-22222222-2222-4222-8222-222222222222';
    await writeFile(join(outbox, `${complete}.json`), '{}\n');
    await writeFile(join(outbox, `${complete}.eml`), 'mail');
    await writeFile(join(outbox, `${unfinished}.eml`), 'mail');
    await writeFile(join(outbox, `.${unfinished}.json.0a1b.tmp`), '{"Typ');
    await writeFile(join(outbox, 'notes.txt'), 'the user keeps this');
    const sender = await start(outbox);

    await sender.send(new PublishCommand({ TopicArn: topicArn, Message: 'next' }));

    const files = await readdir(outbox);
    expect(files).toContain(`${complete}.json`);
    expect(files).toContain(`${complete}.eml`);
    expect(files).toContain('notes.txt');
    expect(files.filter((file) => file.includes(unfinished))).toEqual([]);
    expect(files).toHaveLength(5);
  });
});
