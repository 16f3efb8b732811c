import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DeliveryPolicy, deliverWithRetry } from './deliver-with-retry';
import { SnsApiError } from './errors';
import { parsePublishRequest } from './parse-publish-request';
import { escapeXml, renderSnsError, renderSnsResponse } from './render-sns-xml';
import { deliveryFor, type SnsDelivery, type SnsNotification } from './sns-notification';
import type { SnsSubscriber } from './sns-subscriber';
import { verifySignature } from './verify-signature';
import { webhookSubscriber } from './webhook-subscriber';

/** Options of {@link startLocalSns}. */
export interface LocalSnsOptions extends DeliveryPolicy {
  /** Defaults to `127.0.0.1`. */
  readonly host?: string;
  /** Defaults to 0: any free port. */
  readonly port?: number;
  /** Known access keys and their secrets. Defaults to `{ test: 'test' }`. */
  readonly accessKeys?: Readonly<Record<string, string>>;
  /** Defaults to `us-east-1`. */
  readonly region?: string;
  /** Defaults to `123456789012`. */
  readonly account?: string;
  /** Receive every message published (to any topic or phone number). Defaults to none. */
  readonly subscribers?: readonly SnsSubscriber[];
  /** Topic names to create at start. Defaults to none. */
  readonly topics?: readonly string[];
}

/** A running local SNS endpoint. */
export interface LocalSns {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** Variables that point any AWS SDK or the AWS CLI at this endpoint. */
  readonly environment: Readonly<Record<string, string>>;
  /** Creates a topic (idempotent) and returns its ARN. */
  createTopic(name: string): string;
  /** Calls `listener` with each accepted message; returns a function that removes it. */
  onPublish(listener: (notification: SnsNotification) => void): () => void;
  /** Resolves once every delivery started so far has finished or been dead-lettered. */
  idle(): Promise<void>;
  /** Stops accepting requests, waits for deliveries, and closes the subscribers. */
  close(): Promise<void>;
}

interface Topic {
  readonly arn: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly subscriptions: Map<string, SnsSubscriber>;
  readonly deduplication: Map<string, { messageId: string; sequenceNumber: string; expiresAt: number }>;
}

