import {
  DescribeStatementCommand,
  ListStatementsCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDependencies } from './__fixtures__/create-test-dependencies';
import { NotifierConfigurationError, ReconcileError } from './errors';
import type { Ledger } from './ledger';
import { MemoryLedger } from './memory-ledger';
import { reconcile } from './reconcile';

const lost = 'aaaaaaaa-1111-4111-8111-000000000001';
const announced = 'aaaaaaaa-1111-4111-8111-000000000002';
const old = 'aaaaaaaa-1111-4111-8111-000000000003';
const running = 'aaaaaaaa-1111-4111-8111-000000000004';
const foreign = 'aaaaaaaa-1111-4111-8111-000000000005';

const now = new Date('2026-11-30T16:10:00Z');
const ledgerAt = () => new MemoryLedger({ now: () => now });

async function started(ledger: MemoryLedger, statementId: string, statementName: string, startedAt: string) {
  await ledger.recordStarted({ statementId, statementName, startedAt: new Date(startedAt) });
}

describe('reconcile', () => {
  const redshiftData = mockClient(RedshiftDataClient);
  const sns = mockClient(SNSClient);

  beforeEach(() => {
    redshiftData.reset();
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
    redshiftData.on(DescribeStatementCommand).callsFake(async (input: { Id: string }) => ({
      Id: input.Id,
      Status: input.Id === lost ? 'FAILED' : input.Id === running ? 'STARTED' : 'FINISHED',
      Error: input.Id === lost ? 'ERROR: COPY failed' : undefined,
      Duration: 1_000_000_000,
      CreatedAt: new Date('2026-11-30T16:00:01Z'),
      UpdatedAt: new Date('2026-11-30T16:04:26Z'),
      QueryString: 'CALL run_elt_process();',
      HasResultSet: false,
      SubStatements: [],
    }));
  });

  it('describes the started runs of the ledger and announces those that ended unannounced, once, without ListStatements', async () => {
    const ledger = ledgerAt();
    await started(ledger, lost, 'nyc-taxi/2026-11-30T16:00:00.000Z', '2026-11-30T16:00:01Z');
    await started(ledger, running, 'nyc-taxi/2026-11-30T16:05:00.000Z', '2026-11-30T16:05:01Z');
    await started(ledger, foreign, 'other/2026-11-30T16:00:00.000Z', '2026-11-30T16:00:01Z');
    await started(ledger, announced, 'nyc-taxi/manual/2026-11-30T15:00:00.000Z', '2026-11-30T15:00:01Z');
    await started(ledger, old, 'nyc-taxi/2026-11-28T10:00:00.000Z', '2026-11-28T10:00:01Z');
    const alreadyAnnounced = await ledger.claim(announced);
    if (alreadyAnnounced.status === 'claimed') await ledger.confirm(alreadyAnnounced);
    const dependencies = createTestDependencies({ ledger });

    const report = await reconcile(dependencies, { lookbackHours: 6 });
    const again = await reconcile(dependencies, { lookbackHours: 6 });

    expect(report).toEqual({
      examined: 2,
      announced: [lost],
      notifications: [expect.objectContaining({ statementId: lost, state: 'FAILED' })],
      alreadyAnnounced: 1,
      inProgress: 1,
    });
    expect(again).toMatchObject({ examined: 0, announced: [], inProgress: 1 });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject).toContain('FAILED');
    expect(redshiftData.commandCalls(ListStatementsCommand)).toEqual([]);
    // Another pipeline's run and runs older than the window are never described.
    const described = redshiftData
      .commandCalls(DescribeStatementCommand)
      .map((call) => call.args[0].input.Id);
    expect(described).not.toContain(foreign);
    expect(described).not.toContain(old);
    // Announced runs and the too-old one are forgotten; the running one and the foreign one stay.
    expect((await ledger.listStarted()).map((run) => run.statementId).sort()).toEqual(
      [running, foreign].sort(),
    );
  });

  it('tries every run, then throws the failures and keeps the failed run for the next sweep', async () => {
    const ledger = ledgerAt();
    await started(ledger, lost, 'nyc-taxi/2026-11-30T16:00:00.000Z', '2026-11-30T16:00:01Z');
    await started(ledger, announced, 'nyc-taxi/2026-11-30T16:01:00.000Z', '2026-11-30T16:01:01Z');
    sns.on(PublishCommand).rejectsOnce(new Error('SNS down')).resolves({ MessageId: 'message-2' });

    const error = await reconcile(createTestDependencies({ ledger })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ReconcileError);
    expect(error).toMatchObject({ failures: [{ statementId: lost }], announced: [announced] });
    expect((await ledger.listStarted()).map((run) => run.statementId)).toEqual([lost]);
    expect((await reconcile(createTestDependencies({ ledger }))).announced).toEqual([lost]);
  });

  it('refuses a ledger that keeps no started runs, naming it', async () => {
    const claimOnly: Ledger = {
      claim: async (statementId) => ({ status: 'announced', statementId }),
      confirm: async () => true,
      release: async () => true,
    };
    await expect(reconcile(createTestDependencies({ ledger: claimOnly }))).rejects.toThrow(
      /keeps no started runs/,
    );
  });

  it('rejects a non-positive look-back, naming the value', async () => {
    await expect(reconcile(createTestDependencies(), { lookbackHours: 0 })).rejects.toThrow(
      NotifierConfigurationError,
    );
    await expect(reconcile(createTestDependencies(), { lookbackHours: -2 })).rejects.toThrow(
      'lookbackHours -2',
    );
  });
});
