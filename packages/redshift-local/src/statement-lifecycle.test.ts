import { setImmediate as nextTick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ResultStore } from './result-store';
import { SessionRegistry } from './session-registry';
import { StatementLifecycle } from './statement-lifecycle';
import type { StatementRecord } from './statement-record';
import { StatementStore } from './statement-store';

function lifecycle(): StatementLifecycle {
  return new StatementLifecycle({
    place: { region: 'us-east-1', account: '123456789012' },
    now: Date.now,
    statements: new StatementStore(),
    sessions: new SessionRegistry({ now: Date.now, endSession: async () => {} }),
    results: new ResultStore({}),
  });
}

function submitted(): StatementRecord {
  const now = Date.now();
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    createdAt: now,
    updatedAt: now,
    status: 'SUBMITTED',
    isBatch: false,
    subs: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000001',
        queryString: 'select 1',
        status: 'SUBMITTED',
        createdAt: now,
        updatedAt: now,
        durationNs: -1,
        resultRows: -1,
        resultSize: -1,
        hasResultSet: false,
        redshiftQueryId: 0,
      },
    ],
    withEvent: false,
    resultFormat: 'JSON',
    redshiftPid: 0,
    principal: 'arn:aws:iam::123456789012:user/test',
    database: 'dev',
    waiters: new Set(),
  };
}

describe('StatementLifecycle', () => {
  it('goes PICKED, then STARTED a tick later', async () => {
    const record = submitted();
    lifecycle().started(record, 1234);
    expect([record.status, record.subs[0]!.status, record.redshiftPid]).toEqual(['PICKED', 'PICKED', 1234]);
    await nextTick();
    expect([record.status, record.subs[0]!.status]).toEqual(['STARTED', 'STARTED']);
  });

  // Found under load: a SQL that ended before the STARTED tick (its statement still waiting for its
  // rejected COPY rows to be written) went back to STARTED, so DescribeStatement said FINISHED and
  // GetStatementResult said "has not finished yet (status STARTED)".
  it('never moves a SQL that already ended back to STARTED', async () => {
    const states = lifecycle();
    const record = submitted();
    states.started(record, 1234);
    const now = Date.now();
    states.statementDone(record, 0, {
      status: 'finished',
      fields: [{ name: 'x', typeOid: 23 }],
      rows: [['1']],
      rowCount: 1,
      command: 'SELECT',
      startedAt: now,
      endedAt: now,
    });
    await nextTick();
    states.finish(record);
    expect([record.status, record.subs[0]!.status]).toEqual(['FINISHED', 'FINISHED']);
  });
});
