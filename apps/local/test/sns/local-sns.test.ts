import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CreateTopicCommand,
  InvalidParameterException,
  InvalidParameterValueException,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  type PublishCommandInput,
  SNSClient,
  SNSServiceException,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalSns,
  outboxSubscriber,
  type SnsDeliveryError,
  smtpSubscriber,
  startLocalSns,
  terminalSubscriber,
  webhookSubscriber,
} from '../../src/sns/index';

interface WebhookRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

async function startWebhookServer(
  status = 200,
): Promise<{ url: string; requests: WebhookRequest[]; server: Server }> {
  const requests: WebhookRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sns`, requests, server };
}

function closeServer(server: { close(callback: (error?: Error) => void): unknown }): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

function clientFor(endpoint: string, accessKeyId = 'test', secretAccessKey = 'test'): SNSClient {
  return new SNSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });
}

describe('startLocalSns with the AWS SDK SNS client', () => {
  let sns: LocalSns;
  let client: SNSClient;
  let topicArn: string;
  let fifoTopicArn: string;
  let workDirectory: string;
  let outboxDirectory: string;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  let smtp: SMTPServer;
  let smtpPort: number;
  const emails: { from: string; to: string[]; raw: string }[] = [];
  let terminalOutput = '';

  beforeAll(async () => {
    workDirectory = await mkdtemp(join(tmpdir(), 'shiftflow-sns-'));
    outboxDirectory = join(workDirectory, 'outbox');
    webhook = await startWebhookServer();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          emails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    const terminal = new PassThrough();
    terminal.on('data', (chunk: Buffer) => {
      terminalOutput += chunk.toString('utf8');
    });
    sns = await startLocalSns({
      topics: ['shiftflow-notifications', 'orders.fifo'],
      subscribers: [
        terminalSubscriber(terminal),
        outboxSubscriber(outboxDirectory, { to: 'data-team@example.com' }),
        smtpSubscriber(
          { host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true },
          { to: 'data-team@example.com' },
        ),
        webhookSubscriber(webhook.url),
      ],
      attempts: 2,
      baseDelayMs: 10,
    });
    client = clientFor(sns.endpoint);
    topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow-notifications';
    fifoTopicArn = 'arn:aws:sns:us-east-1:123456789012:orders.fifo';
  });

  afterAll(async () => {
    client?.destroy();
    await sns?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    if (webhook) await closeServer(webhook.server);
    await rm(workDirectory, { recursive: true, force: true });
  });

  it('publishes to a topic and every subscriber receives the message', async () => {
    const output = await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: 'shiftflow run FINISHED',
        Message: 'Pipeline nyc-taxi finished: 1200 rows loaded in 3.2 s.',
        MessageAttributes: {
          state: { DataType: 'String', StringValue: 'FINISHED' },
          rows: { DataType: 'Number', StringValue: '1200' },
          blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
        },
      }),
    );
    await sns.idle();

    expect(output.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.$metadata.httpStatusCode).toBe(200);

    const files = (await readdir(outboxDirectory)).filter((file) => file.includes(output.MessageId ?? '?'));
    expect(files.map((file) => file.slice(file.lastIndexOf('.')))).toEqual(['.eml', '.json']);
    const json = JSON.parse(await readFile(join(outboxDirectory, files[1] ?? ''), 'utf8'));
    expect(json).toMatchObject({
      Type: 'Notification',
      MessageId: output.MessageId,
      TopicArn: topicArn,
      Subject: 'shiftflow run FINISHED',
      Message: 'Pipeline nyc-taxi finished: 1200 rows loaded in 3.2 s.',
      MessageAttributes: {
        state: { Type: 'String', Value: 'FINISHED' },
        rows: { Type: 'Number', Value: '1200' },
        blob: { Type: 'Binary', Value: 'AQID' },
      },
    });
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-/);
    const eml = await readFile(join(outboxDirectory, files[0] ?? ''), 'utf8');
    expect(eml).toMatch(/^From: AWS Notifications <no-reply@sns\.amazonaws\.com>$/m);
    expect(eml).toMatch(/^To: data-team@example\.com$/m);
    expect(eml).toMatch(/^Subject: shiftflow run FINISHED$/m);
    expect(eml).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/m);
    expect(eml).toContain(`Message-ID: <${output.MessageId}@sns.local>`);
    expect(eml).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(eml).toContain('Pipeline nyc-taxi finished: 1200 rows loaded in 3.2 s.');

    const email = emails.find((candidate) => candidate.raw.includes(`<${output.MessageId}@sns.local>`));
    expect(email?.to).toEqual(['data-team@example.com']);
    expect(email?.from).toBe('no-reply@sns.amazonaws.com');
    expect(email?.raw).toMatch(/^Subject: shiftflow run FINISHED$/m);
    expect(email?.raw).toContain('Pipeline nyc-taxi finished: 1200 rows loaded in 3.2 s.');

    const request = webhook.requests.find(
      (candidate) => candidate.headers['x-amz-sns-message-id'] === output.MessageId,
    );
    expect(request?.headers['x-amz-sns-message-type']).toBe('Notification');
    expect(request?.headers['x-amz-sns-topic-arn']).toBe(topicArn);
    expect(request?.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      Type: 'Notification',
      Message: json.Message,
      Subject: json.Subject,
    });

    expect(terminalOutput).toContain('│ Subject: shiftflow run FINISHED');
    expect(terminalOutput).toContain('│ Pipeline nyc-taxi finished: 1200 rows loaded in 3.2 s.');
  });

  it('gives each subscriber its protocol entry of a MessageStructure=json message', async () => {
    const output = await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        MessageStructure: 'json',
        Message: JSON.stringify({
          default: 'default text',
          email: 'email text',
          http: 'http text',
          sqs: { ignored: true },
        }),
      }),
    );
    await sns.idle();

    const request = webhook.requests.find(
      (candidate) => candidate.headers['x-amz-sns-message-id'] === output.MessageId,
    );
    expect(JSON.parse(request?.body ?? '{}').Message).toBe('http text');
    const email = emails.find((candidate) => candidate.raw.includes(`<${output.MessageId}@sns.local>`));
    expect(email?.raw).toContain('email text');
    expect(email?.raw).toMatch(/^Subject: AWS Notification Message$/m);
  });

  it('falls back to the default entry for a protocol without one', async () => {
    const output = await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        MessageStructure: 'json',
        Message: '{"default":"only default"}',
      }),
    );
    await sns.idle();

    const request = webhook.requests.find(
      (candidate) => candidate.headers['x-amz-sns-message-id'] === output.MessageId,
    );
    expect(JSON.parse(request?.body ?? '{}').Message).toBe('only default');
  });

  it('accepts a publish to a phone number', async () => {
    const output = await client.send(
      new PublishCommand({ PhoneNumber: '+14155550100', Message: 'sms text' }),
    );
    await sns.idle();
    expect(output.MessageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts a message of exactly 256 KiB', async () => {
    const output = await client.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'x'.repeat(262_144) }),
    );
    await sns.idle();
    expect(output.MessageId).toBeDefined();
  });

  describe('validation errors', () => {
    const longSubject = 's'.repeat(100);
    it.each<
      [string, Partial<PublishCommandInput>, abstract new (...args: never[]) => SNSServiceException, string]
    >([
      ['no destination', { Message: 'm' }, InvalidParameterException, 'TopicArn or TargetArn'],
      [
        'two destinations',
        { TopicArn: 'T', PhoneNumber: '+14155550100', Message: 'm' },
        InvalidParameterException,
        'mutually exclusive',
      ],
      [
        'a malformed topic ARN',
        { TopicArn: 'my-topic', Message: 'm' },
        InvalidParameterException,
        '"my-topic" is not an SNS ARN',
      ],
      [
        'an unknown topic',
        { TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope', Message: 'm' },
        NotFoundException,
        'Topic does not exist',
      ],
      [
        'an unknown target',
        { TargetArn: 'arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/1', Message: 'm' },
        NotFoundException,
        'Endpoint does not exist',
      ],
      [
        'a phone number that is not E.164',
        { PhoneNumber: '555-0100', Message: 'm' },
        InvalidParameterException,
        '"555-0100" is not an E.164 number',
      ],
      ['an empty message', { TopicArn: 'TOPIC', Message: '' }, InvalidParameterException, 'Empty message'],
      [
        'a subject of 100 characters',
        { TopicArn: 'TOPIC', Subject: longSubject, Message: 'm' },
        InvalidParameterException,
        'fewer than 100 characters, got 100',
      ],
      [
        'a subject with a line break',
        { TopicArn: 'TOPIC', Subject: 'line\nbreak', Message: 'm' },
        InvalidParameterException,
        'found U+000A',
      ],
      [
        'a subject with a control character',
        { TopicArn: 'TOPIC', Subject: 'bell\u0007', Message: 'm' },
        InvalidParameterException,
        'found U+0007',
      ],
      [
        'an empty subject',
        { TopicArn: 'TOPIC', Subject: '', Message: 'm' },
        InvalidParameterException,
        'Subject - must not be empty',
      ],
      [
        'an unknown message structure',
        { TopicArn: 'TOPIC', MessageStructure: 'xml', Message: 'm' },
        InvalidParameterException,
        'only "json" is supported, got "xml"',
      ],
      [
        'a JSON structure that does not parse',
        { TopicArn: 'TOPIC', MessageStructure: 'json', Message: '{"default":' },
        InvalidParameterException,
        'failed to parse',
      ],
      [
        'a JSON structure that is not an object',
        { TopicArn: 'TOPIC', MessageStructure: 'json', Message: '["default"]' },
        InvalidParameterException,
        'must be an object',
      ],
      [
        'a JSON structure without default',
        { TopicArn: 'TOPIC', MessageStructure: 'json', Message: '{"email":"e"}' },
        InvalidParameterException,
        'No default entry in JSON message body',
      ],
      [
        'a JSON structure with a non-string default',
        { TopicArn: 'TOPIC', MessageStructure: 'json', Message: '{"default":{"a":1}}' },
        InvalidParameterException,
        'No default entry',
      ],
      [
        'a JSON structure with a duplicate key',
        { TopicArn: 'TOPIC', MessageStructure: 'json', Message: '{"default":"a","email":"b","email":"c"}' },
        InvalidParameterException,
        'has the key "email" more than once',
      ],
      [
        'a message over 256 KiB',
        { TopicArn: 'TOPIC', Message: 'x'.repeat(262_145) },
        InvalidParameterException,
        'Message too long: 262145 bytes',
      ],
      [
        'attributes that push the message over 256 KiB',
        {
          TopicArn: 'TOPIC',
          Message: 'x'.repeat(262_140),
          MessageAttributes: { name: { DataType: 'String', StringValue: 'value' } },
        },
        InvalidParameterException,
        'Message too long',
      ],
      [
        'an attribute of unknown type',
        { TopicArn: 'TOPIC', Message: 'm', MessageAttributes: { a: { DataType: 'Date', StringValue: 'x' } } },
        InvalidParameterValueException,
        'invalid message attribute type "Date"',
      ],
      [
        'a Number attribute that is not a number',
        {
          TopicArn: 'TOPIC',
          Message: 'm',
          MessageAttributes: { n: { DataType: 'Number', StringValue: 'ten' } },
        },
        InvalidParameterValueException,
        'value "ten" is not a number',
      ],
      [
        'a String.Array attribute that is not an array',
        {
          TopicArn: 'TOPIC',
          Message: 'm',
          MessageAttributes: { l: { DataType: 'String.Array', StringValue: '"a"' } },
        },
        InvalidParameterValueException,
        'is not a JSON array',
      ],
      [
        'an attribute named with the AWS. prefix',
        {
          TopicArn: 'TOPIC',
          Message: 'm',
          MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: 'x' } },
        },
        InvalidParameterValueException,
        'name "AWS.x" is invalid',
      ],
      [
        'a String attribute without a value',
        { TopicArn: 'TOPIC', Message: 'm', MessageAttributes: { s: { DataType: 'String' } } },
        InvalidParameterValueException,
        'must contain a non-empty message attribute value',
      ],
      [
        'a FIFO publish without a group id',
        { TopicArn: 'FIFO', Message: 'm', MessageDeduplicationId: 'd' },
        InvalidParameterException,
        'MessageGroupId parameter is required',
      ],
      [
        'a FIFO publish without a deduplication id',
        { TopicArn: 'FIFO', Message: 'm', MessageGroupId: 'g' },
        InvalidParameterException,
        'MessageDeduplicationId provided explicitly',
      ],
      [
        'a deduplication id on a standard topic',
        { TopicArn: 'TOPIC', Message: 'm', MessageDeduplicationId: 'd' },
        InvalidParameterException,
        'not valid for this topic type',
      ],
    ])('rejects %s', async (_description, input, errorClass, message) => {
      const topic = { TOPIC: topicArn, FIFO: fifoTopicArn }[String(input.TopicArn)] ?? input.TopicArn;
      const call = client.send(new PublishCommand({ Message: 'm', ...input, TopicArn: topic }));

      await expect(call).rejects.toBeInstanceOf(errorClass);
      await expect(call).rejects.toThrow(message);
    });

    it('answers errors as XML with the awsQuery fields', async () => {
      const error = await client
        .send(new PublishCommand({ TopicArn: topicArn, Message: 'm', Subject: '' }))
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(InvalidParameterException);
      expect(error).toMatchObject({
        name: 'InvalidParameterException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
      expect((error as InvalidParameterException).$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('returns the same message id for a repeated FIFO deduplication id', async () => {
    const input = {
      TopicArn: fifoTopicArn,
      Message: 'order',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'order-1',
    };
    const first = await client.send(new PublishCommand(input));
    const second = await client.send(new PublishCommand(input));

    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    expect(second.MessageId).toBe(first.MessageId);
    expect(second.SequenceNumber).toBe(first.SequenceNumber);
  });

  it('refuses an unknown access key', async () => {
    const stranger = clientFor(sns.endpoint, 'AKIAUNKNOWN', 'secret');
    const error = await stranger
      .send(new PublishCommand({ TopicArn: topicArn, Message: 'm' }))
      .catch((caught: unknown) => caught);
    stranger.destroy();

    expect(error).toBeInstanceOf(SNSServiceException);
    expect(error).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toContain('access key "AKIAUNKNOWN" is not known');
  });

  it('refuses a known access key with the wrong secret', async () => {
    const impostor = clientFor(sns.endpoint, 'test', 'not-the-secret');
    const error = await impostor
      .send(new PublishCommand({ TopicArn: topicArn, Message: 'm' }))
      .catch((caught: unknown) => caught);
    impostor.destroy();

    expect(error).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses the access key %s, named after an Object.prototype member, as unknown',
    async (accessKeyId) => {
      const stranger = clientFor(sns.endpoint, accessKeyId, 'test');
      const error = await stranger
        .send(new PublishCommand({ TopicArn: topicArn, Message: 'm' }))
        .catch((caught: unknown) => caught);
      stranger.destroy();

      expect(error).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    },
  );

  it('refuses a signature made with a clock 20 minutes behind as expired, and publishes nothing', async () => {
    const before = webhook.requests.length;
    const late = new SNSClient({
      endpoint: sns.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      systemClockOffset: -20 * 60 * 1000,
    });
    const error = await late
      .send(new PublishCommand({ TopicArn: topicArn, Message: 'stale signature' }))
      .catch((caught: unknown) => caught);
    late.destroy();

    expect(error).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      webhook.requests
        .slice(before)
        .map((request) => request.body)
        .join(''),
    ).not.toContain('stale signature');
  });

  it('answers with a Date header from which the SDK corrects its clock for the next request', async () => {
    const late = new SNSClient({
      endpoint: sns.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      systemClockOffset: -20 * 60 * 1000,
    });
    const error = await late
      .send(new PublishCommand({ TopicArn: topicArn, Message: 'first try' }))
      .catch((caught: unknown) => caught);
    const output = await late.send(new PublishCommand({ TopicArn: topicArn, Message: 'clock corrected' }));
    late.destroy();

    expect(error).toMatchObject({ name: 'SignatureDoesNotMatch' });
    expect(output.MessageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a request without a signature, in XML', async () => {
    const response = await fetch(sns.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=Publish&Version=2010-03-31&TopicArn=${encodeURIComponent(topicArn)}&Message=m`,
    });
    const body = await response.text();

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/xml');
    expect(body).toContain('<Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code>');
    expect(body).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it('creates, lists and subscribes to topics', async () => {
    const created = await client.send(new CreateTopicCommand({ Name: 'extra' }));
    const again = await client.send(new CreateTopicCommand({ Name: 'extra' }));
    const listed = await client.send(new ListTopicsCommand({}));
    const hook = await startWebhookServer();
    const subscription = await client.send(
      new SubscribeCommand({ TopicArn: created.TopicArn, Protocol: 'http', Endpoint: hook.url }),
    );
    const published = await client.send(
      new PublishCommand({ TopicArn: created.TopicArn, Message: 'to extra' }),
    );
    await sns.idle();
    await closeServer(hook.server);

    expect(created.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:extra');
    expect(again.TopicArn).toBe(created.TopicArn);
    expect(listed.Topics?.map((topic) => topic.TopicArn)).toEqual([topicArn, fifoTopicArn, created.TopicArn]);
    expect(subscription.SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:extra:[0-9a-f-]{36}$/);
    expect(hook.requests.map((request) => JSON.parse(request.body).MessageId)).toEqual([published.MessageId]);
  });

  it('rejects invalid topic names and e-mail subscriptions', async () => {
    await expect(client.send(new CreateTopicCommand({ Name: 'bad name' }))).rejects.toThrow(
      'Topic Name "bad name"',
    );
    await expect(client.send(new CreateTopicCommand({ Name: 'x.fifo' }))).rejects.toThrow(
      'FIFO topic names must end',
    );
    await expect(
      client.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'a@example.com' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });
});

