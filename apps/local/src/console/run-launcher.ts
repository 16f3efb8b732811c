/**
 * What Run now starts: the same run `shiftflow run` or the schedule makes, through the caller's own
 * path (dev's queue, or the console command's pipeline). `active()` is true from `start()` until the
 * run it started has ended.
 */
export interface RunLauncher {
  active(): boolean;
  /** Starts one manual run; resolves when it has ended (its result does not matter here). */
  start(): Promise<unknown>;
}

/**
 * A {@link RunLauncher} around a function that runs the pipeline once, refusing a second start
 * while the first has not ended (Run now pressed twice starts one run).
 *
 * @example
 * const launcher = createRunLauncher(() => pipeline.run({ trigger: 'manual', reason: 'shiftflow console: Run now' }));
 */
export function createRunLauncher(run: () => Promise<unknown>): RunLauncher {
  let running: Promise<unknown> | undefined;
  return {
    active: () => running !== undefined,
    start() {
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
