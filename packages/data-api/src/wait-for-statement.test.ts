import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  aborted,
  batchFailed,
  batchId,
  createTestRedshiftData,
  failed,
  fast,
  finished,
  mockRedshiftDataClient,
  started,
  statementId,
  submitted,
} from './__fixtures__/mocked-redshift-data';
import {
  RedshiftDataServiceError,
  StatementAbortedError,
  StatementFailedError,
  StatementTimeoutError,
  WaitAbortedError,
} from './errors';
import type { RedshiftData } from './redshift-data';

describe('RedshiftData', () => {
  const mock = mockRedshiftDataClient();
  let data: RedshiftData;

  beforeEach(() => {
    data = createTestRedshiftData();
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

    it('throws StatementTimeoutError after timeoutMs and leaves the statement running with cancelOnTimeout false', async () => {
      mock.on(DescribeStatementCommand).resolves(started);
      const error = await data
        .wait(statementId, { ...fast, timeoutMs: 30, cancelOnTimeout: false })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StatementTimeoutError);
      expect(error).toMatchObject({ statementId, timeoutMs: 30, lastStatus: 'STARTED', cancelled: false });
      expect(mock.commandCalls(CancelStatementCommand)).toHaveLength(0);
    });

    it('cancels the statement on timeout by default', async () => {
      mock.on(DescribeStatementCommand).resolves(started);
      mock.on(CancelStatementCommand).resolves({ Status: true, $metadata: {} });
      await expect(data.wait(statementId, { ...fast, timeoutMs: 20 })).rejects.toMatchObject({
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

    it('does not poll at all when the signal is already aborted; cancelOnAbort false leaves the statement alone', async () => {
      mock.on(DescribeStatementCommand).resolves(finished);
      await expect(
        data.wait(statementId, { signal: AbortSignal.abort(), cancelOnAbort: false }),
      ).rejects.toMatchObject({ cancelled: false });
      expect(mock.commandCalls(DescribeStatementCommand)).toHaveLength(0);
      expect(mock.commandCalls(CancelStatementCommand)).toHaveLength(0);
    });

    it('cancels the statement when the signal aborts, by default', async () => {
      mock.on(CancelStatementCommand).resolves({ Status: true, $metadata: {} });
      await expect(data.wait(statementId, { signal: AbortSignal.abort() })).rejects.toMatchObject({
        code: 'WAIT_ABORTED',
        cancelled: true,
      });
      expect(mock.commandCalls(CancelStatementCommand)[0]?.args[0].input).toEqual({ Id: statementId });
    });

    it('waits 24 hours at most by default, and without a limit for timeoutMs Infinity', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        mock.on(DescribeStatementCommand).callsFake(() => {
          vi.setSystemTime(Date.now() + 6 * 60 * 60 * 1000); // each poll "takes" 6 hours
          return started;
        });
        mock.on(CancelStatementCommand).resolves({ Status: true, $metadata: {} });
        await expect(data.wait(statementId, fast)).rejects.toMatchObject({
          code: 'STATEMENT_TIMEOUT',
          timeoutMs: 86_400_000,
          cancelled: true,
        });
        expect(mock.commandCalls(DescribeStatementCommand)).toHaveLength(4);
        mock.reset();
        let polls = 0;
        mock.on(DescribeStatementCommand).callsFake(() => {
          vi.setSystemTime(Date.now() + 6 * 60 * 60 * 1000);
          polls += 1;
          return polls < 10 ? started : finished;
        });
        const description = await data.wait(statementId, { ...fast, timeoutMs: Number.POSITIVE_INFINITY });
        expect(description.status).toBe('FINISHED');
        expect(polls).toBe(10);
      } finally {
        vi.useRealTimers();
      }
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
});
