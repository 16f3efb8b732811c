import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndedStatementStore } from './ended-statement-store';
import type { Engine, EngineStatementOutcome } from './engine';
import { LocalDataApi } from './local-data-api';
import { passThroughDialect } from './sql-dialect';
import { StatementJournal } from './statement-journal';
import type { StatementStatusChangeEnvelope } from './status-change-event';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ended-statements-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An engine whose every statement finishes at once with `rows` as its one-column result. */
function engineReturning(rows: (string | null)[][]): Engine {
  return {
    kind: 'pglite',
    async open() {},
    async run(request) {
      const now = Date.now();
      return request.statements.map(
        (): EngineStatementOutcome => ({
          status: 'finished',
          fields: [{ name: 'rows_loaded', typeOid: 23 }],
          rows,
          rowCount: rows.length,
          command: 'CALL',
          startedAt: now,
          endedAt: now,
        }),
      );
    },
    async cancel() {
      return false;
    },
    async endSession() {},
    async close() {},
  };
}

interface Started {
  api: LocalDataApi;
  store: EndedStatementStore;
  events: StatementStatusChangeEnvelope[];
}

async function start(
  rows: (string | null)[][],
  options: {
    onEvent?: (store: EndedStatementStore, event: StatementStatusChangeEnvelope) => void;
    maxStatements?: number;
    now?: number;
  } = {},
): Promise<Started> {
  const store = new EndedStatementStore(path.join(root, 'ended'), {
    maxResultBytes: 1024,
    ...(options.maxStatements !== undefined ? { maxStatements: options.maxStatements } : {}),
  });
  const journal = new StatementJournal(path.join(root, 'statements'));
  const events: StatementStatusChangeEnvelope[] = [];
  const api = new LocalDataApi({
    engine: engineReturning(rows),
    dialect: passThroughDialect,
    database: 'dev',
    region: 'us-east-1',
    account: '123456789012',
    journal,
    endedStatements: store,
    ...(options.now !== undefined ? { now: () => options.now! } : {}),
    onEvent: (event) => {
      options.onEvent?.(store, event);
      events.push(event);
    },
  });
  const now = options.now ?? Date.now();
  await api.recover(await journal.open(), await store.open(now, 24 * 3600 * 1000));
  return { api, store, events };
}

const caller = { accessKeyId: 'test' };
const call = (name: string, token?: string) => ({
  Sql: 'CALL run_elt_process()',
  WorkgroupName: 'local',
  Database: 'dev',
  StatementName: name,
  WithEvent: true,
  ...(token !== undefined ? { ClientToken: token } : {}),
});

describe('EndedStatementStore with LocalDataApi', () => {
  it('answers DescribeStatement, ListStatements and GetStatementResult for a statement that ended before a restart', async () => {
    const first = await start([['300000']]);
    const { Id } = await first.api.ExecuteStatement(
      call('nyc-taxi/2026-11-30T16:00:00.000Z', 'token-1'),
      caller,
    );
    await first.api.close();
    // The process is gone: only the files remain.

    const restarted = await start([['1']]);

    expect(await restarted.api.DescribeStatement({ Id })).toMatchObject({
      Id,
      Status: 'FINISHED',
      ResultRows: 1,
      HasResultSet: true,
      QueryString: 'CALL run_elt_process()',
    });
    const listed = await restarted.api.ListStatements({ StatementName: 'nyc-taxi/', Status: 'ALL' });
    expect(listed.Statements).toEqual([
      expect.objectContaining({ Id, Status: 'FINISHED', StatementName: 'nyc-taxi/2026-11-30T16:00:00.000Z' }),
    ]);
    expect(await restarted.api.GetStatementResult({ Id })).toMatchObject({
      Records: [[{ longValue: 300000 }]],
      TotalNumRows: 1,
    });
    // The client token still names the same statement: a retried runner starts nothing new.
    const again = await restarted.api.ExecuteStatement(
      call('nyc-taxi/2026-11-30T16:00:00.000Z', 'token-1'),
      caller,
    );
    expect(again.Id).toBe(Id);
    await restarted.api.close();
  });

  it('has the statement on disk before its status-change event goes out', async () => {
    const seenOnDisk: boolean[] = [];
    const started = await start([['7']], {
      onEvent: (store, event) =>
        seenOnDisk.push(existsSync(path.join(store.directory, `${event.detail.statementId}.json`))),
    });
    await started.api.ExecuteStatement(call('p/1'), caller);
    await started.api.close();

    expect(started.events).toHaveLength(1);
    expect(seenOnDisk).toEqual([true]);
    expect(await readdir(path.join(root, 'statements'))).toEqual([]);
  });

  it('keeps the description but not a result larger than maxResultBytes', async () => {
    const first = await start(Array.from({ length: 200 }, (_, index) => [String(index).padStart(10, '0')]));
    const { Id } = await first.api.ExecuteStatement(call('p/big'), caller);
    await first.api.close();

    const restarted = await start([]);

    expect(await restarted.api.DescribeStatement({ Id })).toMatchObject({
      Status: 'FINISHED',
      ResultRows: 200,
    });
    await expect(restarted.api.GetStatementResult({ Id })).rejects.toThrow('has expired');
    await restarted.api.close();
  });

  it('keeps at most maxStatements, the newest, and drops statements past the retention at start', async () => {
    const now = Date.now();
    const first = await start([['1']], { maxStatements: 2, now });
    const ids: string[] = [];
    for (const name of ['p/1', 'p/2', 'p/3']) {
      ids.push(String((await first.api.ExecuteStatement(call(name), caller)).Id));
      await first.api.close();
    }
    expect((await readdir(path.join(root, 'ended'))).sort()).toEqual(
      ids
        .slice(1)
        .map((id) => `${id}.json`)
        .sort(),
    );

    const dayLater = await start([], { now: now + 24 * 3600 * 1000 + 1000 });
    expect((await dayLater.api.ListStatements({ Status: 'ALL' })).Statements).toEqual([]);
    expect(await readdir(path.join(root, 'ended'))).toEqual([]);
    await dayLater.api.close();
  });

  it('sets aside a file that is not an ended statement as .bad and still starts', async () => {
    await start([]);
    await writeFile(
      path.join(root, 'ended', '3f0c1a52-9a3e-4d59-8a55-0a6b2f1c7e11.json'),
      '{"version":1,"id":',
    );

    const restarted = await start([]);

    expect(await readdir(path.join(root, 'ended'))).toEqual([
      '3f0c1a52-9a3e-4d59-8a55-0a6b2f1c7e11.json.bad',
    ]);
    await restarted.api.close();
  });
});
