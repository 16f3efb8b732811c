/**
 * `startLocalRedshift`: an engine, the Data API semantics over it and the HTTP endpoint, in one call.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { startDataApiEndpoint } from './data-api-endpoint';
import { EndedStatementStore } from './ended-statement-store';
import { EngineError, InvalidOptionError } from './errors';
import { type FaultCounts, FaultInjector, type FaultOptions } from './fault-injector';
import { LocalDataApi } from './local-data-api';
import { type LocalEngine, openLocalEngine } from './open-local-engine';
import { redshiftDialect } from './redshift-dialect';
import type { SpawnedPgliteWorker } from './spawn-pglite-worker';
import type { SqlDialect } from './sql-dialect';
import { StatementJournal } from './statement-journal';
import { type LatencyOptions, StatementLatency } from './statement-latency';
import type { StatementStatusChangeEnvelope } from './status-change-event';
import { StatusChangeListeners } from './status-change-listeners';

/** Options of {@link startLocalRedshift}. */
export interface LocalRedshiftOptions {
  /**
   * PGlite data directory; created when missing. Defaults to a temp dir removed on close. When
   * given, statements that have not ended are also journaled in `<dataDir>/redshift-local/statements`:
   * after a crash or `kill -9`, the next start shows each of them as FAILED ("the local Redshift
   * stopped while the statement ran; its transaction was rolled back") and owes its status-change
   * event to the first `onStatusChange` subscriber. Ended statements, with results up to 64 KiB,
   * are kept in `<dataDir>/redshift-local/ended` for the retention, so DescribeStatement,
   * ListStatements and GetStatementResult still know them after a restart, as on the service.
   */
  dataDir?: string | undefined;
  /** Local folder standing in for S3: `s3://bucket/key` reads `<s3Root>/bucket/key`. Required; created when missing. */
  s3Root: string;
  /**
   * The PGlite engine's worker thread, started ahead by `spawnPgliteWorker`
   * (`@shiftflow/redshift-local/spawn-pglite-worker`) so that its start overlaps the caller's module
   * loading. The local Redshift owns it from this call on: it stops it when it fails to start (and at
   * once on the PostgreSQL engine). Spawned when the engine opens when omitted.
   */
  pgliteWorker?: SpawnedPgliteWorker | undefined;
  /** Engine: PGlite in a worker thread (default) or a PostgreSQL server by URL. */
  engine?: { type: 'pglite' } | { type: 'postgres'; url: string };
  /** Interface to listen on. Defaults to `127.0.0.1`. */
  host?: '127.0.0.1' | undefined;
  /** Port; 0 picks a free one. Defaults to 0. */
  port?: number | undefined;
  /** Access key id → secret accepted in SigV4 signatures. Defaults to `{ test: 'test' }`. */
  accessKeys?: Record<string, string> | undefined;
  /**
   * The one database the endpoint serves, and the one the SQL runs in: `current_database()`,
   * three-part names and `information_schema` name it. PGlite opens it (a data dir's `postgres`
   * database is renamed to it on the first open); on PostgreSQL it is created on the URL's server
   * when the URL names another database. Defaults to `dev`.
   */
  database?: 'dev' | (string & {}) | undefined;
  /** Region reported in events and exported. Defaults to `us-east-1`. */
  region?: 'us-east-1' | (string & {}) | undefined;
  /** Account id in ARNs and events. Defaults to `123456789012`. */
  account?: '123456789012' | (string & {}) | undefined;
  /** SQL dialect layer. Defaults to the Redshift dialect; pass `passThroughDialect` to drive the engine with plain PostgreSQL SQL. */
  dialect?: SqlDialect | undefined;
  /** Maximum rows per result page. Defaults to no row cap: pages hold about 1 MiB of JSON. */
  resultPageRows?: number | undefined;
  /** Active statements allowed at once. Defaults to 200. */
  maxActiveStatements?: number | undefined;
  /**
   * How long ended statements and their results are kept, in milliseconds. Defaults to 24 h, as in
   * the service. A sweep every second removes older ones (ListStatements no longer shows them).
   */
  resultRetentionMs?: number | undefined;
  /**
   * The clock that ages statements, results and sessions, in epoch milliseconds. Defaults to
   * `Date.now`. Tests of expiry pass a clock they move, so retention never depends on the machine's speed.
   */
  now?: () => number;
  /**
   * Faults to inject, for tests of clients' resilience: throttling and 5xx answers on chosen
   * operations, dropped and duplicated status-change events. Deterministic (counts, or a seeded
   * rate). Defaults to none. See {@link FaultOptions}.
   */
  faults?: FaultOptions | undefined;
  /**
   * Queue and compile delays, so clients see SUBMITTED, PICKED and STARTED as on the service:
   * `{ profile: 'realistic', seed? }` (see {@link LatencyOptions}). Defaults to `{ profile: 'fast' }`:
   * statements start at once.
   */
  latency?: LatencyOptions | undefined;
}

