import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from './engine';
import { StatementJournalError } from './errors';
import { LocalDataApi } from './local-data-api';
import { interruptedStatementError } from './recover-statements';
import { passThroughDialect } from './sql-dialect';
import { type JournalEntry, StatementJournal } from './statement-journal';

let directory: string;

beforeEach(async () => {
  directory = path.join(await mkdtemp(path.join(os.tmpdir(), 'statement-journal-')), 'statements');
});
afterEach(async () => {
  await rm(path.dirname(directory), { recursive: true, force: true });
});

const id = '3f0c1a52-9a3e-4d59-8a55-0a6b2f1c7e11';

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    version: 1,
    id,
    state: 'inflight',
    statementName: 'nyc-taxi/manual/2026-11-28T10:00:00.000Z',
    queryStrings: ['CALL run_elt_process();'],
    isBatch: false,
    parameterCount: 0,
    createdAt: Date.parse('2026-11-28T10:00:00Z'),
    withEvent: true,
    resultFormat: 'JSON',
    principal: 'arn:aws:iam::123456789012:user/test',
    accessKeyId: 'test',
    database: 'dev',
    workgroupName: 'local',
    ...overrides,
  };
}

/** An engine whose statements never end: only the journal matters here. */
function idleEngine(): Engine {
  return {
    kind: 'pglite',
    async open() {},
    run: () => new Promise(() => undefined),
    async cancel() {
      return false;
    },
    async endSession() {},
    async close() {},
  };
}

function api(journal: StatementJournal, now: number, retentionMs?: number): LocalDataApi {
  return new LocalDataApi({
    engine: idleEngine(),
    dialect: passThroughDialect,
    database: 'dev',
    region: 'us-east-1',
    account: '123456789012',
    journal,
    now: () => now,
    ...(retentionMs !== undefined ? { resultRetentionMs: retentionMs } : {}),
  });
}

describe('StatementJournal', () => {
  it('writes entries atomically, reads them back and removes them in call order', async () => {
    const journal = new StatementJournal(directory);
    expect(await journal.open()).toEqual([]);
    const write = journal.write(entry());
    const removal = journal.remove(id);
    await Promise.all([write, removal]);
    expect(await readdir(directory)).toEqual([]);
    await journal.write(entry({ statementName: 'second' }));
    expect(await readdir(directory)).toEqual([`${id}.json`]);
    expect(await new StatementJournal(directory).open()).toEqual([entry({ statementName: 'second' })]);
  });

  it('sets aside a file that is not an entry as .bad and reports it', async () => {
    const journal = new StatementJournal(directory);
    await journal.open();
    await writeFile(path.join(directory, 'broken.json'), '{"version":1,');
    await writeFile(path.join(directory, 'other.json'), JSON.stringify({ ...entry(), state: 'running' }));
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await journal.open()).toEqual([]);
      expect(report.mock.calls.map((call) => String(call[0])).join('\n')).toMatch(/state "running"/);
    } finally {
      report.mockRestore();
    }
    expect((await readdir(directory)).sort()).toEqual(['broken.json.bad', 'other.json.bad']);
  });

  it('fails with a typed error naming the file when it cannot write', async () => {
    const journal = new StatementJournal(path.join(directory, 'missing'));
    const error = await journal.write(entry()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StatementJournalError);
    expect((error as StatementJournalError).path).toBe(path.join(directory, 'missing', `${id}.json`));
  });
});

