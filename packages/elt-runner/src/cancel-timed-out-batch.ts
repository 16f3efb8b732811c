import type { RedshiftData, StatementDescription } from '@shiftflow/data-api';
import { SetupTimeoutError } from './errors';

/**
 * Cancels a setup batch that ran out of time and returns the `SetupTimeoutError` to throw; `cancelled`
 * says whether CancelStatement was accepted (a batch that ended in between cannot be cancelled).
 *
 * @example
 * ```ts
 * throw await cancelTimedOutBatch(dataApi, batchId, 600_000, 'STARTED');
 * ```
 */
export async function cancelTimedOutBatch(
  dataApi: Pick<RedshiftData, 'cancel' | 'describe'>,
  batchId: string,
  timeoutMs: number,
  lastStatus: string | undefined,
  cause?: unknown,
): Promise<SetupTimeoutError> {
  let cancelled = false;
  try {
    cancelled = await dataApi.cancel(batchId);
  } catch (cancelError) {
    // The batch may have ended between the last check and the cancel: then it is no longer running.
    const description: StatementDescription = await dataApi.describe(batchId);
    if (
      description.status === 'STARTED' ||
      description.status === 'SUBMITTED' ||
      description.status === 'PICKED'
    )
      throw cancelError;
  }
  return new SetupTimeoutError(batchId, timeoutMs, lastStatus, cause, cancelled);
}
