import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { SNSClient } from '@aws-sdk/client-sns';
import { RedshiftData } from '@shiftflow/data-api';
import {
  dataApiTargetOf,
  type EnvironmentVariables,
  EventParseError,
  type NotifierSettings,
  parseNotifierEnvironment,
} from '@shiftflow/events';
import { DynamoDbLedger } from './dynamodb-ledger';
import { NotifierConfigurationError } from './errors';
import { FileLedger } from './file-ledger';
import type { Ledger } from './ledger';
import { MemoryLedger } from './memory-ledger';
import type { NotifierDependencies } from './notifier-dependencies';

/**
 * Builds the notifier's dependencies from Lambda environment variables (the ones
 * `notifierEnvironment()` of @shiftflow/events writes, plus `AWS_REGION`). AWS SDK clients pick
 * their endpoints from the usual variables, e.g. `AWS_ENDPOINT_URL_REDSHIFT_DATA`,
 * `AWS_ENDPOINT_URL_SNS`, `AWS_ENDPOINT_URL_DYNAMODB`.
 *
 * @throws NotifierConfigurationError naming every bad or missing variable.
 * @example
 * ```ts
 * const { dependencies, settings } = createNotifierDependencies(process.env);
 * ```
 */
export function createNotifierDependencies(
  environment: EnvironmentVariables,
  overrides: Partial<NotifierDependencies> = {},
): { dependencies: NotifierDependencies; settings: NotifierSettings } {
  let settings: NotifierSettings;
  try {
    settings = parseNotifierEnvironment(environment);
  } catch (error) {
    if (error instanceof EventParseError) {
      throw new NotifierConfigurationError('environment', undefined, `is invalid: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
  const region = environment.AWS_REGION ?? environment.AWS_DEFAULT_REGION;
  if (region === undefined || region === '') {
    throw new NotifierConfigurationError(
      'AWS_REGION',
      region,
      'is required (Lambda sets it; set it for local runs)',
    );
  }
  const logger =
    overrides.logger ??
    new Logger({ serviceName: environment.POWERTOOLS_SERVICE_NAME ?? 'shiftflow-notifier' });
  logger.appendKeys({ pipeline: settings.pipelineName });
  const dependencies: NotifierDependencies = {
    pipelineName: settings.pipelineName,
    region,
    target: settings.target,
    topicArn: settings.topicArn,
    dataApi:
      overrides.dataApi ??
      new RedshiftData({
        client: new RedshiftDataClient({ region }),
        target: dataApiTargetOf(settings.target),
      }),
    sns: overrides.sns ?? new SNSClient({ region }),
    ledger: overrides.ledger ?? ledgerFor(settings, region),
    logger,
    ...(overrides.loadErrors === undefined ? {} : { loadErrors: overrides.loadErrors }),
    ...(overrides.now === undefined ? {} : { now: overrides.now }),
  };
  return { dependencies, settings };
}

function ledgerFor(settings: NotifierSettings, region: string): Ledger {
  switch (settings.ledger.type) {
    case 'dynamodb':
      return new DynamoDbLedger({
        client: new DynamoDBClient({ region }),
        tableName: settings.ledger.tableName,
      });
    case 'file':
      return new FileLedger({ directory: settings.ledger.path });
    case 'memory':
      return new MemoryLedger();
  }
}
