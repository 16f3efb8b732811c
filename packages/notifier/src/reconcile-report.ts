import type { Notification } from '@shiftflow/events';

/**
 * What one reconciler run found and did.
 *
 * @example
 * ```ts
 * const { announced } = await reconcile(dependencies);
 * ```
 */
export interface ReconcileReport {
  /** Started runs of the pipeline inside the look-back window that had ended. */
  examined: number;
  /** Statements announced by this run: their event was lost or their earlier announcement failed. */
  announced: string[];
  /** The notifications this run published, in the order of `announced` (rows loaded included). */
  notifications: Notification[];
  alreadyAnnounced: number;
  inProgress: number;
}