describe('LocalDataApi.recover', () => {
  it('ends a leftover in-flight statement FAILED, keeps it for later restarts and owes its event once', async () => {
    const journal = new StatementJournal(directory);
    await journal.open();
    await journal.write(entry());
    const restartedAt = Date.parse('2026-11-28T10:05:00Z');
    const first = api(journal, restartedAt);
    const owed = await first.recover(await journal.open());
    expect(owed).toHaveLength(1);
    expect(owed[0]!.detail).toMatchObject({
      statementId: id,
      state: 'FAILED',
      statementName: entry().statementName,
    });
    expect(owed[0]!.time).toBe('2026-11-28T10:05:00Z');

    const described = await first.DescribeStatement({ Id: id });
    expect(described).toMatchObject({
      Id: id,
      Status: 'FAILED',
      Error: interruptedStatementError,
      CreatedAt: Date.parse('2026-11-28T10:00:00Z') / 1000,
      UpdatedAt: restartedAt / 1000,
      WorkgroupName: 'local',
      Duration: -1,
      HasResultSet: false,
    });
    const listed = await first.ListStatements({ StatementName: 'nyc-taxi/', Status: 'FAILED' });
    expect((listed.Statements as { Id: string }[]).map((item) => item.Id)).toEqual([id]);
    expect((await first.ListStatements({ Status: 'FINISHED' })).Statements).toEqual([]);

    await first.eventDelivered(id);
    await first.close();
    const stored = JSON.parse(await readFile(path.join(directory, `${id}.json`), 'utf8')) as JournalEntry;
    expect(stored).toMatchObject({ state: 'interrupted', updatedAt: restartedAt, eventPending: false });

    // A second restart still knows the statement, with the same times, and owes nothing.
    const second = api(journal, restartedAt + 60_000);
    expect(await second.recover(await journal.open())).toEqual([]);
    expect(await second.DescribeStatement({ Id: id })).toMatchObject({
      Status: 'FAILED',
      UpdatedAt: restartedAt / 1000,
    });
    await second.close();
  });

  it('owes no event for a statement run without WithEvent, and drops entries past the retention', async () => {
    const journal = new StatementJournal(directory);
    await journal.open();
    await journal.write(entry({ withEvent: false }));
    const createdAt = entry().createdAt;
    const recent = api(journal, createdAt + 1000, 60_000);
    expect(await recent.recover(await journal.open())).toEqual([]);
    expect(await recent.DescribeStatement({ Id: id })).toMatchObject({ Status: 'FAILED' });
    await recent.close();

    const late = api(journal, createdAt + 61_000, 60_000);
    expect(await late.recover(await journal.open())).toEqual([]);
    await expect(late.DescribeStatement({ Id: id })).rejects.toMatchObject({
      exceptionName: 'ResourceNotFoundException',
    });
    expect(await readdir(directory)).toEqual([]);
    await late.close();
  });

  it('removes a recovered statement and its journal entry when the sweep finds it past the retention', async () => {
    const journal = new StatementJournal(directory);
    await journal.open();
    await journal.write(entry({ withEvent: false }));
    let now = entry().createdAt + 1000;
    const swept = new LocalDataApi({
      engine: idleEngine(),
      dialect: passThroughDialect,
      database: 'dev',
      region: 'us-east-1',
      account: '123456789012',
      journal,
      now: () => now,
      resultRetentionMs: 60_000,
    });
    await swept.recover(await journal.open());
    now += 60_000;
    for (let attempt = 0; attempt < 40 && (await readdir(directory)).length > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await readdir(directory)).toEqual([]);
    await expect(swept.DescribeStatement({ Id: id })).rejects.toMatchObject({
      exceptionName: 'ResourceNotFoundException',
    });
    await swept.close();
  });

  it('journals a submitted statement before it runs, and removes it once the statement ends', async () => {
    const journal = new StatementJournal(directory);
    await journal.open();
    let finish: () => void = () => undefined;
    const engine: Engine = {
      ...idleEngine(),
      run: (request) =>
        new Promise((resolve) => {
          finish = () => {
            const now = Date.now();
            resolve(
              request.statements.map(() => ({
                status: 'finished' as const,
                fields: [],
                rows: [],
                rowCount: 0,
                command: 'SELECT',
                startedAt: now,
                endedAt: now,
              })),
            );
          };
        }),
    };
    const running = new LocalDataApi({
      engine,
      dialect: passThroughDialect,
      database: 'dev',
      region: 'us-east-1',
      account: '123456789012',
      journal,
    });
    const { Id } = await running.ExecuteStatement(
      { Sql: 'select 1', WorkgroupName: 'local', Database: 'dev', StatementName: 'p/x', WithEvent: true },
      { accessKeyId: 'test' },
    );
    const [kept] = await new StatementJournal(directory).open();
    expect(kept).toMatchObject({
      id: Id,
      state: 'inflight',
      statementName: 'p/x',
      queryStrings: ['select 1'],
      withEvent: true,
      accessKeyId: 'test',
      principal: 'arn:aws:iam::123456789012:user/test',
      workgroupName: 'local',
    });
    finish();
    await running.close();
    expect(await running.DescribeStatement({ Id })).toMatchObject({ Status: 'FINISHED' });
    expect(await readdir(directory)).toEqual([]);
  });
});
