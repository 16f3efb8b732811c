import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { StatementDescription } from '@shiftflow/data-api';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDependencies } from './__fixtures__/create-test-dependencies';
import { NotifierConfigurationError } from './errors';
import { rowsLoadedFromRunLog } from './rows-loaded-from-run-log';

const queryId = 'bbbbbbbb-2222-4222-8222-000000000001';
const runDescription = {
  id: 'run',
  createdAt: new Date('2026-11-30T16:00:01Z'),
  updatedAt: new Date('2026-11-30T16:04:26Z'),
} as StatementDescription;

function logRow(rowsLoaded: number, loadedAt: string) {
  return {
    ColumnMetadata: [
      { name: 'rows_loaded', label: 'rows_loaded', typeName: 'int8' },
      { name: 'loaded_at', label: 'loaded_at', typeName: 'timestamp' },
    ],
    Records: [[{ longValue: rowsLoaded }, { stringValue: loadedAt }]],
    TotalNumRows: 1,
  };
}

describe('rowsLoadedFromRunLog', () => {
  const redshiftData = mockClient(RedshiftDataClient);

  beforeEach(() => {
    redshiftData.reset();
    redshiftData.on(ExecuteStatementCommand).resolves({ Id: queryId });
    redshiftData
      .on(DescribeStatementCommand)
      .resolves({ Id: queryId, Status: 'FINISHED', HasResultSet: true });
  });

  it('reads the newest elt_run_log row of the table, by parameter', async () => {
    redshiftData.on(GetStatementResultCommand).resolves(logRow(1_234_567, '2026-11-30 16:04:20'));
    const { dataApi } = createTestDependencies();

    const rows = await rowsLoadedFromRunLog()({ statementId: 'run', description: runDescription, dataApi });

    expect(rows).toBe(1_234_567);
    const input = redshiftData.commandCalls(ExecuteStatementCommand)[0]?.args[0].input;
    expect(input?.Sql).toBe(
      'SELECT rows_loaded, loaded_at FROM elt_run_log WHERE table_name = :table_name ORDER BY loaded_at DESC LIMIT 1',
    );
    expect(input?.Parameters).toEqual([{ name: 'table_name', value: 'nyc_yellow_taxi' }]);
  });

  it('answers unknown when the newest row is older than the statement (an earlier run)', async () => {
    redshiftData.on(GetStatementResultCommand).resolves(logRow(99, '2026-11-29 16:04:20'));
    const { dataApi } = createTestDependencies();

    expect(
      await rowsLoadedFromRunLog()({ statementId: 'run', description: runDescription, dataApi }),
    ).toBeUndefined();
  });

  it('answers unknown when the newest row is newer than the statement (a later run, seen by the reconciler)', async () => {
    redshiftData.on(GetStatementResultCommand).resolves(logRow(77, '2026-11-30 18:04:20'));
    const { dataApi } = createTestDependencies();

    expect(
      await rowsLoadedFromRunLog()({ statementId: 'run', description: runDescription, dataApi }),
    ).toBeUndefined();
  });

  it('refuses a log table that is not a plain identifier', () => {
    expect(() => rowsLoadedFromRunLog({ logTable: 'elt_run_log; drop table x' })).toThrow(
      NotifierConfigurationError,
    );
  });
});
