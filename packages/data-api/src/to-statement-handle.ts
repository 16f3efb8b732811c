import { RedshiftDataServiceError } from './errors';
import type { StatementHandle } from './redshift-data-options';

/** Builds the handle `execute()` and `executeBatch()` return; a response without an Id is a service error. */
export function toStatementHandle(
  id: string | undefined,
  sessionId: string | undefined,
  createdAt: Date | undefined,
): StatementHandle {
  if (id === undefined || id === '') {
    throw new RedshiftDataServiceError('ExecuteStatement', new Error('the response has no statement Id'));
  }
  const handle: StatementHandle = { id };
  if (sessionId !== undefined) handle.sessionId = sessionId;
  if (createdAt !== undefined) handle.createdAt = createdAt;
  return handle;
}
