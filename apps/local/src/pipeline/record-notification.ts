import type { Notification } from '@shiftflow/events';
import type { RunHistory } from '../history/run-history';

/**
 * Appends the notifier's entry of a run to the history: its final status and the rows it loaded.
 *
 * @example
 * await recordNotification(history, outcome.notification);
 */
export function recordNotification(history: RunHistory, notification: Notification): Promise<void> {
  return history.append({
    type: 'status',
    statementId: notification.statementId,
    status: notification.state,
    ...(notification.rowsLoaded === undefined ? {} : { rows: notification.rowsLoaded }),
    ...(notification.durationMs === undefined ? {} : { durationMs: notification.durationMs }),
    ...(notification.error === undefined ? {} : { error: notification.error }),
    source: 'notifier',
  });
}
