import { type RedshiftData, RedshiftDataServiceError, type StatementDescription } from '@shiftflow/data-api';
import type { StatementState } from '../history/run-history';

/** The run-history view of a statement description. */
export function statementState(description: StatementDescription): StatementState {
  // No rows: a statement's ResultRows counts its result rows (a CALL's one row), not the rows it
  // loaded; those come from the notifier.
  const state: StatementState = { status: description.status ?? 'SUBMITTED' };
  if (description.durationMs !== undefined) state.durationMs = description.durationMs;
  if (description.error !== undefined) state.error = description.error;
  return state;
}

/**
 * Describes a run's statement for the run history. A run cut off by a stop of the app is known to
 * the restarted local Redshift as FAILED (its statement journal), so the history says what
 * DescribeStatement says. A statement it does not know at all (its journal was lost, or it is older
 * than the retention) counts as ABORTED.
 *
 * @example
 * await history.resolve((statementId) => describeRunState(dataApi, statementId));
 */
export async function describeRunState(
  dataApi: Pick<RedshiftData, 'describe'>,
  statementId: string,
): Promise<StatementState> {
  try {
    return statementState(await dataApi.describe(statementId));
  } catch (error) {
    if (error instanceof RedshiftDataServiceError && error.serviceCode === 'ResourceNotFoundException') {
      return {
        status: 'ABORTED',
        error: 'the local app stopped before the statement ended, so the engine rolled it back',
      };
    }
    throw error;
  }
}
