import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedshiftData } from '@shiftflow/data-api';
import {
  type Notification,
  notifierEnvironment,
  type PipelineConfig,
  parseStatementStatusChangeEvent,
  runnerEnvironment,
  type StatementStatusChangeEvent,
  statusChangePattern,
} from '@shiftflow/events';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';
import { setupObjects } from '../config/setup-objects';
import { LocalAppError } from '../errors';
import { EventBus } from '../event-bus';
import { crashPoint } from '../files/crash-point';
import { RunHistory, type RunStatus, type StatementState } from '../history/run-history';
import { type AsyncInvocationOutcome, LambdaHost } from '../lambda/lambda-host';
import { defaultSampleRows, type SampleData, writeSampleData } from '../seed/write-sample-data';
import type { SnsSubscriber } from '../sns';
import { acquireEngineLock } from '../state/engine-lock';
import { localS3Path, type StateLayout } from '../state/state-layout';
import { DeferredMap } from './deferred';
import { lambdaBundlePath } from './lambda-bundle-path';
import { readSetupRecord, writeSetupRecord } from './setup-record';

const region = 'us-east-1';
const account = '123456789012';
const dummyCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const terminalStates = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/** What happens during runs, as it happens; the CLI prints it. */
export type PipelineProgress =
  | { type: 'submitted'; statementId: string; statementName: string; scheduledTime: string; trigger: string }
  | { type: 'skipped'; scheduledTime: string; reason: string }
  | { type: 'not-started'; error: string; deadLetterFile: string }
  | { type: 'status'; statementId: string; status: string; elapsedMs: number }
  | { type: 'ended'; statementId: string; status: string; rows?: number; durationMs?: number; error?: string }
  | { type: 'notified'; statementId: string; notification: Notification }
  | { type: 'notifier-failed'; statementId: string; error: string; deadLetterFile: string }
  | { type: 'problem'; message: string }
  | { type: 'log'; functionName: string; line: string };

/** What starts a run: a person (manual) or the schedule (with the Scheduler's payload). */
export type RunRequest = { trigger: 'manual'; reason: string } | { trigger: 'schedule'; payload: unknown };

/** How a run ended, as `shiftflow run` reports it. */
export interface RunResult {
  status: RunStatus | 'TIMED_OUT';
  scheduledTime?: string;
  statementId?: string;
  statementName?: string;
  rows?: number;
  durationMs?: number;
  error?: string;
  reason?: string;
  notification?: Notification;
  /**
   * Why the run's notification could not be published (the notifier failed every attempt); the
   * run itself may have FINISHED. A command should not report success when this is set.
   */
  notificationError?: string;
}

/** Options of {@link startLocalPipeline}. */
export interface LocalPipelineOptions {
  repositoryRoot: string;
  config: PipelineConfig;
  state: StateLayout;
  /** Receives progress; defaults to ignoring it. */
  onProgress?: (progress: PipelineProgress) => void;
  /** Where the terminal subscriber prints notifications; none when omitted. */
  notificationStream?: Writable;
  /** SMTP URL (`smtp://host:port`) to e-mail notifications to the configured address. */
  smtp?: string;
  /** URL to POST notifications to. */
  webhook?: string;
  /** Start the Lambda functions, event bus and run machinery. Defaults to true; `serve` turns it off. */
  lambdas?: boolean;
  redshiftPort?: number;
  snsPort?: number;
  /** The command holding the engine, shown to another command that finds it in use. */
  command?: string;
}

/** A running local pipeline. */
export interface LocalPipeline {
  readonly config: PipelineConfig;
  readonly redshift: LocalRedshift;
  readonly snsEndpoint: string;
  readonly topicArn: string;
  /** Environment variables pointing any AWS SDK, boto3 or the AWS CLI at the local endpoints. */
  readonly environment: Record<string, string>;
  readonly dataApi: RedshiftData;
  readonly history: RunHistory;
  /** Applies the setup SQL when it (or the configuration) changed since the last time, or when forced. */
  applySetup(options?: { force?: boolean }): Promise<{ applied: boolean; files: string[] }>;
  /** Writes the default sample into local S3 unless the source prefix already has objects. */
  ensureSampleData(rows?: number): Promise<SampleData | undefined>;
  /** Starts one run through the runner Lambda and waits until it ended and was announced. */
  run(request: RunRequest, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<RunResult>;
  /**
   * Runs the reconciler function once: announces ended statements of the pipeline whose event never
   * came (as the reconciler schedule does on AWS). Returns the ids it announced.
   */
  reconcile(): Promise<string[]>;
  /** Settles runs of the history left without an end (the app stopped) by describing them. */
  resolveUnfinishedRuns(): Promise<number>;
  /** The rows of a materialized view, for printing. */
  close(): Promise<void>;
}

type EndedStatement = StatementState;

/** The promise's value, or undefined after `milliseconds`; the timer never outlives the promise. */
/** A free TCP port on 127.0.0.1, as the OS hands it out. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), milliseconds);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Passes text through to a stream, except while held: then it is kept and written on release.
 * Lets a run print its result line before the notification the notifier published meanwhile.
 */
class HeldOutput {
  readonly stream: Writable;
  #held: string[] | undefined;

