import type { RunResult } from '../pipeline/start-local-pipeline';
import { exitCodes } from './exit-codes';

/** What decides `shiftflow run`'s exit code besides the run's own status. */
export interface RunOutcome {
  result: Pick<RunResult, 'status' | 'notificationError'>;
  /** Ctrl-C (or SIGTERM) came. */
  interrupted: boolean;
  /** The reconciler run before the run failed, so a run owed from before may be unannounced. */
  reconcilerFailed: boolean;
}

/**
 * The exit code of `shiftflow run`: 0 only when the statement FINISHED, its notification was
 * published and the reconciler before it worked; 130 when Ctrl-C stopped it; 1 otherwise. A failure
 * is never reported as success, even when the load itself went through.
 *
 * @example
 * runExitCode({ result: { status: 'FINISHED', notificationError: 'SNS refused' }, interrupted: false, reconcilerFailed: false }); // 1
 */
export function runExitCode(outcome: RunOutcome): number {
  const { result } = outcome;
  if (result.status !== 'FINISHED') return outcome.interrupted ? exitCodes.interrupted : exitCodes.failure;
  if (result.notificationError !== undefined || outcome.reconcilerFailed) return exitCodes.failure;
  return exitCodes.success;
}
