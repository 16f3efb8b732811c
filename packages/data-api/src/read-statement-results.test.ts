import {
  DescribeStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  batchId,
  createTestRedshiftData,
  csvPage1,
  csvPage2,
  failed,
  fast,
  finished,
  mockRedshiftDataClient,
  page1,
  page2,
  statementId,
  submitted,
} from './__fixtures__/mocked-redshift-data';
import { StatementFailedError } from './errors';
import type { RedshiftData } from './redshift-data';

describe('RedshiftData', () => {
  const mock = mockRedshiftDataClient();
  let data: RedshiftData;

  beforeEach(() => {
    data = createTestRedshiftData();
  });

  describe('results', () => {
    it('reads every page following NextToken and decodes each', async () => {
      mock
        .on(GetStatementResultCommand, { Id: statementId, NextToken: undefined })
        .resolves(page1)
        .on(GetStatementResultCommand, { Id: statementId, NextToken: 'page-2-token' })
        .resolves(page2);
      const pages: Record<string, unknown>[][] = [];
      for await (const rows of data.results(statementId)) pages.push(rows);
      expect(pages.map((rows) => rows.length)).toEqual([2, 1]);
      expect(pages[0]?.[0]).toMatchObject({
        c_int8: 9007199254740991,
        c_bool: true,
        c_numeric: '12345678901.25',
      });
      expect(pages[1]?.[0]).toMatchObject({ c_int2: 0, c_bool: false });
    });

    it('applies per-call decoding options over the client ones', async () => {
      mock.on(GetStatementResultCommand).resolves({ ...page2, NextToken: undefined });
      const rows = await data.collect(statementId, {
        decoding: { int8: 'numberWhenSafe', numeric: 'number' },
      });
      expect(rows[0]).toMatchObject({ c_int8: -9007199254740991, c_numeric: -0.01 });
    });

    it('reads CSV results with GetStatementResultV2, skipping the header line once', async () => {
      mock
        .on(GetStatementResultV2Command, { Id: statementId, NextToken: undefined })
        .resolves(csvPage1)
        .on(GetStatementResultV2Command, { Id: statementId, NextToken: 'csv-page-2' })
        .resolves(csvPage2);
      const rows = await data.collect(statementId, { resultFormat: 'CSV', decoding: { int8: 'bigint' } });
      expect(rows).toEqual([
        {
          trip_id: 1n,
          vendor: 'Creative Mobile, Inc.',
          fare: '12.50',
          paid: true,
          pickup_at: '2024-01-02 03:04:05',
          note: 'said "hi"',
        },
        {
          trip_id: 2n,
          vendor: 'VeriFone',
          fare: '7.00',
          paid: false,
          pickup_at: '2024-01-02 04:00:00',
          note: null,
        },
        {
          trip_id: 9223372036854775807n,
          vendor: 'VeriFone',
          fare: '0.10',
          paid: true,
          pickup_at: '2024-01-03 00:00:00',
          note: '',
        },
      ]);
      expect(mock.commandCalls(GetStatementResultCommand)).toHaveLength(0);
    });

    it('reads the results of a batch sub-statement by its id', async () => {
      mock.on(GetStatementResultCommand, { Id: `${batchId}:2` }).resolves({
        ColumnMetadata: [{ name: 'x', typeName: 'int4' }],
        Records: [[{ longValue: 1 }]],
        TotalNumRows: 1,
        $metadata: {},
      });
      expect(await data.collect(`${batchId}:2`)).toEqual([{ x: 1 }]);
    });

    it('stops reading pages when the signal aborts', async () => {
      mock.on(GetStatementResultCommand).resolves(page1);
      const controller = new AbortController();
      const pages: unknown[] = [];
      const read = async () => {
        for await (const rows of data.results(statementId, { signal: controller.signal })) {
          pages.push(rows);
          controller.abort(new Error('enough'));
        }
      };
      await expect(read()).rejects.toThrow('enough');
      expect(pages).toHaveLength(1);
    });

    it('wraps a service error', async () => {
      mock
        .on(GetStatementResultCommand)
        .rejects(new ValidationException({ message: 'Query does not have result', $metadata: {} }));
      mock.on(DescribeStatementCommand).resolves(finished); // ended with a result set: the refusal stands
      await expect(data.collect(statementId)).rejects.toMatchObject({ operation: 'GetStatementResult' });
      expect(mock.commandCalls(GetStatementResultCommand)).toHaveLength(2);
    });

    it('rejects an unknown result format', async () => {
      await expect(data.collect(statementId, { resultFormat: 'XML' as never })).rejects.toThrow(
        /resultFormat is "XML"/,
      );
    });
  });

  describe('results waits for a statement that has not ended', () => {
    const notFinished = () =>
      new ValidationException({ message: 'Query has not finished yet (status STARTED).', $metadata: {} });
    const noResult = () =>
      new ResourceNotFoundException({
        message: 'Query does not have result. Please check query status with DescribeStatement.',
        Message: 'Query does not have result. Please check query status with DescribeStatement.',
        ResourceId: statementId,
        $metadata: {},
      });

    it('reads a statement that has ended with one call and no DescribeStatement', async () => {
      mock.on(GetStatementResultCommand).resolves({ ...page2, NextToken: undefined });
      expect(await data.collect(statementId)).toHaveLength(1);
      expect(mock.calls()).toHaveLength(1);
    });

    it('waits until the statement finishes, then reads, instead of surfacing the ValidationException', async () => {
      mock
        .on(GetStatementResultCommand)
        .rejectsOnce(notFinished())
        .resolves({ ...page2, NextToken: undefined });
      mock.on(DescribeStatementCommand).resolvesOnce(submitted).resolves(finished);
      const rows = await data.collect(statementId, fast);
      expect(rows).toHaveLength(1);
      const order = mock.calls().map((call) => call.args[0].constructor.name);
      expect(order).toEqual([
        'GetStatementResultCommand',
        'DescribeStatementCommand',
        'DescribeStatementCommand',
        'GetStatementResultCommand',
      ]);
    });

    it('throws StatementFailedError for a failed statement', async () => {
      mock.on(GetStatementResultCommand).rejects(notFinished());
      mock.on(DescribeStatementCommand).resolves(failed);
      await expect(data.collect(statementId, fast)).rejects.toBeInstanceOf(StatementFailedError);
      expect(mock.commandCalls(GetStatementResultCommand)).toHaveLength(1);
    });

    it('surfaces ResourceNotFoundException for an ended statement without a result set, without waiting', async () => {
      mock.on(GetStatementResultCommand).rejects(noResult());
      await expect(data.collect(statementId)).rejects.toMatchObject({
        code: 'SERVICE_ERROR',
        serviceCode: 'ResourceNotFoundException',
      });
      expect(mock.commandCalls(DescribeStatementCommand)).toHaveLength(0);
    });

    it('gives the same ResourceNotFoundException for a statement without a result set that was still running', async () => {
      mock.on(GetStatementResultCommand).rejectsOnce(notFinished()).rejects(noResult());
      mock
        .on(DescribeStatementCommand)
        .resolvesOnce(submitted)
        .resolves({ ...finished, HasResultSet: false });
      await expect(data.collect(statementId, fast)).rejects.toMatchObject({
        serviceCode: 'ResourceNotFoundException',
      });
      expect(mock.commandCalls(GetStatementResultCommand)).toHaveLength(2);
    });

    it('reads in the format the statement ran with when JSON is refused', async () => {
      mock.on(GetStatementResultCommand).rejects(notFinished());
      mock.on(DescribeStatementCommand).resolves({ ...finished, ResultFormat: 'CSV' });
      mock.on(GetStatementResultV2Command).resolves({ ...csvPage2, NextToken: undefined });
      expect(await data.collect(statementId, { decoding: { int8: 'bigint' } })).toHaveLength(1);
      expect(mock.commandCalls(GetStatementResultV2Command)).toHaveLength(1);
    });

    it('surfaces the service refusal as it is with wait: false', async () => {
      mock.on(GetStatementResultCommand).rejects(notFinished());
      await expect(data.collect(statementId, { wait: false })).rejects.toMatchObject({
        code: 'SERVICE_ERROR',
        serviceCode: 'ValidationException',
      });
      expect(mock.commandCalls(DescribeStatementCommand)).toHaveLength(0);
    });
  });
});
