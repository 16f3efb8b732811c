/**
 * What the notifier's tests against the local Redshift share: a Data API client for the local
 * endpoint, running SQL the way the runner does, the Lambda environment the notifier reads, and
 * notifier dependencies with a silent logger.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { notifierEnvironment, type PipelineConfig } from '@shiftflow/events';
import type { LocalRedshift } from '@shiftflow/redshift-local';
import { vi } from 'vitest';
import { createNotifierDependencies } from '../../src/create-notifier-dependencies';
import type { NotifierDependencies } from '../../src/notifier-dependencies';
import { recordStartedRun } from '../../src/record-started-run';

/** The run log the pipeline's procedure writes (sql/setup/003_elt_run_log.sql), as plain DDL. */
export const createRunLogTableSql =
  'CREATE TABLE IF NOT EXISTS elt_run_log (table_name VARCHAR(127) NOT NULL, rows_loaded BIGINT NOT NULL, loaded_at TIMESTAMP NOT NULL)';

/** A Data API client for the local endpoint with the dummy credentials it knows. */
export function localDataClient(redshift: LocalRedshift): RedshiftDataClient {
  return new RedshiftDataClient({
    endpoint: redshift.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** Runs SQL the way the runner does (ExecuteStatement, WithEvent, StatementName) and waits for its end. */
export async function runStatement(
  client: RedshiftDataClient,
  sql: string,
  statementName?: string,
): Promise<string> {
  const { Id } = await client.send(
    new ExecuteStatementCommand({
      WorkgroupName: 'local',
      Database: 'dev',
      Sql: sql,
      WithEvent: true,
      StatementName: statementName,
    }),
  );
  if (!Id) throw new Error('ExecuteStatement returned no Id');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { Status } = await client.send(new DescribeStatementCommand({ Id, WaitTimeSeconds: 5 }));
    if (Status === 'FINISHED' || Status === 'FAILED' || Status === 'ABORTED') return Id;
  }
  throw new Error(`statement ${Id} did not end`);
}

/** Stubs what the notifier's Lambda environment holds: the pipeline's variables plus the local endpoints. */
export function stubNotifierEnvironment(options: {
  redshift: LocalRedshift;
  snsEndpoint: string;
  config: PipelineConfig;
  topicArn: string;
  ledgerPath: string;
}): void {
  const environment = {
    ...options.redshift.environment,
    ...notifierEnvironment(options.config, {
      topicArn: options.topicArn,
      ledger: { type: 'file', path: options.ledgerPath },
    }),
    AWS_ENDPOINT_URL_SNS: options.snsEndpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
}

/** The notifier's dependencies from the stubbed environment, logging nothing. */
export function silentNotifierDependencies(serviceName: string): NotifierDependencies {
  const { dependencies } = createNotifierDependencies(process.env, {
    logger: new Logger({ serviceName, logLevel: 'SILENT' }),
  });
  return dependencies;
}

/**
 * Records a started run in the stubbed environment's ledger the way the deployed pipeline does:
 * the runner's on-success destination record handed to the reconciler. The reconciler only sees
 * runs recorded so.
 */
export async function recordRunStarted(statementId: string, statementName: string): Promise<void> {
  const [pipelineName] = statementName.split('/');
  await recordStartedRun(
    {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: { requestId: statementId, condition: 'Success', approximateInvokeCount: 1 },
      responsePayload: { status: 'started', pipelineName, runId: statementName, statementId },
    },
    silentNotifierDependencies('shiftflow-run-recorder-test'),
  );
}
