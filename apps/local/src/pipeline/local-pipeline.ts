/**
 * The local pipeline's face: what {@link startLocalPipeline} takes, what it returns and what it
 * reports while runs happen.
 */
import type { Writable } from 'node:stream';
import type { RedshiftData } from '@shiftflow/data-api';
import type { Notification, PipelineConfig } from '@shiftflow/events';
import type { LatencyOptions, LocalRedshift } from '@shiftflow/redshift-local';
import type { RunHistory, RunStatus } from '../history/run-history';
import type { SampleData } from '../seed/write-sample-data';
import type { StateLayout } from '../state/state-layout';
import type { AppliedSetup } from './apply-setup-once';

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

/** Receives {@link PipelineProgress}. */
export type ProgressListener = (progress: PipelineProgress) => void;

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
  onProgress?: ProgressListener;
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
  /** Queue and compile delays of the local Redshift (`serve --latency realistic`); none by default. */
  latency?: LatencyOptions;
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
  applySetup(options?: { force?: boolean }): Promise<AppliedSetup>;
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
  /** Stops everything the pipeline started, the last started first, and releases the engine lock. */
  close(): Promise<void>;
}