const maximumBodyBytes = 8 * 1024 * 1024;
const deduplicationWindowMs = 5 * 60 * 1000;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maximumBodyBytes) {
        reject(
          new SnsApiError(
            'RequestEntityTooLarge',
            `Request body is larger than ${maximumBodyBytes} bytes`,
            413,
          ),
        );
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function attributesOf(parameters: ReadonlyMap<string, string>): Map<string, string> {
  const attributes = new Map<string, string>();
  for (let index = 1; parameters.has(`Attributes.entry.${index}.key`); index++) {
    attributes.set(
      parameters.get(`Attributes.entry.${index}.key`) ?? '',
      parameters.get(`Attributes.entry.${index}.value`) ?? '',
    );
  }
  return attributes;
}

/**
 * Starts a local SNS endpoint speaking the awsQuery protocol (Publish, CreateTopic, ListTopics, Subscribe
 * for http/https) that delivers each message to its subscribers with retries and a dead-letter folder.
 *
 * @example
 * ```ts
 * const sns = await startLocalSns({ topics: ['shiftflow-notifications'], subscribers: [terminalSubscriber()] });
 * const client = new SNSClient({ endpoint: sns.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 * await sns.close();
 * ```
 */
export async function startLocalSns(options: LocalSnsOptions = {}): Promise<LocalSns> {
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '123456789012';
  const accessKeys = options.accessKeys ?? { test: 'test' };
  const subscribers = [...(options.subscribers ?? [])];
  const topics = new Map<string, Topic>();
  const listeners = new Set<(notification: SnsNotification) => void>();
  const inFlight = new Set<Promise<void>>();
  let sequence = 0n;

  const topicArn = (name: string) => `arn:aws:sns:${region}:${account}:${name}`;

  function createTopic(name: string, attributes: ReadonlyMap<string, string> = new Map()): string {
    const fifo = attributes.get('FifoTopic') === 'true';
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(name.replace(/\.fifo$/, '')) || name.length > 256) {
      throw new SnsApiError(
        'InvalidParameter',
        `Invalid parameter: Topic Name ${JSON.stringify(name)}: use 1-256 of A-Z a-z 0-9 _ - (and ".fifo" for FIFO topics)`,
        400,
      );
    }
    if (fifo !== name.endsWith('.fifo')) {
      throw new SnsApiError(
        'InvalidParameter',
        `Invalid parameter: Topic Name ${JSON.stringify(name)}: FIFO topic names must end with ".fifo" and need the attribute FifoTopic=true, and only they`,
        400,
      );
    }
    const arn = topicArn(name);
    if (!topics.has(arn)) {
      topics.set(arn, {
        arn,
        fifo,
        contentBasedDeduplication: attributes.get('ContentBasedDeduplication') === 'true',
        subscriptions: new Map(),
        deduplication: new Map(),
      });
    }
    return arn;
  }

  for (const name of options.topics ?? [])
    createTopic(name, name.endsWith('.fifo') ? new Map([['FifoTopic', 'true']]) : undefined);

  function track(delivery: Promise<void>): void {
    const tracked = delivery.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  /** Delivers to a durable subscriber before Publish answers; its failure fails the Publish. */
  function store(subscriber: SnsSubscriber, delivery: SnsDelivery): Promise<void> {
    const stored = subscriber.deliver(delivery).catch((error: unknown) => {
      throw new SnsApiError(
        'InternalError',
        `Internal error: the message was not stored by ${subscriber.name}: ${error instanceof Error ? error.message : String(error)}`,
        500,
        { cause: error },
      );
    });
    track(stored.catch(() => undefined));
    return stored;
  }

  function publish(parameters: ReadonlyMap<string, string>): string | Promise<string> {
    const request = parsePublishRequest(parameters);
    const arn = request.topicArn ?? request.targetArn;
    const topic = arn === undefined ? undefined : topics.get(arn);
    if (arn !== undefined && !topic) {
      throw new SnsApiError(
        'NotFound',
        request.topicArn !== undefined ? `Topic does not exist: ${arn}` : `Endpoint does not exist: ${arn}`,
        404,
      );
    }
    const messageId = randomUUID();
    let sequenceNumber: string | undefined;
    if (topic?.fifo) {
      if (request.messageGroupId === undefined) {
        throw new SnsApiError(
          'InvalidParameter',
          'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
          400,
        );
      }
      const deduplicationId =
        request.messageDeduplicationId ??
        (topic.contentBasedDeduplication
          ? Buffer.from(request.message).toString('base64url').slice(0, 128)
          : undefined);
      if (deduplicationId === undefined) {
        throw new SnsApiError(
          'InvalidParameter',
          'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
          400,
        );
      }
      const now = Date.now();
      const previous = topic.deduplication.get(deduplicationId);
      if (previous && previous.expiresAt > now) {
        return `<MessageId>${previous.messageId}</MessageId><SequenceNumber>${previous.sequenceNumber}</SequenceNumber>`;
      }
      sequence += 1n;
      sequenceNumber = sequence.toString().padStart(20, '0');
      topic.deduplication.set(deduplicationId, {
        messageId,
        sequenceNumber,
        expiresAt: now + deduplicationWindowMs,
      });
    } else if (topic && request.messageDeduplicationId !== undefined) {
      throw new SnsApiError(
        'InvalidParameter',
        'Invalid parameter: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
        400,
      );
    }
    const notification: SnsNotification = {
      messageId,
      ...(request.topicArn !== undefined && { topicArn: request.topicArn }),
      ...(request.targetArn !== undefined && { targetArn: request.targetArn }),
      ...(request.phoneNumber !== undefined && { phoneNumber: request.phoneNumber }),
      ...(request.subject !== undefined && { subject: request.subject }),
      message: request.message,
      ...(request.messageVariants !== undefined && { messageVariants: request.messageVariants }),
      messageAttributes: request.messageAttributes,
      timestamp: new Date(),
      ...(request.messageGroupId !== undefined && { messageGroupId: request.messageGroupId }),
      ...(sequenceNumber !== undefined && { sequenceNumber }),
    };
    for (const listener of listeners) listener(notification);
    const stored: Promise<void>[] = [];
    for (const subscriber of [...subscribers, ...(topic?.subscriptions.values() ?? [])]) {
      const delivery = deliveryFor(notification, subscriber.protocol);
      if (subscriber.durable === true) stored.push(store(subscriber, delivery));
      else track(deliverWithRetry(subscriber, delivery, options));
    }
    const answer = `<MessageId>${messageId}</MessageId>${sequenceNumber === undefined ? '' : `<SequenceNumber>${sequenceNumber}</SequenceNumber>`}`;
    return stored.length === 0 ? answer : Promise.all(stored).then(() => answer);
  }

  function subscribe(parameters: ReadonlyMap<string, string>): string {
    const arn = parameters.get('TopicArn') ?? '';
    const topic = topics.get(arn);
    if (!topic) throw new SnsApiError('NotFound', `Topic does not exist: ${arn}`, 404);
    const protocol = parameters.get('Protocol') ?? '';
    const endpoint = parameters.get('Endpoint') ?? '';
    if (protocol !== 'http' && protocol !== 'https') {
      throw new SnsApiError(
        'InvalidParameter',
        `Invalid parameter: Protocol ${JSON.stringify(protocol)}: this local endpoint takes http and https subscriptions; configure e-mail with its subscribers`,
        400,
      );
    }
    if (!endpoint.startsWith(`${protocol}://`)) {
      throw new SnsApiError(
        'InvalidParameter',
        `Invalid parameter: Endpoint ${JSON.stringify(endpoint)} must start with ${protocol}://`,
        400,
      );
    }
    const subscriptionArn = `${arn}:${randomUUID()}`;
    topic.subscriptions.set(subscriptionArn, webhookSubscriber(endpoint));
    return `<SubscriptionArn>${escapeXml(subscriptionArn)}</SubscriptionArn>`;
  }

  function handleAction(parameters: ReadonlyMap<string, string>): [string, string | Promise<string>] {
    const action = parameters.get('Action') ?? '';
    switch (action) {
      case 'Publish':
        return [action, publish(parameters)];
      case 'CreateTopic': {
        const name = parameters.get('Name');
        if (name === undefined)
          throw new SnsApiError(
            'InvalidParameter',
            'Invalid parameter: Name Reason: no value for required parameter',
            400,
          );
        return [action, `<TopicArn>${escapeXml(createTopic(name, attributesOf(parameters)))}</TopicArn>`];
      }
      case 'ListTopics':
        return [
          action,
          `<Topics>${[...topics.keys()].map((arn) => `<member><TopicArn>${escapeXml(arn)}</TopicArn></member>`).join('')}</Topics>`,
        ];
      case 'Subscribe':
        return [action, subscribe(parameters)];
      default:
        throw new SnsApiError(
          'InvalidAction',
          `Could not find operation ${JSON.stringify(action)} for version 2010-03-31`,
          400,
        );
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    response.setHeader('x-amzn-RequestId', requestId);
    response.setHeader('Content-Type', 'text/xml');
    try {
      const body = await readBody(request);
      await verifySignature(
        { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
        accessKeys,
      );
      const parameters = new Map<string, string>(
        new URL(request.url ?? '/', 'http://localhost').searchParams,
      );
      for (const [key, value] of new URLSearchParams(body)) parameters.set(key, value);
      const [action, pending] = handleAction(parameters);
      const result = await pending;
      response.writeHead(200).end(renderSnsResponse(action, result, requestId));
    } catch (error) {
      const apiError =
        error instanceof SnsApiError
          ? error
          : new SnsApiError(
              'InternalError',
              `Internal error: ${error instanceof Error ? error.message : String(error)}`,
              500,
              {
                cause: error,
              },
            );
      if (apiError.status >= 500)
        process.stderr.write(`local SNS: ${String(error instanceof Error ? error.stack : error)}\n`);
      response.writeHead(apiError.status).end(renderSnsError(apiError, requestId));
    }
  }

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A server listening on a TCP port: address() is its AddressInfo (a string only for a pipe or socket path).
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const endpoint = `http://${host}:${address.port}`;
  const [accessKeyId = 'test', secretAccessKey = 'test'] = Object.entries(accessKeys)[0] ?? [];

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  return {
    endpoint,
    environment: {
      AWS_ENDPOINT_URL_SNS: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
    },
    createTopic: (name) =>
      createTopic(name, name.endsWith('.fifo') ? new Map([['FifoTopic', 'true']]) : undefined),
    onPublish(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await idle();
      const closing = [
        ...subscribers,
        ...[...topics.values()].flatMap((topic) => [...topic.subscriptions.values()]),
      ];
      await Promise.all(closing.map((subscriber) => subscriber.close?.()));
    },
  };
}