  constructor(target: Writable) {
    this.stream = new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        const text = chunk.toString();
        if (this.#held) this.#held.push(text);
        else target.write(text);
        callback();
      },
    });
    this.#target = target;
  }

  readonly #target: Writable;

  hold(): void {
    this.#held ??= [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const text of held) this.#target.write(text);
  }
}

function fingerprint(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

/**
 * Starts the pipeline on this machine: the local Redshift, the local SNS endpoint, the Lambda
 * host with the runner and notifier bundles, and the event bus wiring the status-change events
 * to the notifier with the same pattern as AWS.
 *
 * @example
 * const pipeline = await startLocalPipeline({ repositoryRoot, config, state: stateLayout('.shiftflow') });
 * await pipeline.applySetup();
 * await pipeline.ensureSampleData();
 * const result = await pipeline.run({ trigger: 'manual', reason: 'try it' });
 * await pipeline.close();
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const { config, state, repositoryRoot } = options;
  const onProgress = options.onProgress ?? (() => undefined);
  await mkdir(state.s3, { recursive: true });
  await mkdir(state.engine, { recursive: true });
  const lock = await acquireEngineLock(state, options.command ?? 'pipeline');
  const closers: (() => Promise<void>)[] = [() => lock.release()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const lambdas = options.lambdas !== false;
    // The functions' environment needs the Data API endpoint before the engine is up, so the
    // port is picked first; the Lambda workers then load their bundles while the engine opens.
    const redshiftPort = options.redshiftPort ?? (lambdas ? await freePort() : 0);
    const redshiftStarting = startLocalRedshift({
      dataDir: state.engine,
      s3Root: state.s3,
      port: redshiftPort,
      region,
      account,
    });
    closers.push(async () => {
      // A failed start is reported where it is awaited below; here only a started engine is closed.
      const started = await redshiftStarting.catch(() => undefined);
      await started?.close();
    });

    // Loaded while the engine opens in its worker: the SDK clients and the mail libraries take a
    // noticeable part of a warm run's start.
    const [
      {
        outboxSubscriber,
        smtpSubscriber,
        smtpTransportOptions,
        startLocalSns,
        terminalSubscriber,
        webhookSubscriber,
      },
      { createLocalDataApi },
      { describeRunState, statementState },
    ] = await Promise.all([
      import('../sns'),
      import('./create-local-data-api'),
      import('./describe-run-state'),
    ]);

    const addresses = config.notificationEmail ? { to: config.notificationEmail } : {};
    const subscribers: SnsSubscriber[] = [outboxSubscriber(state.outbox, addresses)];
    const notificationOutput = options.notificationStream
      ? new HeldOutput(options.notificationStream)
      : undefined;
    if (notificationOutput) subscribers.push(terminalSubscriber(notificationOutput.stream));
    if (options.smtp) {
      const smtp = smtpSubscriber(smtpTransportOptions(options.smtp), {
        to: config.notificationEmail ?? 'shiftflow@localhost',
      });
      subscribers.push(smtp);
      closers.push(() => smtp.close());
    }
    if (options.webhook) subscribers.push(webhookSubscriber(options.webhook));
    const topicName = `${config.name}-notifications`;
    const sns = await startLocalSns({
      host: '127.0.0.1',
      port: options.snsPort ?? 0,
      region,
      account,
      subscribers,
      topics: [topicName],
      // Deliveries (e-mail, webhook) that fail every attempt are kept beside the functions' events.
      deadLetterDirectory: path.join(state.deadLetter, 'sns'),
    });
    closers.push(() => sns.close());
    const topicArn = sns.createTopic(topicName);

    const redshiftEndpoint =
      redshiftPort === 0 ? (await redshiftStarting).endpoint : `http://127.0.0.1:${redshiftPort}`;
    const environment: Record<string, string> = {
      ...sns.environment,
      AWS_ENDPOINT_URL_REDSHIFT_DATA: redshiftEndpoint,
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
      AWS_ACCESS_KEY_ID: dummyCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: dummyCredentials.secretAccessKey,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
    };
    const dataApi = createLocalDataApi(redshiftEndpoint, config.target);
    const history = new RunHistory(state.history);

    /** The notifier's entry of a run in the history: its final status and the rows it loaded. */
    const recordNotification = (notification: Notification) =>
      history.append({
        type: 'status',
        statementId: notification.statementId,
        status: notification.state,
        ...(notification.rowsLoaded === undefined ? {} : { rows: notification.rowsLoaded }),
        ...(notification.durationMs === undefined ? {} : { durationMs: notification.durationMs }),
        ...(notification.error === undefined ? {} : { error: notification.error }),
        source: 'notifier',
      });

    const ended = new DeferredMap<EndedStatement>();
    const announced = new DeferredMap<AsyncInvocationOutcome>();
    const recorded = new DeferredMap<void>();
    let host: LambdaHost | undefined;

    if (lambdas) {
      await mkdir(state.logs, { recursive: true });
      const logFiles = new Map<string, WriteStream>();
      closers.push(async () => {
        await Promise.all(
          [...logFiles.values()].map((stream) => new Promise<void>((resolve) => stream.end(resolve))),
        );
      });
      const lambdaHost = new LambdaHost({
        deadLetterDirectory: state.deadLetter,
        region,
        account,
        onLog: (functionName, line) => {
          let stream = logFiles.get(functionName);
          if (!stream) {
            stream = createWriteStream(path.join(state.logs, `${functionName}.log`), { flags: 'a' });
            logFiles.set(functionName, stream);
          }
          stream.write(`${line}\n`);
          onProgress({ type: 'log', functionName, line });
        },
      });
      host = lambdaHost;
      closers.push(() => lambdaHost.close());
      const runnerBundle = lambdaBundlePath('@shiftflow/elt-runner');
      const notifierBundle = lambdaBundlePath('@shiftflow/notifier');
      lambdaHost.register({
        name: `${config.name}-runner`,
        bundle: runnerBundle,
        environment: { ...runnerEnvironment(config), ...environment },
        timeoutMs: 60_000,
      });
      lambdaHost.register({
        name: `${config.name}-notifier`,
        bundle: notifierBundle,
        environment: {
          ...notifierEnvironment(config, { topicArn, ledger: { type: 'file', path: state.notifierLedger } }),
          ...environment,
        },
        timeoutMs: 60_000,
      });

      lambdaHost.register({
        name: `${config.name}-reconciler`,
        bundle: notifierBundle,
        handler: 'reconcile',
        environment: {
          ...notifierEnvironment(config, { topicArn, ledger: { type: 'file', path: state.notifierLedger } }),
          ...environment,
        },
        timeoutMs: 120_000,
      });

      lambdaHost.prewarm();
    }
    const redshift = await redshiftStarting;
    await lock.setEndpoint(redshift.endpoint);
    if (host) {
      const lambdaHost = host;
      const bus = new EventBus({
        onDeliveryFailure: (failure) => onProgress({ type: 'problem', message: failure.message }),
      });
      bus.putRule(
        `${config.name}-status-change`,
        statusChangePattern({ pipelineName: config.name }),
        (event) => {
          crashPoint('status-change-event');
          let detail: StatementStatusChangeEvent['detail'];
          try {
            detail = parseStatementStatusChangeEvent(event).detail;
          } catch (error) {
            // The rule matched it, so the notifier would get it on AWS too: say so instead of dropping it.
            onProgress({
              type: 'problem',
              message: `status-change event not understood: ${error instanceof Error ? error.message : String(error)}`,
            });
            return;
          }
          const { statementId, state: status } = detail;
          const rows = detail.rows !== undefined && detail.rows >= 0 ? detail.rows : undefined;
          ended.get(statementId).resolve({ status, ...(rows === undefined ? {} : { rows }) });
          const invocation = lambdaHost.invokeAsync(`${config.name}-notifier`, event);
          announced.get(statementId).resolve(invocation.outcome);
          // The event's entry first, then the notifier's (with the rows loaded), in this order. The
          // event's row count is the CALL's result rows, not the rows loaded: it is not recorded.
          const recording = (async () => {
            await history.append({ type: 'status', statementId, status, source: 'event' });
            const outcome = await invocation.outcome;
            if (outcome.status === 'dead-lettered') {
              onProgress({
                type: 'notifier-failed',
                statementId,
                error: outcome.error.message,
                deadLetterFile: outcome.deadLetterFile,
              });
              return;
            }
            const value = outcome.value as { status?: string; notification?: Notification };
            if (value?.status !== 'announced' || !value.notification) return;
            await recordNotification(value.notification);
            onProgress({ type: 'notified', statementId, notification: value.notification });
          })().catch((error: unknown) =>
            onProgress({
              type: 'problem',
              message: `run history: ${error instanceof Error ? error.message : String(error)}`,
            }),
          );
          recorded.get(statementId).resolve(recording);
        },
      );
      const unsubscribe = redshift.onStatusChange((event) => {
        bus.putEvents({ ...event });
      });
      closers.push(async () => {
        unsubscribe();
        await lambdaHost.idle();
      });
    }

    const runOnce = async (
      request: RunRequest,
      runOptions: { timeoutMs?: number; signal?: AbortSignal },
    ): Promise<RunResult> => {
      const runner = host;
      if (!runner) {
        throw new LocalAppError('NO_LAMBDAS', 'this local pipeline was started without its Lambda functions');
      }
      const timeoutMs = runOptions.timeoutMs ?? 600_000;
      const deadline = Date.now() + timeoutMs;
      const event =
        request.trigger === 'manual'
          ? { source: 'shiftflow.manual', reason: request.reason, runTime: new Date().toISOString() }
          : request.payload;
      const invocation = await runner.invokeAsync(`${config.name}-runner`, event).outcome;
      if (invocation.status === 'dead-lettered') {
        const requested = event as { runTime?: unknown; time?: unknown; scheduledTime?: unknown };
        const scheduledTime = [requested.runTime, requested.time, requested.scheduledTime].find(
          (value): value is string => typeof value === 'string',
        );
        await history.append({
          type: 'not-started',
          scheduledTime: scheduledTime ?? new Date().toISOString(),
          error: invocation.error.message,
          trigger: request.trigger === 'manual' ? 'manual' : 'schedule',
        });
        onProgress({
          type: 'not-started',
          error: invocation.error.message,
          deadLetterFile: invocation.deadLetterFile,
        });
        return { status: 'NOT_STARTED', error: invocation.error.message };
      }
      const started = invocation.value as {
        status: 'started' | 'skipped';
        statementId?: string;
        runId: string;
        scheduledTime: string;
        trigger: string;
        skipReason?: string;
      };
      const trigger = request.trigger === 'manual' ? 'manual' : 'schedule';
      if (started.status === 'skipped' || started.statementId === undefined) {
        const reason = started.skipReason ?? 'the runner did not start a statement';
        await history.append({ type: 'skipped', scheduledTime: started.scheduledTime, reason, trigger });
        onProgress({ type: 'skipped', scheduledTime: started.scheduledTime, reason });
        return { status: 'SKIPPED', scheduledTime: started.scheduledTime, reason };
      }
      const statementId = started.statementId;
      await history.append({
        type: 'submitted',
        scheduledTime: started.scheduledTime,
        statementId,
        statementName: started.runId,
        trigger,
      });
      onProgress({
        type: 'submitted',
        statementId,
        statementName: started.runId,
        scheduledTime: started.scheduledTime,
        trigger: started.trigger,
      });
      const base: RunResult = {
        status: 'SUBMITTED',
        scheduledTime: started.scheduledTime,
        statementId,
        statementName: started.runId,
      };

      // Follow the statement: the status-change event ends the wait; DescribeStatement shows
      // progress meanwhile and covers an event that never comes.
      const submittedAt = Date.now();
      let lastStatus = 'SUBMITTED';
      let eventState: EndedStatement | undefined;
      void ended.get(statementId).promise.then((value) => {
        eventState = value;
      });
      let describedEndAt: number | undefined;
      while (eventState === undefined) {
        if (runOptions.signal?.aborted) return { ...base, status: 'TIMED_OUT', error: 'interrupted' };
        if (Date.now() > deadline) {
          return { ...base, status: 'TIMED_OUT', error: `no end after ${Math.round(timeoutMs / 1000)} s` };
        }
        if (describedEndAt === undefined) {
          const status = (await dataApi.describe(statementId)).status ?? lastStatus;
          if (status !== lastStatus) {
            onProgress({ type: 'status', statementId, status, elapsedMs: Date.now() - submittedAt });
            lastStatus = status;
          }
          if (terminalStates.has(status)) describedEndAt = Date.now();
        } else if (Date.now() - describedEndAt > 5000) {
          // The event follows the status change at once; after 5 s it is not coming.
          break;
        }
        await Promise.race([sleep(describedEndAt === undefined ? 200 : 25), ended.get(statementId).promise]);
      }
      const end: EndedStatement = statementState(await dataApi.describe(statementId));
      const result: RunResult = { ...base, ...end, status: end.status as RunStatus };
      if (eventState === undefined) {
        await history.append({
          type: 'status',
          statementId,
          status: result.status as RunStatus,
          source: 'describe',
        });
        onProgress({ type: 'ended', statementId, ...end });
        onProgress({ type: 'problem', message: `no status-change event arrived for ${statementId}` });
        return result;
      }
      const outcome = await withTimeout(
        announced.get(statementId).promise,
        Math.max(1000, deadline - Date.now()),
      );
      await withTimeout(recorded.get(statementId).promise, 5000);
      if (outcome?.status === 'succeeded') {
        const value = outcome.value as { status?: string; notification?: Notification };
        if (value?.notification) {
          result.notification = value.notification;
          if (value.notification.rowsLoaded !== undefined) result.rows = value.notification.rowsLoaded;
          if (value.notification.error !== undefined) result.error = value.notification.error;
        }
      } else if (outcome?.status === 'dead-lettered') {
        result.notificationError = `${outcome.error.message} (event kept in ${outcome.deadLetterFile})`;
      }
      onProgress({
        type: 'ended',
        statementId,
        status: result.status,
        ...(result.rows === undefined ? {} : { rows: result.rows }),
        ...(result.durationMs === undefined ? {} : { durationMs: result.durationMs }),
        ...(result.error === undefined ? {} : { error: result.error }),
      });
      return result;
    };

    const pipeline: LocalPipeline = {
      config,
      redshift,
      snsEndpoint: sns.endpoint,
      topicArn,
      environment,
      dataApi,
      history,

      async applySetup(setupOptions = {}) {
        const objects = await setupObjects(repositoryRoot, config);
        const values = { sourceS3Uri: config.sourceS3Uri, redshiftIamRoleArn: config.redshiftIamRoleArn };
        const print = fingerprint([
          JSON.stringify(values),
          ...objects.files.flatMap((file) => [file.path, file.sql]),
        ]);
        const previous = (await readSetupRecord(state.setupFingerprint))?.fingerprint;
        const files = objects.files.map((file) => path.relative(repositoryRoot, file.path));
        if (!setupOptions.force && previous === print) return { applied: false, files };
        const { applySetup } = await import('@shiftflow/elt-runner');
        await applySetup({
          dataApi,
          files: objects.files.map((file) => ({
            name: path.relative(repositoryRoot, file.path),
            sql: file.sql,
          })),
          values,
        });
        await writeSetupRecord(state.setupFingerprint, { fingerprint: print, files });
        return { applied: true, files };
      },

      async ensureSampleData(rows = defaultSampleRows) {
        const directory = localS3Path(state.s3, config.sourceS3Uri);
        const existing = existsSync(directory) ? await readdir(directory) : [];
        if (existing.length > 0) return undefined;
        const objects = await setupObjects(repositoryRoot, config);
        if (!objects.loadTable) {
          throw new LocalAppError(
            'NO_LOAD_TABLE',
            'the setup SQL has no table loaded by COPY, so no sample can be made',
          );
        }
        return writeSampleData({ directory, rows, columns: objects.loadTable.columns });
      },

      async run(request, runOptions = {}) {
        // The notification prints after the run's result line, as the user reads them in order.
        notificationOutput?.hold();
        try {
          return await runOnce(request, runOptions);
        } finally {
          notificationOutput?.release();
        }
      },

      async reconcile() {
        if (!host)
          throw new LocalAppError(
            'NO_LAMBDAS',
            'this local pipeline was started without its Lambda functions',
          );
        const report = await host.invoke<{ announced?: string[]; notifications?: Notification[] }>(
          `${config.name}-reconciler`,
          { source: 'shiftflow.local', 'detail-type': 'Reconcile' },
        );
        // A run announced late (its event was lost, or the app stopped) gets its rows loaded in the
        // history as a run announced by its event does.
        for (const notification of report?.notifications ?? []) await recordNotification(notification);
        return report?.announced ?? [];
      },

      async resolveUnfinishedRuns() {
        const changed = await history.resolve((statementId) => describeRunState(dataApi, statementId));
        return changed.length;
      },

      close,
    };
    return pipeline;
  } catch (error) {
    await close();
    throw error;
  }
}
