import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateFileError } from '../errors';
import { ensureStateFolder } from '../state/ensure-state-folder';
import { resetStateFolder } from '../state/reset-state-folder';
import { type StateLayout, stateLayout } from '../state/state-layout';
import type { SqlHistoryEntry } from './console-api';
import { SqlHistory, sqlHistoryLimit } from './sql-history';

let root: string;
let state: StateLayout;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shiftflow-sql-history-'));
  state = stateLayout(path.join(root, 'state'));
  await ensureStateFolder(state);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const entry = (index: number): SqlHistoryEntry => ({
  sql: `select ${index}`,
  at: new Date(Date.UTC(2026, 11, 6, 11, 0, index)).toISOString(),
  statementId: `statement-${index}`,
  status: 'FINISHED',
  totalRows: 1,
  durationMs: 2,
  error: null,
});

describe('SqlHistory', () => {
  it(`keeps the newest ${sqlHistoryLimit} statements, newest first, also when added at the same time`, async () => {
    const history = new SqlHistory(state);

    await Promise.all(Array.from({ length: sqlHistoryLimit + 5 }, (_, index) => history.add(entry(index))));

    const entries = await history.list();
    expect(entries).toHaveLength(sqlHistoryLimit);
    expect(entries[0]?.sql).toBe(`select ${sqlHistoryLimit + 4}`);
    expect(entries.at(-1)?.sql).toBe('select 5');
    expect(JSON.parse(await readFile(state.consoleSqlHistory, 'utf8')).entries).toHaveLength(sqlHistoryLimit);
  });

  it('names the file when it is not a SQL history', async () => {
    await writeFile(state.consoleSqlHistory, '{"entries":[{"sql":1}]}');

    await expect(new SqlHistory(state).list()).rejects.toThrow(StateFileError);
    await expect(new SqlHistory(state).list()).rejects.toThrow(state.consoleSqlHistory);
  });

  it('is deleted by shiftflow reset with the rest of the state', async () => {
    await new SqlHistory(state).add(entry(1));

    const outcome = await resetStateFolder(state);

    expect(outcome).toEqual({ status: 'reset', kept: [] });
    await expect(stat(state.consoleSqlHistory)).rejects.toThrow(/ENOENT/);
  });
});
