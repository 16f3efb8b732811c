import type { NotifyOutcome } from '@shiftflow/notifier';
import { LocalAppError } from '../errors';
import type { StatementState } from '../history/run-history';
import type { AsyncInvocationOutcome } from '../lambda/lambda-host';
import { DeferredMap } from './deferred';
import { notifyOutcomeSchema, parseLambdaResult } from './parse-lambda-result';

/** What became of the notifier's invocation for one statement. */
export type NotifierResult =
  | { status: 'succeeded'; outcome: NotifyOutcome }
  /** Every attempt failed; the event is kept in `deadLetterFile`. */
  | { status: 'dead-lettered'; error: string; deadLetterFile: string }
  /** The notifier ran but returned something that is not a {@link NotifyOutcome}. */
  | { status: 'not-understood'; error: string };

/**
 * What the status-change lane tells a waiting run, per statement id; either side may ask first.
 *
 * @example
 * const signals = createRunSignals();
 * const ended = await signals.ended.get(statementId).promise;
 */
export interface RunSignals {
  /** The statement's end, as its status-change event reports it. */
  ended: DeferredMap<StatementState>;
  /** What became of the notifier's invocation for the statement's event. */
  announced: DeferredMap<NotifierResult>;
  /** Settles once the lane has written the statement's run-history entries (or failed to). */
  recorded: DeferredMap<void>;
}

/** Creates empty {@link RunSignals}. */
export function createRunSignals(): RunSignals {
  return { ended: new DeferredMap(), announced: new DeferredMap(), recorded: new DeferredMap() };
}

/**
 * The notifier invocation's outcome with its result parsed as the notifier's {@link NotifyOutcome}.
 *
 * @example
 * const result = notifierResultOf(await invocation.outcome, `${config.name}-notifier`);
 */
export function notifierResultOf(invocation: AsyncInvocationOutcome, functionName: string): NotifierResult {
  if (invocation.status === 'dead-lettered') {
    return {
      status: 'dead-lettered',
      error: invocation.error.message,
      deadLetterFile: invocation.deadLetterFile,
    };
  }
  try {
    return {
      status: 'succeeded',
      outcome: parseLambdaResult(notifyOutcomeSchema, invocation.value, functionName),
    };
  } catch (error) {
    if (!(error instanceof LocalAppError)) throw error;
    return { status: 'not-understood', error: error.message };
  }
}
