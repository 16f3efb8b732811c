import { mkdir } from 'node:fs/promises';
import type { RedshiftData } from '@shiftflow/data-api';
import { startLocalRedshift } from '@shiftflow/redshift-local';
import { createLocalDataApi } from '../pipeline/create-local-data-api';
import { acquireEngineLock, engineLockHolder } from '../state/engine-lock';
import { explainEngineError } from '../state/explain-engine-error';
import type { CommandContext } from './command-context';

/**
 * Calls `use` with a Data API client on the state folder's local Redshift: the one a running
 * `shiftflow dev` or `serve` has open, or else a local Redshift started (and stopped) for the call.
 *
 * @example
 * const rows = await withLocalDataApi(context, 'query', (dataApi) => dataApi.query('select 1'));
 */
export async function withLocalDataApi<T>(
  context: CommandContext,
  command: string,
  use: (dataApi: RedshiftData) => Promise<T>,
): Promise<T> {
  const config = await context.config();
  const state = await context.ensureState();
  const holder = await engineLockHolder(state);
  if (holder?.endpoint) return use(createLocalDataApi(holder.endpoint, config.target));
  const lock = await acquireEngineLock(state, command);
  try {
    await mkdir(state.s3, { recursive: true });
    const redshift = await startLocalRedshift({ dataDir: state.engine, s3Root: state.s3 }).catch(
      (error: unknown) => {
        throw explainEngineError(state, error);
      },
    );
    try {
      await lock.setEndpoint(redshift.endpoint);
      return await use(createLocalDataApi(redshift.endpoint, config.target));
    } finally {
      await redshift.close();
    }
  } finally {
    await lock.release();
  }
}
