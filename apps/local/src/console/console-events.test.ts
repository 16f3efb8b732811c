import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunHistory } from '../history/run-history';
import { stateLayout } from '../state/state-layout';
import type { ConsoleEvent } from './console-api';
import { ConsoleEvents } from './console-events';

let root: string;
let history: RunHistory;
let events: ConsoleEvents;
let received: ConsoleEvent[];
let reports: unknown[];
const statuses = new Map<string, string>();

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shiftflow-console-events-'));
  const state = stateLayout(root);
  history = new RunHistory(state.history);
  received = [];
  reports = [];
  statuses.clear();
  events = new ConsoleEvents({
    state,
    history,
    // Looks happen when the test calls look(): an hour keeps the timer out of the way.
    intervalMs: 3_600_000,
    onError: (error) => reports.push(error),
    describeStatus: async (statementId) => {
      const status = statuses.get(statementId);
      if (status === 'gone') throw new Error(`statement ${statementId} is not known`);
      return status;
    },
  });
  await events.start();
  events.subscribe((event) => received.push(event));
});
afterEach(async () => {
  events.close();
  await rm(root, { recursive: true, force: true });
});

const submitted = (statementId: string) =>
  history.append({
    type: 'submitted',
    scheduledTime: '2026-12-06T11:00:00.000Z',
    statementId,
    statementName: `nyc-taxi/manual/${statementId}`,
    trigger: 'manual',
  });

describe('ConsoleEvents', () => {
  it('follows a run from submitted through STARTED (DescribeStatement) to ended and recorded, each once', async () => {
    await submitted('s1');
    await events.look();
    statuses.set('s1', 'STARTED');
    await events.look();
    await events.look();
    expect(events.liveStatus('s1')).toBe('STARTED');
    await history.append({ type: 'status', statementId: 's1', status: 'FINISHED', source: 'event' });
    await events.look();
    await history.append({
      type: 'status',
      statementId: 's1',
      status: 'FINISHED',
      rows: 20,
      source: 'notifier',
    });
    await events.look();

    expect(received.map((event) => [event.event, 'run' in event.data ? event.data.run.status : ''])).toEqual([
      ['run-submitted', 'SUBMITTED'],
      ['run-updated', 'STARTED'],
      ['run-ended', 'FINISHED'],
      ['run-recorded', 'FINISHED'],
    ]);
    expect(events.liveStatus('s1')).toBeUndefined();
    const recorded = received.at(-1);
    expect(recorded?.event === 'run-recorded' && recorded.data.run.rowsLoaded).toBe(20);
    expect(reports).toEqual([]);
  });

  it('sends no run-updated for a status the history will end (a FINISHED seen before its event)', async () => {
    await submitted('s2');
    statuses.set('s2', 'FINISHED');
    await events.look();

    expect(received.map((event) => event.event)).toEqual(['run-submitted']);
  });

  it('reports a statement DescribeStatement does not know once, and goes on looking', async () => {
    await submitted('s3');
    statuses.set('s3', 'gone');
    await events.look();
    await events.look();
    await submitted('s4');
    await events.look();

    expect(reports.map(String)).toEqual(['Error: statement s3 is not known']);
    expect(received.filter((event) => event.event === 'run-submitted')).toHaveLength(2);
  });
});
