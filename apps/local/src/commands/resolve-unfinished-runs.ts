import type { RunHistory } from '../history/run-history';
import { describeRunState } from '../pipeline/describe-run-state';
import type { CommandContext } from './command-context';
import { withLocalDataApi } from './with-local-data-api';

/**
 * Settles runs the history shows without an end (the app stopped while they ran) by describing
 * their statements on the local Redshift; for `shiftflow runs`.
 */
export async function resolveUnfinishedRuns(context: CommandContext, history: RunHistory): Promise<void> {
  await withLocalDataApi(context, 'runs', (dataApi) =>
    history.resolve((statementId) => describeRunState(dataApi, statementId)),
  );
}
