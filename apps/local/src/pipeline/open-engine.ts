import { mkdir } from 'node:fs/promises';
import {
  type LatencyOptions,
  type LocalRedshift,
  type SpawnedPgliteWorker,
  startLocalRedshift,
} from '@shiftflow/redshift-local';
import { acquireEngineLock, type EngineLock } from '../state/engine-lock';
import type { StateLayout } from '../state/state-layout';
import type { CloseStack } from './close-stack';
import { freePort } from './free-port';
import { localAccount, localRegion } from './local-aws';

/** The state folder's engine, opening: its lock is held, the local Redshift is still starting. */
export interface OpeningEngine {
  lock: EngineLock;
  /** Settles when the local Redshift is up; rejects when it cannot start. */
  redshift: Promise<LocalRedshift>;
  /** The Data API endpoint; known before the engine is up unless the OS picks the port (port 0). */
  endpoint(): Promise<string>;
}

/**
 * Takes the state folder's engine lock and starts the local Redshift without waiting for it. The
 * functions' environment needs the Data API endpoint before the engine is up, so the port is
 * picked first (when the Lambda functions run); the Lambda workers then load their bundles while
 * the engine opens.
 *
 * @example
 * const engine = await openEngine(state, { command: 'run', lambdas: true }, closers);
 * const redshift = await engine.redshift;
 */
export async function openEngine(
  state: StateLayout,
  options: {
    command?: string;
    lambdas: boolean;
    redshiftPort?: number;
    latency?: LatencyOptions | undefined;
    /** The engine's worker thread, started ahead (see startEngineEarly); the local Redshift owns it from here on. */
    pgliteWorker?: SpawnedPgliteWorker | undefined;
  },
  closers: CloseStack,
): Promise<OpeningEngine> {
  await mkdir(state.s3, { recursive: true });
  await mkdir(state.engine, { recursive: true });
  const lock = await acquireEngineLock(state, options.command ?? 'pipeline');
  closers.push(() => lock.release());
  const port = options.redshiftPort ?? (options.lambdas ? await freePort() : 0);
  const redshift = startLocalRedshift({
    dataDir: state.engine,
    s3Root: state.s3,
    port,
    region: localRegion,
    account: localAccount,
    ...(options.latency !== undefined ? { latency: options.latency } : {}),
    ...(options.pgliteWorker !== undefined ? { pgliteWorker: options.pgliteWorker } : {}),
  });
  closers.push(async () => {
    // A failed start is reported where it is awaited; here only a started engine is closed.
    const started = await redshift.catch(() => undefined);
    await started?.close();
  });
  return {
    lock,
    redshift,
    endpoint: async () => (port === 0 ? (await redshift).endpoint : `http://127.0.0.1:${port}`),
  };
}
