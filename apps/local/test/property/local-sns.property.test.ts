/**
 * Property-based bad input and security checks of the local SNS endpoint. One endpoint serves the whole file. Random awsQuery form bodies (unknown actions, wrong
 * and missing parameters, oversized messages, broken MessageStructure JSON, bad attributes)
 * and raw text are sent as SigV4-signed requests (the AWS SDK signs them; see
 * raw-signed-client.ts): every answer must be well-formed XML, a success or a Sender error with
 * status < 500 that the SDK itself reads, and the endpoint must still deliver a good Publish
 * afterwards. Unsigned, unknown-key, wrongly signed and tampered requests are refused; the
 * endpoint listens on loopback only.
 */
import { connect } from 'node:net';
import os from 'node:os';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RawResponse,
  rawSignedChannel,
} from '../../../../packages/redshift-local/test/property/raw-signed-client';
import { type LocalSns, type SnsNotification, startLocalSns } from '../../src/sns/index';

const numRuns = 1000;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const topicArn = 'arn:aws:sns:us-east-1:123456789012:alerts';
const fifoTopicArn = 'arn:aws:sns:us-east-1:123456789012:alerts.fifo';
let sns: LocalSns;
let client: SNSClient;
const channel = rawSignedChannel();
let rawClient: SNSClient;
const published: SnsNotification[] = [];

