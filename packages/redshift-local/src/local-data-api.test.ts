import { describe, expect, it, vi } from 'vitest';
import type { Engine, EngineRequest, EngineStatementOutcome } from './engine';
import { DataApiException } from './errors';
import { LocalDataApi } from './local-data-api';
import { passThroughDialect } from './sql-dialect';

/** An engine that answers every statement with one row holding its SQL text, at once. */
function echoEngine(): Engine & { requests: EngineRequest[]; endedSessions: string[] } {
  const requests: EngineRequest[] = [];
  const endedSessions: string[] = [];
  return {
    kind: 'pglite',
    requests,
    endedSessions,
    async open() {},
    async run(request) {
      requests.push(request);
      request.onStart?.(7);
      return request.statements.map((statement): EngineStatementOutcome => {
        const now = Date.now();
        return {
          status: 'finished',
          fields: [{ name: 'sql', typeOid: 25 }],
          rows: [[statement.sql]],
          rowCount: 1,
          command: 'SELECT',
          startedAt: now,
          endedAt: now,
        };
      });
    },
    async cancel() {
      return false;
    },
    async endSession(sessionKey) {
      endedSessions.push(sessionKey);
    },
    async close() {},
  };
}

const caller = { accessKeyId: 'test' };
const target = { WorkgroupName: 'wg', Database: 'dev' };

/** How long to wait for the once-a-second sweep: generous, for a busy machine. */
const sweepWait = { timeout: 30_000, interval: 50 };

async function thrown(promise: Promise<unknown>): Promise<DataApiException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DataApiException) return error;
    throw error;
  }
  throw new Error('expected a DataApiException');
}

describe('LocalDataApi', () => {
  it('forgets statements and their results after the retention period', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const api = new LocalDataApi({
      engine: echoEngine(),
      dialect: passThroughDialect,
      database: 'dev',
      region: 'us-east-1',
      account: '123456789012',
      resultRetentionMs: 1000,
      now: () => now,
    });
    const { Id } = await api.ExecuteStatement({ ...target, Sql: 'select 1', WaitTimeSeconds: 5 }, caller);
    expect((await api.DescribeStatement({ Id })).Status).toBe('FINISHED');
    now += 2000;
    // The sweep runs every second of real time: wait for it to have run, not for a fixed time.
    const error = await vi.waitFor(() => thrown(api.DescribeStatement({ Id })), sweepWait);
    expect([error.exceptionName, error.httpStatus, error.fields.ResourceId]).toEqual([
      'ResourceNotFoundException',
      400,
      Id,
    ]);
    await api.close();
  });

  it('drops the oldest results beyond the memory bound and says the result has expired', async () => {
    const api = new LocalDataApi({
      engine: echoEngine(),
      dialect: passThroughDialect,
      database: 'dev',
      region: 'us-east-1',
      account: '123456789012',
      maxStoredResultBytes: 30,
    });
    const first = await api.ExecuteStatement(
      { ...target, Sql: `select '${'a'.repeat(20)}'`, WaitTimeSeconds: 5 },
      caller,
    );
    const second = await api.ExecuteStatement(
      { ...target, Sql: `select '${'b'.repeat(20)}'`, WaitTimeSeconds: 5 },
      caller,
    );
    expect((await api.GetStatementResult({ Id: second.Id })).TotalNumRows).toBe(1);
    const error = await thrown(api.GetStatementResult({ Id: first.Id }));
    expect([error.exceptionName, error.message]).toEqual([
      'ResourceNotFoundException',
      expect.stringContaining('expired'),
    ]);
    await api.close();
  });

  it('fails a statement for an unknown database asynchronously, as Redshift does', async () => {
    const engine = echoEngine();
    const api = new LocalDataApi({
      engine,
      dialect: passThroughDialect,
      database: 'dev',
      region: 'us-east-1',
      account: '1',
    });
    const { Id } = await api.ExecuteStatement(
      { WorkgroupName: 'wg', Database: 'other', Sql: 'select 1', WaitTimeSeconds: 5 },
      caller,
    );
    const described = await api.DescribeStatement({ Id });
    expect([described.Status, described.Error]).toEqual(['FAILED', 'ERROR: database "other" does not exist']);
    expect(engine.requests).toHaveLength(0);
    await api.close();
  });

  it('passes bound parameters to the engine as values, never in the SQL text', async () => {
    const engine = echoEngine();
    const api = new LocalDataApi({
      engine,
      dialect: passThroughDialect,
      database: 'dev',
      region: 'us-east-1',
      account: '1',
    });
    await api.ExecuteStatement(
      {
        ...target,
        Sql: 'select * from t where name = :name',
        Parameters: [{ name: 'name', value: "x'; drop table t; --" }],
        WaitTimeSeconds: 5,
      },
      caller,
    );
    expect(engine.requests[0]?.statements).toEqual([
      { sql: 'select * from t where name = $1', values: ["x'; drop table t; --"] },
    ]);
    await api.close();
  });

  it('ends a session SessionKeepAliveSeconds after its last statement and refuses it afterwards', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const engine = echoEngine();
    const api = new LocalDataApi({
      engine,
      dialect: passThroughDialect,
      database: 'dev',
      region: 'us-east-1',
      account: '1',
      now: () => now,
    });
    const first = await api.ExecuteStatement(
      { ...target, Sql: 'select 1', SessionKeepAliveSeconds: 5, WaitTimeSeconds: 5 },
      caller,
    );
    const sessionId = first.SessionId as string;
    now += 4000;
    const second = await api.ExecuteStatement(
      { SessionId: sessionId, Sql: 'select 2', WaitTimeSeconds: 5 },
      caller,
    );
    expect(second.SessionId).toBe(sessionId);
    expect(engine.requests.map((request) => request.sessionKey)).toEqual([sessionId, sessionId]);
    now += 6000;
    await vi.waitFor(() => expect(engine.endedSessions).toEqual([sessionId]), sweepWait);
    const error = await thrown(api.ExecuteStatement({ SessionId: sessionId, Sql: 'select 3' }, caller));
    expect([error.exceptionName, error.message]).toEqual([
      'ValidationException',
      expect.stringContaining(sessionId),
    ]);
    await api.close();
  });

  it('bounds result pages by size and continues them with NextToken', async () => {
    const rows = Array.from({ length: 50 }, (_, index) => [String(index).padStart(80, 'x')]);
    const engine: Engine = {
      ...echoEngine(),
      async run(request) {
        const now = Date.now();
        request.onStart?.(1);
        return [
          {
            status: 'finished',
            fields: [{ name: 'v', typeOid: 25 }],
            rows,
            rowCount: rows.length,
            command: 'SELECT',
            startedAt: now,
            endedAt: now,
          },
        ];
      },
    };
    const api = new LocalDataApi({
      engine,
      dialect: passThroughDialect,
      database: 'dev',
      region: 'us-east-1',
      account: '1',
      resultPageBytes: 1000,
    });
    const { Id } = await api.ExecuteStatement({ ...target, Sql: 'select v', WaitTimeSeconds: 5 }, caller);
    const seen: string[] = [];
    let token: unknown;
    let pages = 0;
    do {
      const page = await api.GetStatementResult({ Id, ...(token !== undefined ? { NextToken: token } : {}) });
      const records = page.Records as { stringValue: string }[][];
      expect(records.length).toBeLessThanOrEqual(10);
      seen.push(...records.map((record) => record[0]!.stringValue));
      token = page.NextToken;
      pages++;
    } while (token !== undefined);
    expect(seen).toEqual(rows.map((row) => row[0]));
    expect(pages).toBeGreaterThanOrEqual(5);
    await api.close();
  });
});
