import { createNotifierDependencies } from './create-notifier-dependencies';
import type { NotifierDependencies } from './notifier-dependencies';
import { type NotifyOutcome, notifyStatusChange } from './notify-status-change';
import type { ReconcileReport } from './reconcile';
import { reconcile } from './reconcile';
import { isRunnerSuccessRecord, type RecordOutcome, recordStartedRun } from './record-started-run';

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
 * Lambda handler of the reconciler, which has two callers:
 *
 * - the runner's on-success destination (a Lambda invocation record): records the run the runner
 *   started in the ledger (see `recordStartedRun`);
 * - the reconciler schedule (any other event): announces the recorded runs that ended and whose
 *   event never arrived, looking back `SHIFTFLOW_RECONCILE_WINDOW_HOURS` hours (see `reconcile`).
 *
 * The reconciler has no database identity: it only describes and reads the writer's statements. A
 * failed load it announces therefore carries the error text and the failing SQL but not the
 * `sys_load_error_detail` rows, which need a query (the notifier's reader identity runs that one).
 *
 * @example
 * ```ts
 * // CDK: new lambda.Function(this, 'Reconciler', { handler: 'index.reconcile', … })
 * ```
 */
export async function reconcileHandler(event?: unknown): Promise<ReconcileReport | RecordOutcome> {
  const { dependencies: notifier, reconcileWindowHours } = dependencies();
  if (isRunnerSuccessRecord(event)) return recordStartedRun(event, notifier);
  return reconcile({ ...notifier, loadErrors: false }, { lookbackHours: reconcileWindowHours });
}