/** A running local Redshift. */
export interface LocalRedshift {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** Environment variables that point the AWS SDK, boto3 and the AWS CLI at this endpoint. */
  environment: Record<string, string>;
  /**
   * Subscribes to "Redshift Data Statement Status Change" events; returns the unsubscribe function.
   * Events owed from before a restart (statements the stop cut off, run with WithEvent) go to the
   * first subscriber(s), just after this call returns.
   */
  onStatusChange(listener: (event: StatementStatusChangeEnvelope) => void): () => void;
  /** How many injected faults (option `faults`) have fired so far. */
  faultCounts(): FaultCounts;
  /**
   * Test hook: kills the PGlite worker thread as a crash would (no clean shutdown). A running
   * statement ends FAILED; the engine reopens its data dir (recovery keeps committed data) and
   * serves the queued statements. Throws `EngineError` for the PostgreSQL engine.
   */
  crashEngineWorker(): Promise<void>;
  close(): Promise<void>;
}

function validate(options: LocalRedshiftOptions): void {
  if (typeof options.s3Root !== 'string' || options.s3Root.length === 0) {
    throw new InvalidOptionError('s3Root', options.s3Root, 'must be the path of a folder');
  }
  if (existsSync(options.s3Root) && !statSync(options.s3Root).isDirectory()) {
    throw new InvalidOptionError('s3Root', options.s3Root, 'is not a folder');
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidOptionError('port', options.port, 'must be an integer from 0 to 65535');
  }
  if ((options.host ?? '127.0.0.1') !== '127.0.0.1') {
    throw new InvalidOptionError(
      'host',
      options.host,
      "must be '127.0.0.1': the endpoint only listens locally",
    );
  }
  if (
    options.engine !== undefined &&
    options.engine.type !== 'pglite' &&
    options.engine.type !== 'postgres'
  ) {
    throw new InvalidOptionError(
      'engine.type',
      (options.engine as { type: unknown }).type,
      "must be 'pglite' or 'postgres'",
    );
  }
  if (options.engine?.type === 'postgres' && !/^postgres(ql)?:\/\//.test(options.engine.url)) {
    throw new InvalidOptionError('engine.url', options.engine.url, 'must be a postgres:// connection URL');
  }
  const retention = options.resultRetentionMs;
  if (retention !== undefined && (!Number.isInteger(retention) || retention < 0)) {
    throw new InvalidOptionError(
      'resultRetentionMs',
      retention,
      'must be a whole number of milliseconds ≥ 0',
    );
  }
  const keys = options.accessKeys ?? { test: 'test' };
  if (Object.keys(keys).length === 0) {
    throw new InvalidOptionError('accessKeys', keys, 'must hold at least one access key');
  }
}

/**
 * Starts a local Redshift: the engine, the Data API semantics and the HTTP endpoint on 127.0.0.1.
 *
 * @example
 * const redshift = await startLocalRedshift({ s3Root: './.shiftflow/s3' });
 * const client = new RedshiftDataClient({ endpoint: redshift.endpoint, region: 'us-east-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 * const stop = redshift.onStatusChange((event) => console.log(event.detail.state));
 * // …
 * stop();
 * await redshift.close();
 */
export async function startLocalRedshift(options: LocalRedshiftOptions): Promise<LocalRedshift> {
  // A worker started ahead is stopped when the start fails (terminating one the engine stopped does nothing).
  try {
    return await startWithEngine(options);
  } catch (error) {
    await options.pgliteWorker?.worker.terminate();
    throw error;
  }
}

