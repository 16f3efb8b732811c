import { Logger } from '@aws-lambda-powertools/logger';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import type { PipelineTarget } from '@shiftflow/events';
import { dataApiTargetOf } from '@shiftflow/events';
import {
  isSetupComplete,
  onSetupEvent,
  type SetupIsCompleteResult,
  type SetupOnEventResult,
  type SetupResourceEvent,
} from './setup-custom-resource';

let shared: { client: RedshiftDataClient; logger: Logger } | undefined;

/** Builds the SDK client and logger once per Lambda instance, on first use. */
function sharedOf(): { client: RedshiftDataClient; logger: Logger } {
  shared ??= {
    client: new RedshiftDataClient({}),
    logger: new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'shiftflow-setup' }),
  };
  return shared;
}

const dataApiFor = (target: PipelineTarget) =>
  new RedshiftData({ client: sharedOf().client, target: dataApiTargetOf(target) });

/**
 * `onEvent` Lambda handler of the setup custom resource (`cr.Provider`); see `onSetupEvent`.
 *
 * @example
 * ```ts
 * new cr.Provider(this, 'Setup', { onEventHandler, isCompleteHandler, queryInterval: Duration.seconds(10) });
 * ```
 */
export async function onEvent(event: SetupResourceEvent): Promise<SetupOnEventResult> {
  const { logger } = sharedOf();
  logger.info('setup event', {
    requestType: event.RequestType,
    physicalResourceId: event.PhysicalResourceId,
  });
  const result = await onSetupEvent(event, dataApiFor, (message) => logger.info(message));
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
  const { logger } = sharedOf();
  try {
    const result = await isSetupComplete(event, dataApiFor);
    logger.info('setup status', { isComplete: result.IsComplete, statementId: event.Data?.StatementId });
    return result;
  } catch (error) {
    logger.error('setup failed', error instanceof Error ? error : String(error));
    throw error;
  }
}
