import { StatementAbortedError, StatementFailedError } from './errors';
import type { StatementDescription } from './statement-description';

/** Returns true on FINISHED, throws on FAILED and ABORTED, returns false while the statement runs. */
export function settleStatement(description: StatementDescription): boolean {
  const status = description.status;
  if (status === 'FINISHED') return true;
  if (status === 'FAILED') {
    const failed = description.subStatements.find((subStatement) => subStatement.status === 'FAILED');
    throw new StatementFailedError({
      statementId: description.id,
      sql: failed?.queryString ?? description.queryString,
      subStatementId: failed?.id,
      serviceMessage: description.error ?? failed?.error ?? 'the service reported no error text',
    });
  }
  if (status === 'ABORTED') {
    const aborted = description.subStatements.find((subStatement) => subStatement.status === 'ABORTED');
    throw new StatementAbortedError({
      statementId: description.id,
      sql: aborted?.queryString ?? description.queryString,
      subStatementId: aborted?.id,
    });
  }
  return false;
}
