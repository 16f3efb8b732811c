import type { TerminalStatementState } from '@shiftflow/events';

/**
 * A statement of the pipeline that ended, as the event or the reconciler reports it.
 *
 * @example
 * ```ts
 * const statement: EndedStatement = { statementId, statementName: 'nyc-taxi/2026-11-30T16:00:00.000Z', state: 'FAILED' };
 * ```
 */
export interface EndedStatement {
  statementId: string;
  statementName?: string;
  /** The state the event reported; for FAILED or ABORTED, DescribeStatement's terminal state wins when they differ. */
  state: TerminalStatementState;
  /** When it ended (the event's time). */
  endedAt?: Date;
}
