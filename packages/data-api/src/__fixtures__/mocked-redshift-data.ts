import {
  type BatchExecuteStatementCommandOutput,
  type DescribeStatementCommandOutput,
  type ExecuteStatementCommandOutput,
  type GetStatementResultCommandOutput,
  type GetStatementResultV2CommandOutput,
  type ListStatementsCommandOutput,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach } from 'vitest';
import { RedshiftData } from '../redshift-data';
import { fixture } from './fixture';

// The ids, target and recorded Data API responses the RedshiftData tests share.
export const statementId = 'd9b6c0c9-0747-4bf4-b142-e8883122f766';
export const batchId = 'a1b2c3d4-0747-4bf4-b142-e8883122f766';
export const cluster = { clusterIdentifier: 'redshift-cluster-1', database: 'dev', dbUser: 'etl' };

export const executed = fixture<ExecuteStatementCommandOutput>('execute-statement');
export const batchExecuted = fixture<BatchExecuteStatementCommandOutput>('batch-execute-statement');
export const submitted = fixture<DescribeStatementCommandOutput>('describe-statement-submitted');
export const started = fixture<DescribeStatementCommandOutput>('describe-statement-started');
export const finished = fixture<DescribeStatementCommandOutput>('describe-statement-finished');
export const failed = fixture<DescribeStatementCommandOutput>('describe-statement-failed');
export const aborted = fixture<DescribeStatementCommandOutput>('describe-statement-aborted');
export const batchFinished = fixture<DescribeStatementCommandOutput>('describe-statement-batch-finished');
export const batchFailed = fixture<DescribeStatementCommandOutput>('describe-statement-batch-failed');
export const page1 = fixture<GetStatementResultCommandOutput>('get-statement-result-all-types-page-1');
export const page2 = fixture<GetStatementResultCommandOutput>('get-statement-result-all-types-page-2');
export const csvPage1 = fixture<GetStatementResultV2CommandOutput>('get-statement-result-v2-csv-page-1');
export const csvPage2 = fixture<GetStatementResultV2CommandOutput>('get-statement-result-v2-csv-page-2');
export const listPage1 = fixture<ListStatementsCommandOutput>('list-statements-page-1');
export const listPage2 = fixture<ListStatementsCommandOutput>('list-statements-page-2');

export const fast = { initialDelayMs: 1, maxDelayMs: 4, longPollSeconds: 0 };

/** Mocks every RedshiftDataClient in the calling test file, reset before and after each test. */
export function mockRedshiftDataClient() {
  const mock = mockClient(RedshiftDataClient);
  beforeEach(() => {
    mock.reset();
  });
  afterEach(() => {
    mock.reset();
  });
  return mock;
}

/** A RedshiftData for the test cluster on a fresh (mocked) SDK client. */
export function createTestRedshiftData(): RedshiftData {
  return new RedshiftData({ client: new RedshiftDataClient({ region: 'us-east-1' }), target: cluster });
}
