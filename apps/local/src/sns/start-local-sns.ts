import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeliveryPolicy } from './deliver-with-retry';
import { handleSnsRequest } from './handle-sns-request';
import { InFlightDeliveries } from './in-flight-deliveries';
import type { PublishTargets } from './publish-message';
import type { SnsNotification } from './sns-notification';
import type { SnsSubscriber } from './sns-subscriber';
import { SnsTopics } from './sns-topics';

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

/** Listens on `port` and `host` and returns the server's `http://host:port` URL. */
async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A server listening on a TCP port: address() is its AddressInfo (a string only for a pipe or socket path).
  const address = server.address() as AddressInfo;
  const listening = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${listening}:${address.port}`;
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
  const accessKeys = options.accessKeys ?? { test: 'test' };
  const subscribers = [...(options.subscribers ?? [])];
  const topics = new SnsTopics(region, options.account ?? '123456789012');
  const listeners = new Set<(notification: SnsNotification) => void>();
  const deliveries = new InFlightDeliveries();
  const targets: PublishTargets = { topics, subscribers, listeners, deliveries, policy: options };

  for (const name of options.topics ?? []) topics.createByName(name);

  const server = createServer((request, response) => {
    void handleSnsRequest(request, response, accessKeys, targets);
  });
  const endpoint = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const [accessKeyId = 'test', secretAccessKey = 'test'] = Object.entries(accessKeys)[0] ?? [];

  return {
    endpoint,
    environment: {
      AWS_ENDPOINT_URL_SNS: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
    },
    createTopic: (name) => topics.createByName(name),
    onPublish(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle: () => deliveries.idle(),
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await deliveries.idle();
      const closing = [...subscribers, ...topics.subscriptions()];
      await Promise.all(closing.map((subscriber) => subscriber.close?.()));
    },
  };
}
