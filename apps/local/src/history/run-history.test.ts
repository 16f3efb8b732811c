import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    now = new Date('2026-03-02T16:00:02.400Z');
    await history.append({ type: 'status', statementId: 'id-1', status: 'FINISHED', source: 'event' });
    now = new Date('2026-03-02T16:00:02.500Z');
    await history.append({
      type: 'status',
      statementId: 'id-1',
      status: 'FINISHED',
      rows: 20000,
      durationMs: 2400,
      source: 'notifier',
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
      return { status: 'FINISHED', durationMs: 1800 };
    });

    expect(described).toEqual(['lost']);
    expect(changed.map((run) => [run.statementId, run.status])).toEqual([['lost', 'FINISHED']]);
    const runs = await new RunHistory(file).list();
    expect(runs[1]).toMatchObject({ statementId: 'lost', status: 'FINISHED', durationMs: 1800 });
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

  it('never takes the row count of the event or of DescribeStatement (a CALL returns 0 or 1) for the rows loaded', async () => {
    const history = new RunHistory(file, { clock });
    await history.append({ type: 'submitted', scheduledTime: 't1', statementId: 'id-1', trigger: 'manual' });
    await history.append({
      type: 'status',
      statementId: 'id-1',
      status: 'FINISHED',
      rows: 0,
      source: 'event',
    });
    await history.append({
      type: 'status',
      statementId: 'id-1',
      status: 'FINISHED',
      rows: 1,
      source: 'describe',
    });

    expect((await history.list())[0]).toMatchObject({ status: 'FINISHED' });
    expect((await history.list())[0]?.rows).toBeUndefined();

    await history.append({
      type: 'status',
      statementId: 'id-1',
      status: 'FINISHED',
      rows: 300_000,
      source: 'notifier',
    });
    expect((await history.list())[0]?.rows).toBe(300_000);
  });

  it('skips a damaged line with one warning naming the file and line, and keeps recording runs', async () => {
    const bad = path.join(directory, 'bad.jsonl');
    await writeFile(
      bad,
      [
        '{"type":"submitted","at":"a","scheduledTime":"t1","statementId":"id-1","trigger":"manual"}',
        'garbage that is not JSON',
        '{"type":"status","at":"x","statementId":"id-1","status":"DONE","source":"event"}',
        '',
      ].join('\n'),
    );
    const warnings: string[] = [];
    const history = new RunHistory(bad, { clock, onWarning: (message) => warnings.push(message) });

    await history.append({ type: 'status', statementId: 'id-1', status: 'FINISHED', source: 'event' });
    const runs = await history.list();
    await history.list();

    expect(runs.map((run) => [run.statementId, run.status])).toEqual([['id-1', 'FINISHED']]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(`${bad}:2 is not JSON`);
    expect(warnings[1]).toContain(`${bad}:3 is not a run-history entry (status:`);
  });
});
