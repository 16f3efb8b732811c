import { access } from 'node:fs/promises';
import { type SpawnedPgliteWorker, spawnPgliteWorker } from '@shiftflow/redshift-local/spawn-pglite-worker';
import { CloseStack } from '../pipeline/close-stack';
import type { OpeningEngine } from '../pipeline/open-engine';
import type { CommandContext } from './command-context';

/** The state folder's engine, started before the command has loaded the rest of what it needs. */
export interface EarlyEngine {
  /** Settles with the opening engine (its lock held); rejects as `openEngine` does. */
  readonly engine: Promise<OpeningEngine>;
  /**
   * Settles (never rejects) once the engine's lock is held and its worker is starting: a command
   * that waits for it before loading its own modules keeps that loading from delaying the worker.
   */
  readonly starting: Promise<void>;
  /** What the engine started, the last first. */
  readonly closers: CloseStack;
  /** The pipeline takes the engine over and closes it with itself; `close` then does nothing. */
  handOver(): { engine: Promise<OpeningEngine>; closers: CloseStack };
  /** Stops the engine unless it was handed over: for a command that failed before its pipeline started. */
  close(): Promise<void>;
}

/**
 * Starts opening the state folder's engine at once, so its worker (PGlite's WASM and PostgreSQL
 * start, most of a warm `run`'s start) works while the command loads its modules (the local
 * Redshift's own package among them: the worker thread is started before it loads), reads the
 * configuration and starts the local SNS and the Lambda workers. A state folder shiftflow already
 * made is opened before the configuration is read; a new one only once the configuration is valid,
 * so a bad configuration leaves no folder behind. Errors surface where `engine` is awaited.
 *
 * @example
 * const early = startEngineEarly(context, 'run');
 * try { await runCommand(context, early); } finally { await early.close(); }
 */
export function startEngineEarly(context: CommandContext, command: string): EarlyEngine {
  const closers = new CloseStack();
  // First of all the engine's thread: Node's start of it and PGlite's module load (~150 ms) overlap the
  // loading of the local Redshift's package below. It touches nothing until the engine opens in it.
  let worker: SpawnedPgliteWorker | undefined;
  let spawnError: unknown;
  try {
    worker = spawnPgliteWorker();
    const spawned = worker.worker;
    // Stopped last, after the engine; the engine stops it itself once it took it over (terminating twice does nothing).
    closers.push(async () => {
      await spawned.terminate();
    });
  } catch (error) {
    spawnError = error;
  }
  const engine = (async () => {
    if (spawnError !== undefined) throw spawnError;
    const { openEngine } = await import('../pipeline/open-engine');
    const state = context.state();
    const made = await access(state.marker).then(
      () => true,
      () => false,
    );
    if (!made) await context.config();
    await context.ensureState();
    return openEngine(state, { command, lambdas: true, pgliteWorker: worker }, closers);
  })();
  // Reported where it is awaited (the pipeline's start), or dropped with a command that failed first.
  engine.catch(() => undefined);
  let owned = true;
  return {
    engine,
    starting: engine.then(
      () => undefined,
      () => undefined,
    ),
    closers,
    handOver() {
      owned = false;
      return { engine, closers };
    },
    async close() {
      if (!owned) return;
      owned = false;
      await engine.catch(() => undefined);
      await closers.close();
    },
  };
}

/**
 * Runs a command that was given the early engine, and stops that engine afterwards unless the
 * command's pipeline took it over (a command that failed before that leaves nothing running).
 *
 * @example
 * return closingEarlyEngine(early, () => runWithPipeline(context, early));
 */
export async function closingEarlyEngine<T>(
  early: EarlyEngine | undefined,
  command: () => Promise<T>,
): Promise<T> {
  try {
    return await command();
  } finally {
    await early?.close();
  }
}