/** Opens the engine, recovers the statement history, and serves the Data API over them. */
async function startWithEngine(options: LocalRedshiftOptions): Promise<LocalRedshift> {
  // PostgreSQL has no use for a PGlite worker started ahead.
  if (options.engine?.type === 'postgres') await options.pgliteWorker?.worker.terminate();
  validate(options);
  const faults = new FaultInjector(options.faults ?? {});
  const database = options.database ?? 'dev';
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '123456789012';
  const accessKeys = options.accessKeys ?? { test: 'test' };
  const dialect = options.dialect ?? redshiftDialect;
  const s3Root = path.resolve(options.s3Root);
  mkdirSync(s3Root, { recursive: true });
  const { engine, temporaryDataDir } = await openLocalEngine({
    dataDir: options.dataDir,
    engine: options.engine,
    pgliteWorker: options.pgliteWorker,
    database,
    dialect,
    s3Root,
  });
  const listeners = new StatusChangeListeners(faults);
  const history = statementHistory(options.dataDir);
  const api = new LocalDataApi({
    ...history,
    engine,
    dialect,
    database,
    region,
    account,
    ...(options.resultPageRows !== undefined ? { resultPageRows: options.resultPageRows } : {}),
    ...(options.maxActiveStatements !== undefined
      ? { maxActiveStatements: options.maxActiveStatements }
      : {}),
    ...(options.resultRetentionMs !== undefined ? { resultRetentionMs: options.resultRetentionMs } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    latency: new StatementLatency(options.latency),
    s3Root,
    onEvent: (event) => listeners.deliver(event),
  });
  const owed = await recoverHistory(api, history, options).catch(async (error: unknown) => {
    await api.close();
    await engine.close();
    throw error;
  });
  listeners.owe(owed, (event) => api.eventDelivered(event.detail.statementId));
  const endpoint = await startDataApiEndpoint({
    api,
    accessKeys,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    faults,
    events: (listener) => listeners.subscribe(listener),
  }).catch(async (error: unknown) => {
    await engine.close();
    throw error;
  });
  return runningLocalRedshift({
    endpoint,
    accessKeys,
    region,
    faults,
    listeners,
    engine,
    api,
    temporaryDataDir,
  });
}

/** Where a data dir keeps its statements across restarts (see `LocalRedshiftOptions.dataDir`). */
interface StatementHistory {
  journal: StatementJournal;
  endedStatements: EndedStatementStore;
}

/** The statement history in `<dataDir>/redshift-local`; none without a data dir. */
function statementHistory(dataDir: string | undefined): StatementHistory | undefined {
  if (dataDir === undefined) return undefined;
  const folder = path.join(path.resolve(dataDir), 'redshift-local');
  return {
    journal: new StatementJournal(path.join(folder, 'statements')),
    endedStatements: new EndedStatementStore(path.join(folder, 'ended')),
  };
}

/**
 * Opens the statement history and recovers what the last run left in it; resolves with the
 * status-change events owed from before the restart.
 */
async function recoverHistory(
  api: LocalDataApi,
  history: StatementHistory | undefined,
  options: LocalRedshiftOptions,
): Promise<StatementStatusChangeEnvelope[]> {
  if (history === undefined) return [];
  const ended = await history.endedStatements.open(
    (options.now ?? Date.now)(),
    options.resultRetentionMs ?? 24 * 3600 * 1000,
  );
  return api.recover(await history.journal.open(), ended);
}

/** The parts of a started local Redshift that its handle serves and closes. */
interface RunningParts extends LocalEngine {
  endpoint: { url: string; close(): Promise<void> };
  accessKeys: Record<string, string>;
  region: string;
  faults: FaultInjector;
  listeners: StatusChangeListeners;
  api: LocalDataApi;
}

/** The handle of a started local Redshift; `close` stops its parts in order, once. */
function runningLocalRedshift(parts: RunningParts): LocalRedshift {
  const { endpoint, region, faults, listeners, engine, api, temporaryDataDir } = parts;
  const [accessKeyId, secretAccessKey] = Object.entries(parts.accessKeys)[0]!;
  let closing: Promise<void> | undefined;
  return {
    endpoint: endpoint.url,
    environment: {
      AWS_ENDPOINT_URL_REDSHIFT_DATA: endpoint.url,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
    },
    onStatusChange: (listener) => listeners.subscribe(listener),
    faultCounts: () => faults.counts(),
    async crashEngineWorker() {
      if (engine.crashWorker === undefined) {
        throw new EngineError(
          engine.kind,
          'crashEngineWorker needs the PGlite engine (it kills its worker thread)',
        );
      }
      await engine.crashWorker();
    },
    close() {
      closing ??= (async () => {
        await endpoint.close();
        await listeners.owedDelivery;
        await engine.close();
        await api.close();
        listeners.clear();
        if (temporaryDataDir !== undefined) rmSync(temporaryDataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
