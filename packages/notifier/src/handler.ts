import { createNotifierDependencies } from './create-notifier-dependencies';
import type { NotifierDependencies } from './notifier-dependencies';
import { type NotifyOutcome, notifyStatusChange } from './notify-status-change';
import type { ReconcileReport } from './reconcile';
import { reconcile } from './reconcile';

let cached: { dependencies: NotifierDependencies; reconcileWindowHours: number } | undefined;

/** Builds the clients once per Lambda environment, on first use so a bad environment fails the invocation with a clear error. */
function dependencies() {
  if (!cached) {
    const { dependencies, settings } = createNotifierDependencies(process.env);
    cached = { dependencies, reconcileWindowHours: settings.reconcileWindowHours };
  }
  return cached;
}

/**
 * Lambda handler for "Redshift Data Statement Status Change" events of this pipeline (the
 * EventBridge rule built by `statusChangePattern`): announces each ended statement once.
 *
 * @example
 * ```ts
 * // CDK: new lambda.Function(this, 'Notifier', { handler: 'index.handler', code: lambda.Code.fromAsset(bundleDir), … })
 * ```
 */
export async function handler(event: unknown): Promise<NotifyOutcome> {
  const { dependencies: notifier } = dependencies();
  return notifyStatusChange(event, notifier);
}

/**
 * Lambda handler for the reconciler schedule: announces this pipeline's ended statements whose
 * event never arrived, looking back `SHIFTFLOW_RECONCILE_WINDOW_HOURS` hours.
 *
 * @example
 * ```ts
 * // CDK: new lambda.Function(this, 'Reconciler', { handler: 'index.reconcile', … })
 * ```
 */
export async function reconcileHandler(_event?: unknown): Promise<ReconcileReport> {
  const { dependencies: notifier, reconcileWindowHours } = dependencies();
  return reconcile(notifier, { lookbackHours: reconcileWindowHours });
}
