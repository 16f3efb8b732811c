import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunHistoryError } from '../errors';
import { RunHistory } from './run-history';

let directory: string;
let file: string;
let now: Date;
const clock = () => now;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'history-'));
  file = path.join(directory, 'state', 'runs.jsonl');
  now = new Date('2026-03-02T16:00:00.000Z');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('RunHistory', () => {
  it('has no runs before the file exists', async () => {
    expect(await new RunHistory(file).list()).toEqual([]);
  });

  it('folds a submission and its terminal status into one run', async () => {
    const history = new RunHistory(file, { clock });
    await history.append({
      type: 'submitted',
      scheduledTime: '2026-03-02T16:00:00Z',
      statementId: 'id-1',
      statementName: 'nyc-taxi/2026-03-02T16:00:00Z',
      trigger: 'schedule',
    });
    now = new Date('2026-03-02T16:00:02.500Z');
    await history.append({
      type: 'status',
      statementId: 'id-1',
      status: 'FINISHED',
      rows: 20000,
      durationMs: 2400,
      source: 'event',
    });

    expect(await history.list()).toEqual([
      {
        scheduledTime: '2026-03-02T16:00:00Z',
        trigger: 'schedule',
        submittedAt: '2026-03-02T16:00:00.000Z',
        statementId: 'id-1',
        statementName: 'nyc-taxi/2026-03-02T16:00:00Z',
        status: 'FINISHED',
        updatedAt: '2026-03-02T16:00:02.500Z',
        rows: 20000,
        durationMs: 2400,
      },
    ]);
  });

  it('keeps a terminal status when a late non-terminal one arrives and counts a resubmission once', async () => {
    const history = new RunHistory(file, { clock });
    await history.append({ type: 'submitted', scheduledTime: 't1', statementId: 'id-1', trigger: 'manual' });
    await history.append({ type: 'submitted', scheduledTime: 't1', statementId: 'id-1', trigger: 'manual' });
    await history.append({
      type: 'status',
      statementId: 'id-1',
      status: 'FAILED',
      error: 'ERROR: boom',
      source: 'event',
    });
    await history.append({ type: 'status', statementId: 'id-1', status: 'STARTED', source: 'describe' });
    await history.append({
      type: 'skipped',
      scheduledTime: 't2',
      reason: 'a run is still active',
      trigger: 'schedule',
    });
    await history.append({
      type: 'not-started',
      scheduledTime: 't3',
      error: 'runner failed: boom',
      trigger: 'schedule',
    });

    const runs = await history.list();

    expect(runs.map((run) => [run.scheduledTime, run.status, run.error ?? run.reason])).toEqual([
      ['t1', 'FAILED', 'ERROR: boom'],
      ['t2', 'SKIPPED', 'a run is still active'],
      ['t3', 'NOT_STARTED', 'runner failed: boom'],
    ]);
  });

  it('resolves runs left without a terminal status by describing their statements', async () => {
    const history = new RunHistory(file, { clock });
    await history.append({
      type: 'submitted',
      scheduledTime: 't1',
      statementId: 'done',
      trigger: 'schedule',
    });
    await history.append({
      type: 'status',
      statementId: 'done',
      status: 'FINISHED',
      rows: 1,
      source: 'event',
    });
    await history.append({
      type: 'submitted',
      scheduledTime: 't2',
      statementId: 'lost',
      trigger: 'schedule',
    });
    const described: string[] = [];

    const changed = await history.resolve(async (statementId) => {
      described.push(statementId);
      return { status: 'FINISHED', rows: 20000, durationMs: 1800 };
    });

    expect(described).toEqual(['lost']);
    expect(changed.map((run) => [run.statementId, run.status, run.rows])).toEqual([
      ['lost', 'FINISHED', 20000],
    ]);
    const runs = await new RunHistory(file).list();
    expect(runs[1]).toMatchObject({ statementId: 'lost', status: 'FINISHED', rows: 20000, durationMs: 1800 });
  });

  it('ignores a last line cut short by a crash', async () => {
    const history = new RunHistory(file, { clock });
    await history.append({ type: 'submitted', scheduledTime: 't1', statementId: 'id-1', trigger: 'manual' });
    await appendFile(file, '{"type":"status","statementId":"id-1","sta');

    expect((await history.list()).map((run) => run.status)).toEqual(['SUBMITTED']);
  });

  it('keeps working after a crash cut the last line short and a later session appended', async () => {
    const history = new RunHistory(file, { clock });
    await history.append({ type: 'submitted', scheduledTime: 't1', statementId: 'id-1', trigger: 'manual' });
    await appendFile(file, '{"type":"status","statementId":"id-1","sta');

    await history.append({ type: 'status', statementId: 'id-1', status: 'ABORTED', source: 'describe' });
    await history.append({ type: 'submitted', scheduledTime: 't2', statementId: 'id-2', trigger: 'manual' });

    expect((await history.list()).map((run) => [run.statementId, run.status])).toEqual([
      ['id-1', 'ABORTED'],
      ['id-2', 'SUBMITTED'],
    ]);
  });

  it('throws RunHistoryError naming the file and line of a corrupt entry', async () => {
    await writeFile(
      path.join(directory, 'bad.jsonl'),
      '{"type":"status","at":"x","statementId":"a","status":"DONE"}\n',
    );

    const error = await new RunHistory(path.join(directory, 'bad.jsonl'))
      .list()
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RunHistoryError);
    expect((error as Error).message).toContain('bad.jsonl:1: unknown status "DONE"');
  });
});
