import { Logger } from '@aws-lambda-powertools/logger';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { SNSClient } from '@aws-sdk/client-sns';
import { RedshiftData } from '@shiftflow/data-api';
import { MemoryLedger } from '../memory-ledger';
import type { NotifierDependencies } from '../notifier-dependencies';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Dependencies for unit tests: real SDK clients (mock them with aws-sdk-client-mock), a memory ledger, a silent logger, a fixed clock. */
export function createTestDependencies(overrides: Partial<NotifierDependencies> = {}): NotifierDependencies {
  const now = () => new Date('2026-11-30T16:10:00Z');
  return {
    pipelineName: 'nyc-taxi',
    region: 'us-east-1',
    target: { type: 'serverless', workgroupName: 'etl-wg', database: 'dev' },
    topicArn: 'arn:aws:sns:us-east-1:123456789012:shiftflow-nyc-taxi',
    dataApi: new RedshiftData({
      client: new RedshiftDataClient({ region: 'us-east-1', credentials }),
      target: { workgroupName: 'etl-wg', database: 'dev' },
    }),
    sns: new SNSClient({ region: 'us-east-1', credentials }),
    ledger: new MemoryLedger({ now }),
    logger: new Logger({ serviceName: 'shiftflow-notifier-test', logLevel: 'SILENT' }),
    now,
    ...overrides,
  };
}
