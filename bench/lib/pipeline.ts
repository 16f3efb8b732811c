/**
 * The pipeline assembled from the packages' public exports (their dist), for the pipeline
 * benchmarks: the local Redshift (PGlite or PostgreSQL), optionally behind a counting proxy, the
 * ELT runner's `startEltRun`, the notifier's `notifyStatusChange` wired to the status-change
 * events, and a minimal local SNS endpoint that writes each published message into an outbox
 * folder. Runs on Node 24 with type stripping: erasable TypeScript only.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RedshiftData } from '../../packages/data-api/dist/index.js';
import type { EltRunResult } from '../../packages/elt-runner/dist/index.js';
import { applySetup, readSetupFiles, startEltRun } from '../../packages/elt-runner/dist/index.js';
import type { PipelineConfig } from '../../packages/events/dist/index.js';
import {
  notifierEnvironment,
  parsePipelineConfig,
  parseRunnerEnvironment,
  runnerEnvironment,
} from '../../packages/events/dist/index.js';
import type { NotifyOutcome } from '../../packages/notifier/dist/index.js';
import {
  createNotifierDependencies,
  dataApiTargetOf,
  MemoryLedger,
  notifyStatusChange,
} from '../../packages/notifier/dist/index.js';
import type {
  CountingProxy,
  LocalRedshift,
  StatementStatusChangeEnvelope,
} from '../../packages/redshift-local/dist/index.js';
import { startCountingProxy, startLocalRedshift } from '../../packages/redshift-local/dist/index.js';
import type { StatementTimeline } from './polling-model.ts';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const region = 'us-east-1';
export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

// The SNS client is a dependency of the notifier, not of bench/: load it from there.
const sns = createRequire(path.join(repositoryRoot, 'packages', 'notifier', 'package.json'))(
  '@aws-sdk/client-sns',
) as typeof import('../../packages/notifier/node_modules/@aws-sdk/client-sns');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A message the local SNS endpoint wrote to the outbox. */
export interface OutboxMessage {
  messageId: string;
  topicArn: string;
  subject: string | undefined;
  message: string;
  file: string;
  /** `performance.now()` after the outbox file was written. */
  writtenAt: number;
}

/** A minimal SNS Publish endpoint (query and JSON protocols) writing each message to `<outbox>/<id>.json`. */
export interface OutboxSns {
  endpoint: string;
  topicArn: string;
  /** Resolves with the first message (already written or coming) whose text includes `text`. */
  waitFor(text: string, timeoutMs: number): Promise<OutboxMessage>;
  close(): Promise<void>;
}