describe('startLocalSns delivery failures', () => {
  it('retries a failing subscriber, then writes the message to the dead-letter folder and reports it', async () => {
    const deadLetterDirectory = await mkdtemp(join(tmpdir(), 'shiftflow-dead-letter-'));
    const failing = await startWebhookServer(500);
    const failures: SnsDeliveryError[] = [];
    const sns = await startLocalSns({
      topics: ['alerts'],
      subscribers: [webhookSubscriber(failing.url)],
      attempts: 3,
      baseDelayMs: 5,
      deadLetterDirectory,
      onDeliveryFailure: (failure) => failures.push(failure),
    });
    const client = clientFor(sns.endpoint);
    try {
      const output = await client.send(
        new PublishCommand({
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
          Message: 'undeliverable',
        }),
      );
      await sns.idle();

      expect(failing.requests).toHaveLength(3);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({
        code: 'SNS_DELIVERY_FAILED',
        messageId: output.MessageId,
        attempts: 3,
      });
      expect(failures[0]?.message).toContain('answered HTTP 500');
      const [file] = await readdir(deadLetterDirectory);
      expect(failures[0]?.deadLetterFile).toBe(join(deadLetterDirectory, file ?? ''));
      const saved = JSON.parse(await readFile(join(deadLetterDirectory, file ?? ''), 'utf8'));
      expect(saved).toMatchObject({
        subscriber: `webhook:${failing.url}`,
        attempts: 3,
        error: `webhook ${failing.url} answered HTTP 500`,
        notification: { MessageId: output.MessageId, Message: 'undeliverable' },
      });
    } finally {
      client.destroy();
      await sns.close();
      await closeServer(failing.server);
      await rm(deadLetterDirectory, { recursive: true, force: true });
    }
  });
});
