import { Logger } from '@aws-lambda-powertools/logger';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import type { PipelineTarget } from '@shiftflow/events';
import { dataApiTargetOf } from './data-api-target-of';
import {
  isSetupComplete,
  onSetupEvent,
  type SetupIsCompleteResult,
  type SetupOnEventResult,
  type SetupResourceEvent,
} from './setup-custom-resource';

const client = new RedshiftDataClient({});
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'shiftflow-setup' });
const dataApiFor = (target: PipelineTarget) => new RedshiftData({ client, target: dataApiTargetOf(target) });

/**
 * `onEvent` Lambda handler of the setup custom resource (`cr.Provider`); see `onSetupEvent`.
 *
 * @example
 * ```ts
 * new cr.Provider(this, 'Setup', { onEventHandler, isCompleteHandler, queryInterval: Duration.seconds(10) });
 * ```
 */
export async function onEvent(event: SetupResourceEvent): Promise<SetupOnEventResult> {
  logger.info('setup event', {
    requestType: event.RequestType,
    physicalResourceId: event.PhysicalResourceId,
  });
  const result = await onSetupEvent(event, dataApiFor);
  logger.info('setup submitted', { ...result.Data, physicalResourceId: result.PhysicalResourceId });
  return result;
}

/**
 * `isComplete` Lambda handler of the setup custom resource; see `isSetupComplete`.
 *
 * @example
 * ```ts
 * new cr.Provider(this, 'Setup', { onEventHandler, isCompleteHandler });
 * ```
 */
export async function isComplete(event: SetupResourceEvent): Promise<SetupIsCompleteResult> {
  try {
    const result = await isSetupComplete(event, dataApiFor);
    logger.info('setup status', { isComplete: result.IsComplete, statementId: event.Data?.StatementId });
    return result;
  } catch (error) {
    logger.error('setup failed', error instanceof Error ? error : String(error));
    throw error;
  }
}
