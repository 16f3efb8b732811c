import {
  type PipelineConfig,
  parseStatementStatusChangeEvent,
  type StatementStatusChangeEvent,
  statusChangePattern,
} from '@shiftflow/events';
import type { LocalRedshift } from '@shiftflow/redshift-local';
import { EventBus } from '../event-bus';
import { crashPoint } from '../files/crash-point';
import type { RunHistory } from '../history/run-history';
import type { LambdaHost } from '../lambda/lambda-host';
import type { CloseStack } from './close-stack';
import type { ProgressListener } from './local-pipeline';
import { recordNotification } from './record-notification';
import { type NotifierResult, notifierResultOf, type RunSignals } from './run-signals';

/** What the status-change lane works with. */
export interface StatusChangeLane {
  config: PipelineConfig;
  host: LambdaHost;
  history: RunHistory;
  signals: RunSignals;
  onProgress: ProgressListener;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Writes a statement's history entries: the event's first, then the notifier's (with the rows
 * loaded), in this order. The event's row count is the CALL's result rows, not the rows loaded: it
 * is not recorded.
 */
async function recordStatusChange(
  lane: StatusChangeLane,
  detail: StatementStatusChangeEvent['detail'],
  notified: Promise<NotifierResult>,
): Promise<void> {
  const { statementId, state: status } = detail;
  await lane.history.append({ type: 'status', statementId, status, source: 'event' });
  const result = await notified;
  if (result.status === 'dead-lettered') {
    lane.onProgress({
      type: 'notifier-failed',
      statementId,
      error: result.error,
      deadLetterFile: result.deadLetterFile,
    });
    return;
  }
  if (result.status === 'not-understood') {
    lane.onProgress({ type: 'problem', message: result.error });
    return;
  }
  if (result.outcome.status !== 'announced') return;
  await recordNotification(lane.history, result.outcome.notification);
  lane.onProgress({ type: 'notified', statementId, notification: result.outcome.notification });
}

/**
 * One status-change event the rule matched: tells the waiting run that its statement ended,
 * invokes the notifier asynchronously (as EventBridge does) and records both in the history.
 */
function onStatusChange(lane: StatusChangeLane, event: unknown): void {
  crashPoint('status-change-event');
  let detail: StatementStatusChangeEvent['detail'];
  try {
    detail = parseStatementStatusChangeEvent(event).detail;
  } catch (error) {
    // The rule matched it, so the notifier would get it on AWS too: say so instead of dropping it.
    lane.onProgress({ type: 'problem', message: `status-change event not understood: ${messageOf(error)}` });
    return;
  }
  const { statementId, state: status } = detail;
  const rows = detail.rows !== undefined && detail.rows >= 0 ? detail.rows : undefined;
  lane.signals.ended.get(statementId).resolve({ status, ...(rows === undefined ? {} : { rows }) });
  const notifierName = `${lane.config.name}-notifier`;
  const notified = lane.host
    .invokeAsync(notifierName, event)
    .outcome.then((outcome) => notifierResultOf(outcome, notifierName));
  lane.signals.announced.get(statementId).resolve(notified);
  const recording = recordStatusChange(lane, detail, notified).catch((error: unknown) =>
    lane.onProgress({ type: 'problem', message: `run history: ${messageOf(error)}` }),
  );
  lane.signals.recorded.get(statementId).resolve(recording);
}

/**
 * Wires the local Redshift's status-change events through an event bus rule with the pipeline's
 * pattern (the same as on AWS) to the notifier function, and the outcome back to the waiting run.
 *
 * @example
 * startStatusChangeLane(redshift, { config, host, history, signals, onProgress }, closers);
 */
export function startStatusChangeLane(
  redshift: LocalRedshift,
  lane: StatusChangeLane,
  closers: CloseStack,
): void {
  const bus = new EventBus({
    onDeliveryFailure: (failure) => lane.onProgress({ type: 'problem', message: failure.message }),
  });
  bus.putRule(
    `${lane.config.name}-status-change`,
    statusChangePattern({ pipelineName: lane.config.name }),
    (event) => onStatusChange(lane, event),
  );
  const unsubscribe = redshift.onStatusChange((event) => {
    bus.putEvents({ ...event });
  });
  closers.push(async () => {
    unsubscribe();
    await lane.host.idle();
  });
}
