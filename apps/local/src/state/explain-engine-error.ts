import { EngineDataDirError, EngineInUseError as EngineDataDirInUseError } from '@shiftflow/redshift-local';
import { EngineInUseError, StateFileError } from '../errors';
import type { StateLayout } from './state-layout';

/**
 * Says an engine failure in the terms of the state folder and what a shiftflow user can do: a
 * damaged data dir points at `shiftflow reset`, a full disk keeps its "no space left on device"
 * and path. Other errors are returned as they are.
 *
 * @example
 * try { await startLocalRedshift({ dataDir: state.engine, s3Root: state.s3 }); }
 * catch (error) { throw explainEngineError(state, error); }
 */
export function explainEngineError(state: StateLayout, error: unknown): unknown {
  const resetCommand = `shiftflow reset --state-dir ${state.root}`;
  if (error instanceof EngineDataDirError) {
    const message = error.message.replace(/^pglite engine: /, '');
    return new StateFileError(
      error.dataDir,
      error.reason === 'damaged'
        ? `${message}. With shiftflow, \`${resetCommand}\` deletes the local state (engine data, local S3, outbox, run history) so the next command starts afresh`
        : message,
      { cause: error },
    );
  }
  if (error instanceof EngineDataDirInUseError) {
    return new EngineInUseError(
      state.root,
      undefined,
      `the local Redshift data in ${error.dataDir} is open in another process${error.holderPid ? ` (pid ${error.holderPid})` : ''} that is not a shiftflow command of this state folder; stop it first, or use another --state-dir`,
      { cause: error },
    );
  }
  return error;
}
