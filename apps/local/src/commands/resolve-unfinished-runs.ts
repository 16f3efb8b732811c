import { mkdir } from 'node:fs/promises';
import { startLocalRedshift } from '@shiftflow/redshift-local';
import type { RunHistory } from '../history/run-history';
import { createLocalDataApi } from '../pipeline/create-local-data-api';
import { describeRunState } from '../pipeline/describe-run-state';
import type { CommandContext } from './command-context';

/**
 * Settles runs the history shows without an end (the app stopped while they ran) by starting the
 * local Redshift and describing their statements; for `shiftflow runs`.
 */
export async function resolveUnfinishedRuns(context: CommandContext, history: RunHistory): Promise<void> {
  const config = await context.config();
  const state = context.state();
  await mkdir(state.s3, { recursive: true });
  const redshift = await startLocalRedshift({ dataDir: state.engine, s3Root: state.s3 });
  try {
    const dataApi = createLocalDataApi(redshift.endpoint, config.target);
    await history.resolve((statementId) => describeRunState(dataApi, statementId));
  } finally {
    await redshift.close();
  }
}
