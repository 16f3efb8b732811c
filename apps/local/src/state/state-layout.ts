import path from 'node:path';
import { LocalAppError } from '../errors';

/** Where everything of the local app lives inside the state folder. */
export interface StateLayout {
  root: string;
  /** Marks the folder as shiftflow's, so `reset` never deletes anything else. */
  marker: string;
  /** The local engine's data directory. */
  engine: string;
  /** Local S3: `<s3>/<bucket>/<key>`. */
  s3: string;
  /** Notifications as JSON and .eml files. */
  outbox: string;
  /** The run-history JSON-lines file. */
  history: string;
  /** Events of asynchronous Lambda invocations that failed every attempt. */
  deadLetter: string;
  /** The Lambda functions' log lines. */
  logs: string;
  /** The notifier's ledger of announced statements. */
  notifierLedger: string;
  /** Fingerprint of the last applied setup SQL. */
  setupFingerprint: string;
  /** Which process has the engine open (pid and endpoint). */
  engineLock: string;
  /** The console's SQL editor history (its last 20 statements). */
  consoleSqlHistory: string;
  /** `shiftflow serve`'s Redshift Data status-change events, one JSON object a line. */
  serveEvents: string;
  /** The local SNS's delivery log: each attempt's outcome per subscriber, one JSON object a line. */
  snsDeliveries: string;
}

/**
 * The paths inside a state folder.
 *
 * @example
 * stateLayout('/work/main/.shiftflow').outbox; // '/work/main/.shiftflow/outbox'
 */
export function stateLayout(root: string): StateLayout {
  const absolute = path.resolve(root);
  return {
    root: absolute,
    marker: path.join(absolute, '.shiftflow-state'),
    engine: path.join(absolute, 'engine'),
    s3: path.join(absolute, 's3'),
    outbox: path.join(absolute, 'outbox'),
    history: path.join(absolute, 'runs.jsonl'),
    deadLetter: path.join(absolute, 'dead-letter'),
    logs: path.join(absolute, 'logs'),
    notifierLedger: path.join(absolute, 'notifier-ledger.json'),
    setupFingerprint: path.join(absolute, 'engine-setup.json'),
    engineLock: path.join(absolute, 'engine.lock'),
    consoleSqlHistory: path.join(absolute, 'console-sql-history.json'),
    serveEvents: path.join(absolute, 'events.ndjson'),
    snsDeliveries: path.join(absolute, 'sns-deliveries.jsonl'),
  };
}

/**
 * The local folder holding an S3 URI's objects: `s3://bucket/prefix/` → `<s3Root>/bucket/prefix`.
 *
 * @example
 * localS3Path('/state/s3', 's3://shiftflow-sample/nyc_yellow_taxi_raw/'); // '/state/s3/shiftflow-sample/nyc_yellow_taxi_raw'
 */
export function localS3Path(s3Root: string, uri: string): string {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new LocalAppError('S3_URI', `"${uri}" is not an S3 URI such as s3://bucket/prefix/`);
  const key = (match[2] ?? '').replace(/\/+$/, '');
  if (key.split('/').some((part) => part === '..')) {
    throw new LocalAppError('S3_URI', `"${uri}" leaves its bucket with ".."`);
  }
  return path.join(s3Root, match[1]!, key);
}
