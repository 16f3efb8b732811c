import {
  BatchExecuteStatementCommand,
  type BatchExecuteStatementCommandOutput,
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  type ExecuteStatementCommandOutput,
  GetStatementResultCommand,
  type GetStatementResultCommandOutput,
  GetStatementResultV2Command,
  type GetStatementResultV2CommandOutput,
  ListStatementsCommand,
  type ListStatementsCommandOutput,
  RedshiftDataClient,
  RedshiftDataServiceException,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from './__fixtures__/fixture';
import {
  InvalidOptionError,
  InvalidParameterError,
  InvalidTargetError,
  RedshiftDataServiceError,
  StatementAbortedError,
  StatementFailedError,
  StatementTimeoutError,
  WaitAbortedError,
} from './errors';
import { RedshiftData } from './redshift-data';
import { sql } from './sql';

const statementId = 'd9b6c0c9-0747-4bf4-b142-e8883122f766';
const batchId = 'a1b2c3d4-0747-4bf4-b142-e8883122f766';
const cluster = { clusterIdentifier: 'redshift-cluster-1', database: 'dev', dbUser: 'etl' };

const executed = fixture<ExecuteStatementCommandOutput>('execute-statement');
const batchExecuted = fixture<BatchExecuteStatementCommandOutput>('batch-execute-statement');
const submitted = fixture<DescribeStatementCommandOutput>('describe-statement-submitted');
const started = fixture<DescribeStatementCommandOutput>('describe-statement-started');
const finished = fixture<DescribeStatementCommandOutput>('describe-statement-finished');
const failed = fixture<DescribeStatementCommandOutput>('describe-statement-failed');
const aborted = fixture<DescribeStatementCommandOutput>('describe-statement-aborted');
const batchFinished = fixture<DescribeStatementCommandOutput>('describe-statement-batch-finished');
const batchFailed = fixture<DescribeStatementCommandOutput>('describe-statement-batch-failed');
const page1 = fixture<GetStatementResultCommandOutput>('get-statement-result-all-types-page-1');
const page2 = fixture<GetStatementResultCommandOutput>('get-statement-result-all-types-page-2');
const csvPage1 = fixture<GetStatementResultV2CommandOutput>('get-statement-result-v2-csv-page-1');
const csvPage2 = fixture<GetStatementResultV2CommandOutput>('get-statement-result-v2-csv-page-2');
const listPage1 = fixture<ListStatementsCommandOutput>('list-statements-page-1');
const listPage2 = fixture<ListStatementsCommandOutput>('list-statements-page-2');

const fast = { initialDelayMs: 1, maxDelayMs: 4, longPollSeconds: 0 };

describe('RedshiftData', () => {
  const mock = mockClient(RedshiftDataClient);
  let data: RedshiftData;

  beforeEach(() => {
    mock.reset();
    data = new RedshiftData({ client: new RedshiftDataClient({ region: 'us-east-1' }), target: cluster });
  });

  afterEach(() => {
    mock.reset();
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

  describe('wait', () => {
    it('polls through SUBMITTED and STARTED and resolves on FINISHED', async () => {
      mock.on(DescribeStatementCommand).resolvesOnce(submitted).resolvesOnce(started).resolves(finished);
      const description = await data.wait(statementId, fast);
      expect(description.status).toBe('FINISHED');
      expect(mock.commandCalls(DescribeStatementCommand)).toHaveLength(3);
    });

    it('long-polls with WaitTimeSeconds, bounded by the time left', async () => {
      mock.on(DescribeStatementCommand).resolvesOnce(started).resolves(finished);
      await data.wait(statementId, { longPollSeconds: 20, timeoutMs: 5_500, initialDelayMs: 1 });
      const calls = mock.commandCalls(DescribeStatementCommand);
      expect(calls[0]?.args[0].input).toEqual({ Id: statementId, WaitTimeSeconds: 5 });
      expect(calls[1]?.args[0].input.WaitTimeSeconds).toBeLessThanOrEqual(5);
    });

    it('long-polls 20 s by default without a timeout', async () => {
      mock.on(DescribeStatementCommand).resolves(finished);
      await data.wait(statementId);
      expect(mock.commandCalls(DescribeStatementCommand)[0]?.args[0].input).toEqual({
        Id: statementId,
        WaitTimeSeconds: 20,
      });
    });

    it('falls back to plain polling when the service rejects WaitTimeSeconds', async () => {
      mock
        .on(DescribeStatementCommand, { Id: statementId, WaitTimeSeconds: 20 })
        .rejects(new ValidationException({ message: 'Unknown parameter WaitTimeSeconds', $metadata: {} }))
        .on(DescribeStatementCommand, { Id: statementId, WaitTimeSeconds: undefined })
        .resolves(finished);
      await data.wait(statementId, { initialDelayMs: 1 });
      await data.wait(statementId, { initialDelayMs: 1 });
      const inputs = mock
        .commandCalls(DescribeStatementCommand)
        .map((call) => call.args[0].input.WaitTimeSeconds);
      expect(inputs).toEqual([20, undefined, undefined]);
    });

    it('backs off exponentially between polls that return at once, up to maxDelayMs', async () => {
      // Jitter at its top (the whole pause): pauses of 40, 80, then capped at 80 ms.
      vi.spyOn(Math, 'random').mockReturnValue(1);
      const times: number[] = [];
      mock.on(DescribeStatementCommand).callsFake(() => {
        times.push(performance.now());
        return times.length < 9 ? started : finished;
      });
      try {
        await data.wait(statementId, { longPollSeconds: 0, initialDelayMs: 40, maxDelayMs: 80 });
      } finally {
        vi.restoreAllMocks();
      }
      const gaps = times.slice(1).map((time, index) => time - times[index]!);
      // Gaps are measured where the mock is called, after the SDK's middleware, whose latency grows
      // on a loaded machine: lower bounds keep 15 ms of margin below each pause, and the upper bound
      // is an order of magnitude. Without doubling the second gap would be about 40 ms; uncapped, the
      // eighth would be 5,120 ms.
      expect(gaps).toHaveLength(8);
      expect(gaps[0]).toBeGreaterThanOrEqual(25);
      expect(gaps[1]).toBeGreaterThanOrEqual(65);
      expect(gaps[7]).toBeGreaterThanOrEqual(65);
      expect(gaps[7]).toBeLessThan(2_000);
    });

    it('never pauses longer than maxDelayMs, even when initialDelayMs is larger', async () => {
      mock.on(DescribeStatementCommand).resolvesOnce(started).resolvesOnce(started).resolves(finished);
      const startedAt = performance.now();
      await data.wait(statementId, { longPollSeconds: 0, initialDelayMs: 60_000, maxDelayMs: 20 });
      // Uncapped, the first pause alone would be 30–60 s.
      expect(performance.now() - startedAt).toBeLessThan(5_000);
      expect(mock.commandCalls(DescribeStatementCommand)).toHaveLength(3);
    });

    it('backs off from initialDelayMs 0 instead of polling in a hot loop', async () => {
      vi.spyOn(Math, 'random').mockReturnValue(1);
      const times: number[] = [];
      mock.on(DescribeStatementCommand).callsFake(() => {
        times.push(performance.now());
        return times.length < 8 ? started : finished;
      });
      try {
        await data.wait(statementId, { longPollSeconds: 0, initialDelayMs: 0, maxDelayMs: 8 });
      } finally {
        vi.restoreAllMocks();
      }
      // Pauses 0, 1, 2, 4, 8, 8, 8 ms: at least 31 ms from the first poll to the last.
      expect(times).toHaveLength(8);
      expect(times[7]! - times[0]!).toBeGreaterThanOrEqual(25);
    });

    it('checks the status once before timing out, so timeoutMs 0 still sees a FINISHED statement', async () => {
      mock.on(DescribeStatementCommand).resolves(finished);
      const description = await data.wait(statementId, { timeoutMs: 0 });
      expect(description.status).toBe('FINISHED');
      expect(mock.commandCalls(DescribeStatementCommand)[0]?.args[0].input).toEqual({ Id: statementId });
    });

    it('throws StatementFailedError with the id, SQL and the service error text on FAILED', async () => {
      mock.on(DescribeStatementCommand).resolvesOnce(started).resolves(failed);
      const error = await data.wait(statementId, fast).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StatementFailedError);
      expect(error).toMatchObject({
        code: 'STATEMENT_FAILED',
        statementId,
        sql: 'select * from missing_table',
        serviceMessage: 'ERROR: relation "missing_table" does not exist',
      });
      expect((error as Error).message).toContain('relation "missing_table" does not exist');
    });

    it('names the failed sub-statement of a batch', async () => {
      mock.on(DescribeStatementCommand).resolves(batchFailed);
      await expect(data.wait(batchId, fast)).rejects.toMatchObject({
        subStatementId: `${batchId}:2`,
        sql: 'select y from t',
        serviceMessage: 'ERROR: column "y" does not exist in t',
      });
    });

    it('throws StatementAbortedError on ABORTED', async () => {
      mock.on(DescribeStatementCommand).resolves(aborted);
      const error = await data.wait(statementId, fast).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StatementAbortedError);
      expect(error).toMatchObject({ statementId, sql: 'call run_elt_process()', code: 'STATEMENT_ABORTED' });
    });

    it('throws StatementTimeoutError after timeoutMs without cancelling by default', async () => {
      mock.on(DescribeStatementCommand).resolves(started);
      const error = await data
        .wait(statementId, { ...fast, timeoutMs: 30 })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StatementTimeoutError);
      expect(error).toMatchObject({ statementId, timeoutMs: 30, lastStatus: 'STARTED', cancelled: false });
      expect(mock.commandCalls(CancelStatementCommand)).toHaveLength(0);
    });

    it('cancels the statement on timeout when asked to', async () => {
      mock.on(DescribeStatementCommand).resolves(started);
      mock.on(CancelStatementCommand).resolves({ Status: true, $metadata: {} });
      await expect(
        data.wait(statementId, { ...fast, timeoutMs: 20, cancelOnTimeout: true }),
      ).rejects.toMatchObject({
        code: 'STATEMENT_TIMEOUT',
        cancelled: true,
      });
      expect(mock.commandCalls(CancelStatementCommand)[0]?.args[0].input).toEqual({ Id: statementId });
    });

    it('reports a failed cancel on the timeout error instead of hiding it', async () => {
      mock.on(DescribeStatementCommand).resolves(started);
      const cancelFailure = new ValidationException({
        message: 'Could not cancel a query that is already in FINISHED state',
        $metadata: {},
      });
      mock.on(CancelStatementCommand).rejects(cancelFailure);
      const error = await data
        .wait(statementId, { ...fast, timeoutMs: 10, cancelOnTimeout: true })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ cancelled: false });
      expect((error as StatementTimeoutError).cancelError).toBeInstanceOf(RedshiftDataServiceError);
      expect(((error as StatementTimeoutError).cancelError as Error).cause).toBe(cancelFailure);
    });

    it('stops waiting when the signal aborts, and cancels when asked to', async () => {
      mock.on(DescribeStatementCommand).resolves(started);
      mock.on(CancelStatementCommand).resolves({ Status: true, $metadata: {} });
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('user pressed ctrl-c')), 20);
      const error = await data
        .wait(statementId, {
          longPollSeconds: 0,
          initialDelayMs: 5,
          maxDelayMs: 10,
          signal: controller.signal,
          cancelOnAbort: true,
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WaitAbortedError);
      expect(error).toMatchObject({ statementId, cancelled: true, code: 'WAIT_ABORTED' });
      expect(((error as Error).cause as Error).message).toBe('user pressed ctrl-c');
      expect(mock.commandCalls(CancelStatementCommand)).toHaveLength(1);
    });

    it('does not poll at all when the signal is already aborted, and does not cancel unless asked', async () => {
      mock.on(DescribeStatementCommand).resolves(finished);
      await expect(data.wait(statementId, { signal: AbortSignal.abort() })).rejects.toMatchObject({
        cancelled: false,
      });
      expect(mock.commandCalls(DescribeStatementCommand)).toHaveLength(0);
      expect(mock.commandCalls(CancelStatementCommand)).toHaveLength(0);
    });

    it('rethrows a service error while polling, wrapped', async () => {
      mock
        .on(DescribeStatementCommand)
        .rejects(
          new ResourceNotFoundException({ message: 'no', Message: 'no', ResourceId: 'x', $metadata: {} }),
        );
      await expect(data.wait(statementId, fast)).rejects.toBeInstanceOf(RedshiftDataServiceError);
    });

    it.each([
      ['a negative timeout', { timeoutMs: -1 }, /timeoutMs is -1/],
      ['a long poll above 30 s', { longPollSeconds: 31 }, /longPollSeconds is 31/],
      ['a NaN delay', { initialDelayMs: Number.NaN }, /initialDelayMs is NaN/],
    ])('rejects %s', async (_label, options, message) => {
      await expect(data.wait(statementId, options)).rejects.toThrow(message);
    });
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
        c_int8: 9007199254740991n,
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
      const rows = await data.collect(statementId, { resultFormat: 'CSV' });
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
      await expect(data.collect(statementId)).rejects.toMatchObject({ operation: 'GetStatementResult' });
    });

    it('rejects an unknown result format', async () => {
      await expect(data.collect(statementId, { resultFormat: 'XML' as never })).rejects.toThrow(
        /resultFormat is "XML"/,
      );
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
      const rows = await data.query('select * from trips', { ...fast, resultFormat: 'CSV' });
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

  describe('cancel', () => {
    it('returns the service answer', async () => {
      mock
        .on(CancelStatementCommand)
        .resolvesOnce({ Status: true, $metadata: {} })
        .resolvesOnce({ Status: false, $metadata: {} });
      expect(await data.cancel(statementId)).toBe(true);
      expect(await data.cancel(statementId)).toBe(false);
    });

    it('wraps a service error', async () => {
      mock
        .on(CancelStatementCommand)
        .rejects(new ValidationException({ message: 'already finished', $metadata: {} }));
      await expect(data.cancel(statementId)).rejects.toMatchObject({ operation: 'CancelStatement' });
    });
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