/** Starts the minimal SNS endpoint; the pipeline's notifier publishes to it with the real SNS client. */
export async function startOutboxSns(outbox: string, topicName: string): Promise<OutboxSns> {
  mkdirSync(outbox, { recursive: true });
  const topicArn = `arn:aws:sns:${region}:123456789012:${topicName}`;
  const messages: OutboxMessage[] = [];
  const waiters = new Set<{ text: string; resolve: (message: OutboxMessage) => void }>();
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const json = String(request.headers['content-type'] ?? '').includes('json');
      const fields: Record<string, string> = json
        ? (JSON.parse(body) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(body));
      const action = json
        ? String(request.headers['x-amz-target'] ?? '')
            .split('.')
            .pop()
        : fields.Action;
      if (action !== 'Publish' || typeof fields.Message !== 'string' || fields.TopicArn !== topicArn) {
        response.writeHead(400, { 'content-type': 'text/xml' });
        response.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>bench SNS accepts Publish to ${topicArn} only; got ${action} to ${fields.TopicArn}</Message></Error></ErrorResponse>`,
        );
        return;
      }
      const messageId = randomUUID();
      const file = path.join(outbox, `${messageId}.json`);
      writeFileSync(
        file,
        JSON.stringify({ messageId, topicArn, subject: fields.Subject, message: fields.Message }, null, 2),
      );
      const message: OutboxMessage = {
        messageId,
        topicArn,
        subject: fields.Subject,
        message: fields.Message,
        file,
        writtenAt: performance.now(),
      };
      messages.push(message);
      for (const waiter of waiters) {
        if (message.message.includes(waiter.text)) {
          waiters.delete(waiter);
          waiter.resolve(message);
        }
      }
      if (json) {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ MessageId: messageId }));
      } else {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
        );
      }
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  const endpoint = await listen(server);
  return {
    endpoint,
    topicArn,
    waitFor(text, timeoutMs) {
      const found = messages.find((message) => message.message.includes(text));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          text,
          resolve: (message: OutboxMessage) => {
            clearTimeout(timer);
            resolve(message);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no message containing ${JSON.stringify(text)} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => closeServer(server),
  };
}

/** The repository's pipeline configuration, with an optional ELT SQL override. */
export function pipelineConfig(eltSql?: string): PipelineConfig {
  const raw = JSON.parse(readFileSync(path.join(repositoryRoot, 'shiftflow.config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return parsePipelineConfig(eltSql === undefined ? raw : { ...raw, eltSql });
}

/** Makes a folder and its parents readable by other users (the PostgreSQL server reads local S3). */
export function openUp(directory: string): void {
  const walk = (current: string) => {
    if (statSync(current).isDirectory()) {
      chmodSync(current, 0o755);
      for (const entry of readdirSync(current)) walk(path.join(current, entry));
    } else chmodSync(current, 0o644);
  };
  walk(directory);
  let parent = path.dirname(directory);
  while (parent !== path.dirname(parent) && parent.startsWith('/tmp/')) {
    chmodSync(parent, 0o755);
    parent = path.dirname(parent);
  }
}

/** Options of {@link startBenchPipeline}. */
export interface BenchPipelineOptions {
  s3Root: string;
  outbox: string;
  engine: { type: 'pglite' } | { type: 'postgres'; url: string };
  /** Put counting proxies between the runner and the endpoint and between the notifier and the endpoint. */
  count?: boolean;
  /** Override the configuration's ELT SQL. */
  eltSql?: string;
}

/** A running bench pipeline. */
export interface BenchPipeline {
  config: PipelineConfig;
  redshift: LocalRedshift;
  /** Counts the runner's Data API requests (with `count`). */
  runnerProxy: CountingProxy | undefined;
  /** Counts the notifier's Data API requests (with `count`). */
  notifierProxy: CountingProxy | undefined;
  sns: OutboxSns;
  /** A client talking to the endpoint directly (not counted). */
  direct: RedshiftData;
  /** Invokes the runner with the EventBridge Scheduler input for `scheduledTime`. */
  runScheduled(scheduledTime: Date): Promise<EltRunResult>;
  /** Resolves when the notifier has handled the terminal event of `statementId`. */
  notified(statementId: string, timeoutMs: number): Promise<NotifyOutcome>;
  close(): Promise<void>;
}

const silentLogger = { info: () => undefined, warn: () => undefined };

/** Starts the local Redshift, applies the setup SQL and wires runner, events, notifier and SNS. */
export async function startBenchPipeline(options: BenchPipelineOptions): Promise<BenchPipeline> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const config = pipelineConfig(options.eltSql);
  const redshift = await startLocalRedshift({ s3Root: options.s3Root, engine: options.engine });
  const runnerProxy = options.count ? await startCountingProxy(redshift.endpoint) : undefined;
  const notifierProxy = options.count ? await startCountingProxy(redshift.endpoint) : undefined;
  const topicName = `${config.name}-notifications`;
  const outboxSns = await startOutboxSns(options.outbox, topicName);
  const target = dataApiTargetOf(config.target);
  const clientFor = (endpoint: string) =>
    new RedshiftData({ clientConfig: { endpoint, region, credentials }, target });
  const direct = clientFor(redshift.endpoint);
  await applySetup({
    dataApi: direct,
    files: await readSetupFiles(repositoryRoot, config.setupFiles),
    values: config,
  });
  const runnerDataApi = clientFor(runnerProxy?.url ?? redshift.endpoint);
  const notifierDataApi = clientFor(notifierProxy?.url ?? redshift.endpoint);
  const settings = parseRunnerEnvironment(runnerEnvironment(config));
  const { dependencies } = createNotifierDependencies(
    {
      ...notifierEnvironment(config, { topicArn: outboxSns.topicArn, ledger: { type: 'memory' } }),
      AWS_REGION: region,
    },
    {
      dataApi: notifierDataApi,
      sns: new sns.SNSClient({ endpoint: outboxSns.endpoint, region, credentials }),
      ledger: new MemoryLedger(),
    },
  );
  const outcomes = new Map<string, Promise<NotifyOutcome>>();
  const waiting = new Map<string, (outcome: Promise<NotifyOutcome>) => void>();
  const unsubscribe = redshift.onStatusChange((event: StatementStatusChangeEnvelope) => {
    const outcome = notifyStatusChange(event, dependencies);
    // Observed by `notified`; keep an unobserved rejection from crashing the process.
    outcome.catch(() => undefined);
    const id = event.detail.statementId;
    outcomes.set(id, outcome);
    waiting.get(id)?.(outcome);
    waiting.delete(id);
  });
  return {
    config,
    redshift,
    runnerProxy,
    notifierProxy,
    sns: outboxSns,
    direct,
    runScheduled: (scheduledTime) =>
      startEltRun(
        { source: 'shiftflow.scheduler', scheduledTime: scheduledTime.toISOString() },
        { dataApi: runnerDataApi, settings, logger: silentLogger },
      ),
    notified(statementId, timeoutMs) {
      const known = outcomes.get(statementId);
      if (known) return known;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(statementId);
          reject(new Error(`no status-change event for ${statementId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(statementId, (outcome) => {
          clearTimeout(timer);
          outcome.then(resolve, reject);
        });
      });
    },
    async close() {
      unsubscribe();
      await runnerProxy?.close();
      await notifierProxy?.close();
      await outboxSns.close();
      await redshift.close();
    },
  };
}

