import {
  BatchExecuteStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataServiceException,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  batchExecuted,
  batchId,
  createTestRedshiftData,
  executed,
  mockRedshiftDataClient,
  statementId,
} from './__fixtures__/mocked-redshift-data';
import { InvalidParameterError, RedshiftDataServiceError } from './errors';
import type { RedshiftData } from './redshift-data';
import { sql } from './sql';

describe('RedshiftData', () => {
  const mock = mockRedshiftDataClient();
  let data: RedshiftData;

  beforeEach(() => {
    data = createTestRedshiftData();
  });

  describe('execute', () => {
    it('sends the SQL, connection fields and every option, and returns the handle', async () => {
      mock.on(ExecuteStatementCommand).resolves({ ...executed, SessionId: 'session-1' });
      const handle = await data.execute('call run_elt_process()', {
        statementName: 'nightly/2024-01-02',
        withEvent: true,
        clientToken: 'token-1',
        resultFormat: 'CSV',
        sessionKeepAliveSeconds: 300,
        parameters: { day: new Date(Date.UTC(2024, 0, 2)) },
      });
      expect(handle).toEqual({ id: statementId, sessionId: 'session-1', createdAt: new Date(1700000000123) });
      expect(mock.commandCalls(ExecuteStatementCommand)[0]?.args[0].input).toEqual({
        ClusterIdentifier: 'redshift-cluster-1',
        Database: 'dev',
        DbUser: 'etl',
        Sql: 'call run_elt_process()',
        StatementName: 'nightly/2024-01-02',
        WithEvent: true,
        ClientToken: 'token-1',
        ResultFormat: 'CSV',
        SessionKeepAliveSeconds: 300,
        Parameters: [{ name: 'day', value: '2024-01-02 00:00:00.000+00' }],
      });
    });

    it('sends a sql`…` statement with its parameters merged with named ones', async () => {
      mock.on(ExecuteStatementCommand).resolves(executed);
      await data.execute(sql`select * from trips where vendor_id = ${2} and day = :day`, {
        parameters: { day: '2024-01-02' },
      });
      const input = mock.commandCalls(ExecuteStatementCommand)[0]?.args[0].input;
      expect(input?.Sql).toBe('select * from trips where vendor_id = :p1 and day = :day');
      expect(input?.Parameters).toEqual([
        { name: 'p1', value: '2' },
        { name: 'day', value: '2024-01-02' },
      ]);
    });

    it('reuses a session by id without sending the connection fields', async () => {
      mock.on(ExecuteStatementCommand).resolves({ ...executed, SessionId: 'session-1' });
      await data.execute('select 1', { sessionId: 'session-1' });
      expect(mock.commandCalls(ExecuteStatementCommand)[0]?.args[0].input).toEqual({
        Sql: 'select 1',
        SessionId: 'session-1',
      });
    });

    it.each([
      ['an empty SQL text', '  ', {}, /SQL statement 1 is empty/],
      [
        'a keep-alive above 86400 s',
        'select 1',
        { sessionKeepAliveSeconds: 86_401 },
        /sessionKeepAliveSeconds is 86401/,
      ],
      ['a fractional keep-alive', 'select 1', { sessionKeepAliveSeconds: 1.5 }, /whole number of seconds/],
      ['an unknown result format', 'select 1', { resultFormat: 'XML' }, /resultFormat is "XML"/],
      ['an empty statement name', 'select 1', { statementName: '' }, /statementName is ""/],
    ])('rejects %s before calling the service', async (_label, text, options, message) => {
      await expect(data.execute(text, options as never)).rejects.toThrow(message);
      expect(mock.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
    });

    it('rejects a parameter the Data API cannot bind', async () => {
      await expect(data.execute('select :a', { parameters: { a: '' } })).rejects.toThrow(
        InvalidParameterError,
      );
    });

    it('wraps an SDK exception with its name, status, cause and isRetryable', async () => {
      const cause = new ValidationException({
        message: 'Sql is too long',
        $metadata: { httpStatusCode: 400 },
      });
      mock.on(ExecuteStatementCommand).rejects(cause);
      const error = await data.execute('select 1').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RedshiftDataServiceError);
      expect(error).toMatchObject({
        code: 'SERVICE_ERROR',
        operation: 'ExecuteStatement',
        serviceCode: 'ValidationException',
        statusCode: 400,
        isRetryable: false,
        cause,
      });
      expect((error as Error).message).toContain('Sql is too long');
    });

    it('marks server faults and throttling as retryable', async () => {
      mock
        .on(ExecuteStatementCommand)
        .rejectsOnce(
          new RedshiftDataServiceException({
            name: 'InternalServerException',
            $fault: 'server',
            $metadata: { httpStatusCode: 500 },
            message: 'boom',
          }),
        )
        .rejectsOnce(
          new RedshiftDataServiceException({
            name: 'ThrottlingException',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
            message: 'Rate exceeded',
          }),
        )
        .rejectsOnce(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      for (const serviceCode of ['InternalServerException', 'ThrottlingException', 'ECONNRESET']) {
        const error = await data.execute('select 1').catch((caught: unknown) => caught);
        expect(error).toMatchObject({ isRetryable: true, serviceCode });
      }
    });
  });

  describe('executeBatch', () => {
    it('sends up to 40 statements with the mode and returns the sub-statement ids', async () => {
      mock.on(BatchExecuteStatementCommand).resolves(batchExecuted);
      const handle = await data.executeBatch(
        ['create temp table t as select 1 as x', sql`select x from t where x = ${1}`],
        {
          mode: 'AUTO_COMMIT',
          statementName: 'batch-1',
        },
      );
      expect(handle).toEqual({
        id: batchId,
        sessionId: '5a254dc6-4fc2-4203-87a8-551155432ee4',
        createdAt: new Date(1700000000500),
        subStatementIds: [`${batchId}:1`, `${batchId}:2`],
      });
      expect(mock.commandCalls(BatchExecuteStatementCommand)[0]?.args[0].input).toEqual({
        ClusterIdentifier: 'redshift-cluster-1',
        Database: 'dev',
        DbUser: 'etl',
        Sqls: ['create temp table t as select 1 as x', 'select x from t where x = :p1'],
        Parameters: [{ name: 'p1', value: '1' }],
        ExecutionMode: 'AUTO_COMMIT',
        StatementName: 'batch-1',
      });
    });

    it.each([
      ['no statements', []],
      ['41 statements', Array.from({ length: 41 }, () => 'select 1')],
    ])('rejects %s', async (_label, statements) => {
      await expect(data.executeBatch(statements)).rejects.toThrow(/a batch needs 1 to 40 SQL statements/);
    });

    it('accepts exactly 40 statements', async () => {
      mock.on(BatchExecuteStatementCommand).resolves(batchExecuted);
      const handle = await data.executeBatch(Array.from({ length: 40 }, () => 'select 1'));
      expect(handle.subStatementIds).toHaveLength(40);
      expect(handle.subStatementIds[39]).toBe(`${batchId}:40`);
    });

    it('rejects one parameter name with two values across statements', async () => {
      await expect(data.executeBatch([sql`select ${1}`, sql`select ${2}`])).rejects.toThrow(
        /parameter "p1" is given twice with different values \("1" and "2"\)/,
      );
    });

    it('rejects an unknown mode', async () => {
      await expect(data.executeBatch(['select 1'], { mode: 'PARALLEL' as never })).rejects.toThrow(
        /mode is "PARALLEL"/,
      );
    });
  });
});
