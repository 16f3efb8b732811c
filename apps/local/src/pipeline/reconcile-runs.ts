import type { PipelineConfig } from '@shiftflow/events';
import { LocalAppError } from '../errors';
import type { RunHistory } from '../history/run-history';
import type { LambdaHost } from '../lambda/lambda-host';
import { parseLambdaResult, reconcileReportSchema } from './parse-lambda-result';
import { recordNotification } from './record-notification';

/**
 * Runs the reconciler function once: it announces ended statements of the pipeline whose event
 * never came (as the reconciler schedule does on AWS). A run announced late (its event was lost,
 * or the app stopped) gets its rows loaded in the history as a run announced by its event does.
 * Returns the ids it announced.
 *
 * @throws LocalAppError (code `NO_LAMBDAS`) when the pipeline was started without its functions.
 * @example
 * const announced = await reconcileRuns({ config, host, history });
 */
export async function reconcileRuns(context: {
  config: PipelineConfig;
  host: LambdaHost | undefined;
  history: RunHistory;
}): Promise<string[]> {
  const { config, host, history } = context;
  if (!host)
    throw new LocalAppError('NO_LAMBDAS', 'this local pipeline was started without its Lambda functions');
  const reconcilerName = `${config.name}-reconciler`;
  const result = await host.invoke(reconcilerName, { source: 'shiftflow.local', 'detail-type': 'Reconcile' });
  const report = parseLambdaResult(reconcileReportSchema, result, reconcilerName);
  for (const notification of report.notifications) await recordNotification(history, notification);
  return report.announced;
}
