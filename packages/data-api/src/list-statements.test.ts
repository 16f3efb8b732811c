import { ListStatementsCommand } from '@aws-sdk/client-redshift-data';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createTestRedshiftData,
  listPage1,
  listPage2,
  mockRedshiftDataClient,
} from './__fixtures__/mocked-redshift-data';
import type { RedshiftData } from './redshift-data';

describe('RedshiftData', () => {
  const mock = mockRedshiftDataClient();
  let data: RedshiftData;

  beforeEach(() => {
    data = createTestRedshiftData();
  });

  describe('listStatements', () => {
    it('follows NextToken across pages with the prefix and status filters', async () => {
      mock
        .on(ListStatementsCommand, { NextToken: undefined })
        .resolves(listPage1)
        .on(ListStatementsCommand, { NextToken: 'list-page-2' })
        .resolves(listPage2);
      const statements = [];
      for await (const statement of data.listStatements({ statementNamePrefix: 'nightly/', status: 'ALL' })) {
        statements.push(statement);
      }
      expect(statements.map((statement) => [statement.id.slice(0, 8), statement.status])).toEqual([
        ['00000001', 'STARTED'],
        ['00000002', 'FINISHED'],
        ['00000003', 'FAILED'],
      ]);
      expect(statements[2]).toMatchObject({
        isBatchStatement: true,
        queryStrings: ['truncate trips', 'CALL run_elt_process();'],
      });
      expect(statements[0]).toMatchObject({
        statementName: 'nightly/2024-01-03T00:00:00Z',
        createdAt: new Date(1704240000000),
        resultFormat: 'JSON',
      });
      expect(mock.commandCalls(ListStatementsCommand)[0]?.args[0].input).toEqual({
        MaxResults: 100,
        StatementName: 'nightly/',
        Status: 'ALL',
      });
    });

    it('stops after maxResults without fetching more pages', async () => {
      mock.on(ListStatementsCommand).resolves(listPage1);
      const ids = [];
      for await (const statement of data.listStatements({ maxResults: 1, status: 'STARTED' }))
        ids.push(statement.id);
      expect(ids).toHaveLength(1);
      const calls = mock.commandCalls(ListStatementsCommand);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.args[0].input).toMatchObject({ MaxResults: 1, Status: 'STARTED' });
    });

    it('stops at an empty NextToken', async () => {
      mock.on(ListStatementsCommand).resolves({ ...listPage2, NextToken: '' });
      let count = 0;
      for await (const _statement of data.listStatements()) count++;
      expect(count).toBe(1);
      expect(mock.commandCalls(ListStatementsCommand)).toHaveLength(1);
    });

    it('rejects maxResults below 1', async () => {
      await expect(data.listStatements({ maxResults: 0 }).next()).rejects.toThrow(/maxResults is 0/);
    });
  });
});
