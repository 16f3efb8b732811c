import { DescribeStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDependencies } from './__fixtures__/create-test-dependencies';
import { MemoryLedger } from './memory-ledger';
import type { ReconcileReport } from './reconcile-report';
import { reconcileStartedRun } from './reconcile-started-run';
import type { StartedRunRecord } from './started-run-register';

const statementId = 'bbbbbbbb-2222-4222-8222-000000000001';
const run: StartedRunRecord = {
  statementId,
  statementName: 'nyc-taxi/2026-11-30T16:00:00.000Z',
  startedAt: new Date('2026-11-30T16:00:01Z'),
};
const now = new Date('2026-11-30T16:10:00Z');

function emptyReport(): ReconcileReport {
  return { examined: 0, announced: [], notifications: [], alreadyAnnounced: 0, inProgress: 0 };
}

async function ledgerWithRun(): Promise<MemoryLedger> {
  const ledger = new MemoryLedger({ now: () => now });
  await ledger.recordStarted(run);
  return ledger;
}

async function startedIds(ledger: MemoryLedger): Promise<string[]> {
  return (await ledger.listStarted()).map((started) => started.statementId);
}

describe('reconcileStartedRun', () => {
  const redshiftData = mockClient(RedshiftDataClient);
  const sns = mockClient(SNSClient);
  let status: string;

  beforeEach(() => {
    redshiftData.reset();
    sns.reset();
    status = 'FINISHED';
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
    redshiftData.on(DescribeStatementCommand).callsFake(async (input: { Id: string }) => ({
      Id: input.Id,
      Status: status,
      Duration: 1_000_000_000,
      CreatedAt: new Date('2026-11-30T16:00:01Z'),
      UpdatedAt: new Date('2026-11-30T16:04:26Z'),
      QueryString: 'CALL run_elt_process();',
      HasResultSet: false,
      SubStatements: [],
    }));
  });

  it('counts a statement still running as in progress and keeps the run', async () => {
    status = 'STARTED';
    const ledger = await ledgerWithRun();
    const report = emptyReport();

    await reconcileStartedRun(run, ledger, createTestDependencies({ ledger }), report);

    expect(report).toEqual({ ...emptyReport(), inProgress: 1 });
    expect(sns.commandCalls(PublishCommand)).toEqual([]);
    expect(await startedIds(ledger)).toEqual([statementId]);
  });

  it('announces an ended statement nobody announced, then forgets the run', async () => {
    const ledger = await ledgerWithRun();
    const report = emptyReport();

    await reconcileStartedRun(run, ledger, createTestDependencies({ ledger }), report);

    expect(report).toEqual({
      ...emptyReport(),
      examined: 1,
      announced: [statementId],
      notifications: [expect.objectContaining({ statementId, state: 'FINISHED' })],
    });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(await startedIds(ledger)).toEqual([]);
  });

  it('counts an ended statement the ledger saw announced, without publishing, and forgets the run', async () => {
    const ledger = await ledgerWithRun();
    const claim = await ledger.claim(statementId);
    if (claim.status === 'claimed') await ledger.confirm(claim);
    const report = emptyReport();

    await reconcileStartedRun(run, ledger, createTestDependencies({ ledger }), report);

    expect(report).toEqual({ ...emptyReport(), examined: 1, alreadyAnnounced: 1 });
    expect(sns.commandCalls(PublishCommand)).toEqual([]);
    expect(await startedIds(ledger)).toEqual([]);
  });

  it('leaves a run whose announcement another invocation holds for the next sweep', async () => {
    const ledger = await ledgerWithRun();
    await ledger.claim(statementId);
    const report = emptyReport();

    await reconcileStartedRun(run, ledger, createTestDependencies({ ledger }), report);

    expect(report).toEqual({ ...emptyReport(), examined: 1, inProgress: 1 });
    expect(sns.commandCalls(PublishCommand)).toEqual([]);
    expect(await startedIds(ledger)).toEqual([statementId]);
  });

  it('throws a failed announcement after counting the run as examined, and keeps the run', async () => {
    sns.on(PublishCommand).rejects(new Error('SNS down'));
    const ledger = await ledgerWithRun();
    const report = emptyReport();

    await expect(
      reconcileStartedRun(run, ledger, createTestDependencies({ ledger }), report),
    ).rejects.toThrow('SNS down');

    expect(report).toEqual({ ...emptyReport(), examined: 1 });
    expect(await startedIds(ledger)).toEqual([statementId]);
  });
});