/** Where `shiftflow seed` writes the trips under the S3 root: the configuration's source prefix. */
export const seedPrefix = path.join('shiftflow-sample', 'nyc_yellow_taxi_raw');

/**
 * Writes `rows` synthetic trips into `<stateDir>/s3` with the local app's `shiftflow seed` (the
 * same generator `shiftflow run` uses for its default sample) in `parts` files (default 4, so
 * 250,000 rows a file for 1M); returns the S3 root. The generator is one seeded stream cut into
 * parts, so the first 4 parts of 10M rows in 40 parts are, byte for byte, 1M rows in 4 parts.
 */
export function seedTrips(stateDir: string, rows: number, parts = 4): string {
  const result = spawnSync(
    process.execPath,
    [
      path.join(repositoryRoot, 'apps', 'local', 'dist', 'cli.js'),
      'seed',
      '--rows',
      String(rows),
      '--parts',
      String(parts),
      '--state-dir',
      stateDir,
      '--config',
      path.join(repositoryRoot, 'shiftflow.config.json'),
      '--json',
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    throw new Error(`shiftflow seed --rows ${rows} failed (exit ${result.status}): ${result.stderr}`);
  }
  const seeded = JSON.parse(result.stdout) as { rows: number };
  if (seeded.rows !== rows) throw new Error(`shiftflow seed wrote ${seeded.rows} rows, asked for ${rows}`);
  const s3Root = path.join(stateDir, 's3');
  openUp(s3Root);
  return s3Root;
}

/** The timeline of an ended statement; throws when the description lacks the fields. */
export async function timelineOf(direct: RedshiftData, statementId: string): Promise<StatementTimeline> {
  const description = await direct.describe(statementId);
  if (description.durationMs === undefined) {
    throw new Error(`statement ${statementId} has no duration (status ${description.status})`);
  }
  const endedAfterMs = description.updatedAt.getTime() - description.createdAt.getTime();
  return { startedAfterMs: Math.max(0, endedAfterMs - description.durationMs), endedAfterMs };
}
