import * as z from 'zod/mini';

/**
 * States in which a Data API statement has ended; the status-change event is sent only for these.
 *
 * @example
 * ```ts
 * terminalStatementStates.includes(description.status); // true once the statement ended
 * ```
 */
export const terminalStatementStates = ['FINISHED', 'FAILED', 'ABORTED'] as const;

/**
 * States in which a Data API statement is still queued or running, in lifecycle order (the runner's overlap guard relies on it).
 *
 * @example
 * ```ts
 * for (const status of activeStatementStates) data.listStatements({ statementNamePrefix: 'nyc-taxi/', status });
 * ```
 */
export const activeStatementStates = ['SUBMITTED', 'PICKED', 'STARTED'] as const;

/**
 * A terminal statement state: FINISHED, FAILED or ABORTED.
 *
 * @example
 * ```ts
 * terminalStatementStateSchema.parse('FAILED');
 * ```
 */
export const terminalStatementStateSchema = /* @__PURE__ */ z.enum(terminalStatementStates);

/**
 * A terminal statement state: FINISHED, FAILED or ABORTED.
 *
 * @example
 * ```ts
 * const state: TerminalStatementState = event.detail.state; // 'FINISHED' | 'FAILED' | 'ABORTED'
 * ```
 */
export type TerminalStatementState = z.infer<typeof terminalStatementStateSchema>;

/**
 * A state in which a statement is still queued or running: SUBMITTED, PICKED or STARTED.
 *
 * @example
 * ```ts
 * const state: ActiveStatementState = 'STARTED';
 * ```
 */
export type ActiveStatementState = (typeof activeStatementStates)[number];