beforeAll(async () => {
  sns = await startLocalSns({ topics: ['alerts', 'alerts.fifo'] });
  sns.onPublish((notification) => published.push(notification));
  client = new SNSClient({ endpoint: sns.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  rawClient = new SNSClient({
    endpoint: sns.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: channel.requestHandler,
  });
  rawClient.middlewareStack.add(channel.middleware, { step: 'build', name: 'rawBody' });
});

afterAll(async () => {
  client?.destroy();
  rawClient?.destroy();
  await sns?.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '<b>&amp;</b>',
    ']]>',
    '"\'<>&',
    '\u0000',
    '\ud800',
    'é',
    '{"default":"x"}',
    '{"default":1}',
  ),
);
const hostileParameter: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(
    fc.constantFrom('Action'),
    fc.oneof(
      fc.constantFrom('Publish', 'CreateTopic', 'ListTopics', 'Subscribe', 'DeleteTopic', 'publish', ''),
      text,
    ),
  ),
  fc.tuple(
    fc.constantFrom('TopicArn', 'TargetArn'),
    fc.oneof(
      fc.constantFrom(topicArn, fifoTopicArn, `${topicArn}x`, 'arn:aws:sns:us-east-1:999999999999:alerts'),
      text,
    ),
  ),
  fc.tuple(fc.constantFrom('PhoneNumber'), fc.oneof(fc.constantFrom('+15555550100', '5555', '+'), text)),
  fc.tuple(
    fc.constantFrom('Message'),
    fc.oneof(text, fc.constantFrom('x'.repeat(262_145), 'é'.repeat(140_000))),
  ),
  fc.tuple(fc.constantFrom('Subject'), fc.oneof(text, fc.constantFrom('x'.repeat(101), 'line\nbreak'))),
  fc.tuple(fc.constantFrom('MessageStructure'), fc.oneof(fc.constantFrom('json', 'JSON', 'text'), text)),
  fc.tuple(
    fc.constantFrom('MessageGroupId', 'MessageDeduplicationId'),
    fc.oneof(text, fc.constantFrom('g'.repeat(129))),
  ),
  fc.tuple(
    fc.constantFrom('Name'),
    fc.oneof(fc.constantFrom('new-topic', 'bad name', 'x.fifo', 'n'.repeat(257)), text),
  ),
  fc.tuple(fc.constantFrom('Protocol'), fc.oneof(fc.constantFrom('http', 'https', 'email', 'sqs'), text)),
  // Never a reachable http(s) URL: a successful Subscribe would make later Publish calls deliver to it.
  fc.tuple(
    fc.constantFrom('Endpoint'),
    fc
      .oneof(fc.constantFrom('mailto:a@b.c', 'ftp://x', 'http:/x'), text)
      .filter((value) => !/^https?:\/\//.test(value)),
  ),
  fc.tuple(
    fc.constantFrom(
      'MessageAttributes.entry.1.Name',
      'MessageAttributes.entry.1.Value.DataType',
      'MessageAttributes.entry.1.Value.StringValue',
      'MessageAttributes.entry.1.Value.BinaryValue',
      'MessageAttributes.entry.2.Name',
      'MessageAttributes.entry.11.Name',
      'Attributes.entry.1.key',
      'Attributes.entry.1.value',
    ),
    fc.oneof(
      fc.constantFrom(
        'String',
        'Number',
        'Binary',
        'String.Array',
        'AWS.x',
        'FifoTopic',
        'true',
        '["a",1]',
        'not base64!',
      ),
      text,
    ),
  ),
  fc.tuple(fc.string({ maxLength: 10 }), text),
);
const body = fc.oneof(
  {
    arbitrary: fc
      .array(hostileParameter, { maxLength: 8 })
      .map((parameters) => new URLSearchParams([['Version', '2010-03-31'], ...parameters]).toString()),
    weight: 8,
  },
  { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '',
      '&&&',
      'Action',
      'Action=Publish&Action=ListTopics',
      '%',
      '%zz',
      'Action=%E0%A4%A',
    ),
    weight: 1,
  },
);

/** Checks that `xml` is one well-formed element tree: balanced tags, escaped text, one root. */
function expectWellFormedXml(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  const pattern =
    /<\/([A-Za-z][\w.-]*)>|<([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"<&]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  for (const match of xml.matchAll(pattern)) {
    const [, closing, opening, , selfClosing, textPart, strayBracket] = match;
    expect(strayBracket, `stray "<" in ${xml.slice(0, 300)}`).toBeUndefined();
    if (textPart !== undefined) {
      expect(stack.length, `text outside the root: ${xml.slice(0, 300)}`).toBeGreaterThan(0);
      expect(
        textPart.replace(/&(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g, ''),
        `unescaped "&" in ${textPart}`,
      ).not.toContain('&');
    } else if (closing !== undefined) {
      expect(stack.pop()).toBe(closing);
    } else if (opening !== undefined) {
      if (stack.length === 0) roots++;
      if (selfClosing !== '/') stack.push(opening);
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(xml.length).toBeGreaterThan(0);
}

async function sendRaw(
  rewrite: Parameters<typeof channel.next>[0],
): Promise<{ raw: RawResponse; sdkError: unknown }> {
  channel.next(rewrite);
  let sdkError: unknown;
  try {
    await rawClient.send(new PublishCommand({ TopicArn: topicArn, Message: 'placeholder' }));
  } catch (error) {
    sdkError = error;
  }
  return { raw: channel.last(), sdkError };
}

async function expectGoodPublishDelivered(): Promise<void> {
  const before = published.length;
  const { MessageId } = await client.send(
    new PublishCommand({ TopicArn: topicArn, Subject: 'ok', Message: 'still serving' }),
  );
  expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
  expect(published.slice(before).map((notification) => notification.message)).toEqual(['still serving']);
}

describe('the local SNS endpoint on hostile request bodies', () => {
  it('answers every signed request with well-formed XML: a success or a Sender error below 500 (1,000 cases)', async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(body, async (form) => {
        const { raw, sdkError } = await sendRaw({ body: form });
        const context = `${form.slice(0, 200)} -> ${raw.status} ${raw.body.slice(0, 300)}`;
        expect(raw.status, context).toBeLessThan(500);
        expect(raw.headers['content-type']).toBe('text/xml');
        expectWellFormedXml(raw.body);
        if (raw.status === 200) {
          expect(raw.body, context).toMatch(
            /^<(\w+)Response xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><\1Result>/,
          );
          return;
        }
        const code =
          /<Error><Type>Sender<\/Type><Code>([^<]+)<\/Code><Message>[^<]*<\/Message><\/Error>/.exec(
            raw.body,
          )?.[1];
        expect(code, context).toBeDefined();
        codes.set(code ?? '', (codes.get(code ?? '') ?? 0) + 1);
        // The SDK's own awsQuery deserializer reads the same error (as its modeled name when it has one:
        // SNS's InvalidParameterValueException travels as the code ParameterValueInvalid, the one code
        // whose modeled name is not `<code>Exception`; found by seed 618775529).
        const modeled = code === 'ParameterValueInvalid' ? ['InvalidParameterValueException'] : [];
        expect([code, `${code}Exception`, ...modeled], context).toContain((sdkError as Error).name);
        expect((sdkError as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(
          raw.status,
        );
      }),
      { numRuns },
    );
    expect(codes.size).toBeGreaterThan(2);
    await expectGoodPublishDelivered();
  });

  it('refuses a body over 8 MiB with RequestEntityTooLarge and keeps serving', async () => {
    channel.next({ body: `Action=Publish&Message=${'x'.repeat(8 * 1024 * 1024 + 1)}` });
    const sent = await rawClient
      .send(new PublishCommand({ TopicArn: topicArn, Message: 'placeholder' }))
      .then(
        () => 'accepted',
        (error: unknown) => String(error),
      );
    // The endpoint answers 413 as soon as the limit is passed and destroys the connection; the
    // client, still sending, may see the answer or only the reset.
    let raw: RawResponse | undefined;
    try {
      raw = channel.last();
    } catch {
      // No HTTP response reached the client: the reset is checked below instead.
      raw = undefined;
    }
    if (raw) {
      expect(raw.status).toBe(413);
      expectWellFormedXml(raw.body);
    } else {
      expect(sent).toMatch(/ECONNRESET|EPIPE|socket hang up/);
    }
    await expectGoodPublishDelivered();
  });
});

describe('security of the local SNS endpoint', () => {
  it('listens on 127.0.0.1 only', async () => {
    const url = new URL(sns.endpoint);
    expect(url.hostname).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
      .map((address) => address?.address ?? '');
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: Number(url.port) });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, `port ${url.port} on ${address}`).toBe('ECONNREFUSED');
    }
  });

  async function sendWith(
    signer: { accessKeyId: string; secretAccessKey: string },
    rewrite: Parameters<typeof channel.next>[0],
  ): Promise<RawResponse> {
    const other = rawSignedChannel();
    const sender = new SNSClient({
      endpoint: sns.endpoint,
      region: 'us-east-1',
      credentials: signer,
      maxAttempts: 1,
      requestHandler: other.requestHandler,
    });
    other.next(rewrite);
    // The answer is checked by the caller; a refusal makes the SDK throw, a forged success does not.
    await sender
      .send(new PublishCommand({ TopicArn: topicArn, Message: 'signed message' }))
      .catch(() => undefined);
    sender.destroy();
    return other.last();
  }

  it('refuses unsigned requests, unknown access keys and wrong secrets, and publishes nothing (1,000 cases)', async () => {
    const before = published.length;
    const refusal = fc.oneof(
      fc.record({ kind: fc.constant('unsigned' as const) }),
      fc.record({
        kind: fc.constant('unknown key' as const),
        accessKeyId: fc
          .string({ minLength: 1, maxLength: 20 })
          // Names of Object.prototype members are the known-bug cases below.
          .filter((key) => key !== 'test' && !/[\s/,=]/.test(key) && !(key in {})),
      }),
      fc.record({
        kind: fc.constant('wrong secret' as const),
        secret: fc.string({ minLength: 1 }).filter((secret) => secret !== 'test'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(refusal, async (attempt) => {
        const raw = await sendWith(
          attempt.kind === 'unknown key'
            ? { accessKeyId: attempt.accessKeyId, secretAccessKey: 'test' }
            : attempt.kind === 'wrong secret'
              ? { accessKeyId: 'test', secretAccessKey: attempt.secret }
              : credentials,
          attempt.kind === 'unsigned' ? { stripHeaders: ['authorization'] } : {},
        );
        const expected = {
          unsigned: 'MissingAuthenticationToken',
          'unknown key': 'InvalidClientTokenId',
          'wrong secret': 'SignatureDoesNotMatch',
        }[attempt.kind];
        expect(raw.status, raw.body).toBe(403);
        expect(raw.body).toContain(`<Code>${expected}</Code>`);
      }),
      { numRuns },
    );
    expect(published.length).toBe(before);
  });

  // Found by the refusal property when its keys included Object.prototype member names (bug list in
  // RELIABILITY.md): verifySignature looks the key up with `accessKeys[accessKeyId]`, so
  // "constructor", "toString" or "__proto__" find a prototype member instead of no key, and the
  // request is refused as SignatureDoesNotMatch rather than InvalidClientTokenId. Refused either
  // way, but with the wrong error; the Data API endpoint checks own properties.
  it.each([['constructor'], ['toString'], ['__proto__']])(
    'refuses the access key %s as unknown',
    async (accessKeyId) => {
      const raw = await sendWith({ accessKeyId, secretAccessKey: 'test' }, {});
      expect(raw.status).toBe(403);
      expect(raw.body).toContain('<Code>InvalidClientTokenId</Code>');
    },
  );

  it('refuses a signed request whose body was changed to one of another length', async () => {
    const raw = await sendWith(credentials, {
      tamperedBody: `Action=Publish&TopicArn=${encodeURIComponent(topicArn)}&Message=x`,
    });
    expect(raw.status).toBe(403);
    expect(raw.body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  // Found by the Data API's tampering test, same cause here (bug list in RELIABILITY.md): the
  // SDK signs an x-amz-content-sha256 header and verifySignature (src/sns/verify-signature.ts)
  // uses that header as the payload hash without hashing the body it received, so a body changed
  // in flight to another of the same length is accepted and published.
  // Expected: SignatureDoesNotMatch (403) and nothing published.
  it('refuses a signed request whose body was changed to one of the same length', async () => {
    const before = published.length;
    let signedBody = '';
    const raw = await sendWith(credentials, {
      tamperedBody: (body) => {
        signedBody = body;
        return body.replace('signed', 'forged');
      },
    });
    expect(signedBody).toContain('signed');
    expect(raw.status, raw.body).toBe(403);
    expect(published.slice(before).map((notification) => notification.message)).not.toContain(
      'forged message',
    );
  });
});
