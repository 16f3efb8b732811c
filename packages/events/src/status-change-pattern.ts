import { InvalidArgumentError } from './errors';
import { pipelineNamePattern } from './pipeline-config';
import { type TerminalStatementState, terminalStatementStates } from './statement-state';
import { statusChangeDetailType, statusChangeSource } from './statement-status-change-event';

/**
 * Options of `statusChangePattern`.
 *
 * @example
 * ```ts
 * const options: StatusChangePatternOptions = { pipelineName: 'nyc-taxi', states: ['FAILED', 'ABORTED'] };
 * ```
 */
export interface StatusChangePatternOptions {
  /** The pipeline whose statements match (statement names start with `<pipelineName>/`). */
  pipelineName: string;
  /**
   * EventBridge `wildcard` for `detail.principal`, e.g. `arn:aws:sts::123456789012:assumed-role/RunnerRole/*`.
   * Defaults to matching any principal.
   */
  principal?: string;
  /** States to match. Defaults to FINISHED, FAILED and ABORTED. */
  states?: readonly TerminalStatementState[];
}

/**
 * An EventBridge event pattern for status-change events (every leaf an array, as EventBridge wants).
 *
 * @example
 * ```ts
 * const pattern: StatusChangePattern = statusChangePattern({ pipelineName: 'nyc-taxi' });
 * ```
 */
export interface StatusChangePattern {
  source: string[];
  'detail-type': string[];
  detail: {
    state: string[];
    statementName: { prefix: string }[];
    principal?: { wildcard: string }[];
  };
}

/**
 * The EventBridge pattern matching this pipeline's "Redshift Data Statement Status Change" events only;
 * the CDK rule and the local event bus both use it.
 *
 * @example
 * ```ts
 * new events.Rule(this, 'Completed', { eventPattern: statusChangePattern({ pipelineName: 'nyc-taxi' }) });
 * ```
 */
export function statusChangePattern(options: StatusChangePatternOptions): StatusChangePattern {
  if (!pipelineNamePattern.test(options.pipelineName)) {
    throw new InvalidArgumentError('pipelineName', options.pipelineName, 'must match ^[a-z][a-z0-9-]{0,39}$');
  }
  const states = options.states ?? terminalStatementStates;
  if (states.length === 0) throw new InvalidArgumentError('states', states, 'must name at least one state');
  for (const state of states) {
    if (!(terminalStatementStates as readonly string[]).includes(state)) {
      throw new InvalidArgumentError('states', state, 'is not one of FINISHED, FAILED, ABORTED');
    }
  }
  if (options.principal !== undefined && (options.principal === '' || options.principal.includes('**'))) {
    throw new InvalidArgumentError(
      'principal',
      options.principal,
      'must be a non-empty wildcard without "**"',
    );
  }
  return {
    source: [statusChangeSource],
    'detail-type': [statusChangeDetailType],
    detail: {
      state: [...states],
      statementName: [{ prefix: `${options.pipelineName}/` }],
      ...(options.principal === undefined ? {} : { principal: [{ wildcard: options.principal }] }),
    },
  };
}
