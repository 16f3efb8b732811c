import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  RedshiftDataClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-redshift-data';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  batchFinished,
  batchId,
  cluster,
  createTestRedshiftData,
  csvPage2,
  executed,
  failed,
  fast,
  finished,
  mockRedshiftDataClient,
  page1,
  page2,
  started,
  statementId,
} from './__fixtures__/mocked-redshift-data';
import { InvalidOptionError, InvalidTargetError, StatementFailedError } from './errors';
import { RedshiftData } from './redshift-data';
import { sql } from './sql';

describe('RedshiftData', () => {
  const mock = mockRedshiftDataClient();
  let data: RedshiftData;

  beforeEach(() => {
    data = createTestRedshiftData();
  });

  describe('constructor', () => {
    it('rejects a bad target at creation with InvalidTargetError', () => {
      // A cluster with neither dbUser nor secretArn is valid since b5ee438 (the caller's IAM identity).
      expect(
        () =>
          new RedshiftData({
            target: { clusterIdentifier: 'c1', workgroupName: 'wg', database: 'dev' } as never,
          }),
      ).toThrow(InvalidTargetError);
    });

    it('rejects both client and clientConfig', () => {
      const options = { client: new RedshiftDataClient({}), clientConfig: {}, target: cluster } as never;
      expect(() => new RedshiftData(options)).toThrow(/either client or clientConfig, not both/);
    });

    it('rejects missing options and bad decoding options', () => {
      expect(() => new RedshiftData(undefined as never)).toThrow(InvalidOptionError);
      expect(() => new RedshiftData({ target: cluster, decoding: { numeric: 'float' as never } })).toThrow(
        /decoding.numeric/,
      );
    });

    it('builds its own client from clientConfig, keeping retry settings', async () => {
      const own = new RedshiftData({
        clientConfig: { region: 'eu-west-1', maxAttempts: 7, retryMode: 'adaptive' },
        target: { workgroupName: 'wg', database: 'dev' },
      });
      expect(await own.client.config.region()).toBe('eu-west-1');
      expect(await own.client.config.maxAttempts()).toBe(7);
      expect((await own.client.config.retryStrategy()).constructor.name).toBe('AdaptiveRetryStrategy');
      expect(own.connection).toEqual({ WorkgroupName: 'wg', Database: 'dev' });
    });
  });

  describe('describe', () => {
    it('reports duration in ms, rows, and −1 values as absent', async () => {
      mock.on(DescribeStatementCommand).resolvesOnce(finished).resolvesOnce(started);
      const done = await data.describe(statementId);
      expect(done).toMatchObject({
        id: statementId,
        status: 'FINISHED',
        durationMs: 1234.56789,
        resultRows: 3,
        hasResultSet: true,
        resultFormat: 'JSON',
        createdAt: new Date(1700000000123),
        updatedAt: new Date(1700000001500),
        queryString: 'select * from trips where vendor_id = :p1',
        subStatements: [],
      });
      expect(done.raw.RedshiftQueryId).toBe(9841);
      const running = await data.describe(statementId);
      expect(running.status).toBe('STARTED');
      expect('durationMs' in running).toBe(false);
      expect('resultRows' in running).toBe(false);
    });

    it('describes the sub-statements of a batch', async () => {
      mock.on(DescribeStatementCommand).resolves(batchFinished);
      const description = await data.describe(batchId);
      expect(description.sessionId).toBe('5a254dc6-4fc2-4203-87a8-551155432ee4');
      expect(description.subStatements).toEqual([
        {
          id: `${batchId}:1`,
          status: 'FINISHED',
          durationMs: 1500,
          createdAt: new Date(1700000000500),
          updatedAt: new Date(1700000002000),
          queryString: 'create temp table t as select 1 as x',
          resultRows: 1,
          hasResultSet: false,
        },
        {
          id: `${batchId}:2`,
          status: 'FINISHED',
          durationMs: 500,
          createdAt: new Date(1700000000500),
          updatedAt: new Date(1700000002500),
          queryString: 'select x from t',
          resultRows: 1,
          hasResultSet: true,
        },
      ]);
    });

    it('wraps ResourceNotFoundException', async () => {
      mock.on(DescribeStatementCommand).rejects(
        new ResourceNotFoundException({
          message: 'Query does not exist',
          Message: 'Query does not exist',
          ResourceId: 'x',
          $metadata: { httpStatusCode: 404 },
        }),
      );
      await expect(data.describe('x')).rejects.toMatchObject({
        serviceCode: 'ResourceNotFoundException',
        statusCode: 404,
        operation: 'DescribeStatement',
      });
    });

    it('rejects an empty id', async () => {
      await expect(data.describe('')).rejects.toThrow(/statement id is ""/);
    });
  });

  describe('query', () => {
    it('executes, waits and returns all decoded rows', async () => {
      mock.on(ExecuteStatementCommand).resolves(executed);
      mock.on(DescribeStatementCommand).resolvesOnce(started).resolves(finished);
      mock
        .on(GetStatementResultCommand, { Id: statementId, NextToken: undefined })
        .resolves(page1)
        .on(GetStatementResultCommand, { Id: statementId, NextToken: 'page-2-token' })
        .resolves(page2);
      const rows = await data.query(sql`select * from all_types where c_int4 > ${0}`, fast);
      expect(rows).toHaveLength(3);
      expect(rows[2]).toMatchObject({ c_varchar: '', c_super: [true, 1.5, 'x'] });
      expect(mock.commandCalls(ExecuteStatementCommand)[0]?.args[0].input.Parameters).toEqual([
        { name: 'p1', value: '0' },
      ]);
    });

    it('returns [] for a statement without a result set, without fetching results', async () => {
      mock.on(ExecuteStatementCommand).resolves(executed);
      mock.on(DescribeStatementCommand).resolves({ ...finished, HasResultSet: false });
      expect(await data.query('delete from trips', fast)).toEqual([]);
      expect(mock.commandCalls(GetStatementResultCommand)).toHaveLength(0);
    });

    it('reads CSV when run with resultFormat CSV', async () => {
      mock.on(ExecuteStatementCommand).resolves(executed);
      mock.on(DescribeStatementCommand).resolves({ ...finished, ResultFormat: 'CSV' });
      mock.on(GetStatementResultV2Command).resolves({ ...csvPage2 });
      const rows = await data.query('select * from trips', {
        ...fast,
        resultFormat: 'CSV',
        decoding: { int8: 'bigint' }, // exact through CSV
      });
      expect(rows).toEqual([
        {
          trip_id: 9223372036854775807n,
          vendor: 'VeriFone',
          fare: '0.10',
          paid: true,
          pickup_at: '2024-01-03 00:00:00',
          note: '',
        },
      ]);
    });

    it('throws StatementFailedError when the statement fails', async () => {
      mock.on(ExecuteStatementCommand).resolves(executed);
      mock.on(DescribeStatementCommand).resolves(failed);
      await expect(data.query('select * from missing_table', fast)).rejects.toBeInstanceOf(
        StatementFailedError,
      );
    });
  });
});
