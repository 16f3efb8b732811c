import {
  DescribeStatementCommand,
  ListStatementsCommand,
  RedshiftDataClient,
  type StatementData,
} from '@aws-sdk/client-redshift-data';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDependencies } from './__fixtures__/create-test-dependencies';
import { NotifierConfigurationError, ReconcileError } from './errors';
import { MemoryLedger } from './memory-ledger';
import { reconcile } from './reconcile';

const lost = 'aaaaaaaa-1111-4111-8111-000000000001';
const announced = 'aaaaaaaa-1111-4111-8111-000000000002';
const old = 'aaaaaaaa-1111-4111-8111-000000000003';
const running = 'aaaaaaaa-1111-4111-8111-000000000004';
const foreign = 'aaaaaaaa-1111-4111-8111-000000000005';

function statement(id: string, overrides: Partial<StatementData> = {}): StatementData {
  return {
    Id: id,
    Status: 'FINISHED',
    StatementName: 'nyc-taxi/2026-11-30T16:00:00.000Z',
    QueryString: 'CALL run_elt_process();',
    CreatedAt: new Date('2026-11-30T16:00:01Z'),
    UpdatedAt: new Date('2026-11-30T16:04:26Z'),
    ...overrides,
  };
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
      Status: input.Id === lost ? 'FAILED' : 'FINISHED',
      Error: input.Id === lost ? 'ERROR: COPY failed' : undefined,
      Duration: 1_000_000_000,
      CreatedAt: new Date('2026-11-30T16:00:01Z'),
      UpdatedAt: new Date('2026-11-30T16:04:26Z'),
      QueryString: 'CALL run_elt_process();',
      HasResultSet: false,
      SubStatements: [],
    }));
  });

  it('announces the ended statements the ledger has not seen, once', async () => {
    redshiftData
      .on(ListStatementsCommand)
      .resolvesOnce({
        Statements: [
          statement(lost, { Status: 'FAILED' }),
          statement(running, { Status: 'STARTED' }),
          statement(foreign, { StatementName: 'other/2026-11-30T16:00:00.000Z' }),
        ],
        NextToken: 'page-2',
      })
      .resolves({
        Statements: [
          statement(announced),
          statement(old, {
            CreatedAt: new Date('2026-11-28T10:00:00Z'),
            UpdatedAt: new Date('2026-11-28T10:05:00Z'),
          }),
        ],
      });
    const ledger = new MemoryLedger();
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
      inProgress: 0,
    });
    expect(again.announced).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject).toContain('FAILED');
    const listInput = redshiftData.commandCalls(ListStatementsCommand)[0]?.args[0].input;
    expect(listInput).toMatchObject({ StatementName: 'nyc-taxi/', Status: 'ALL' });
  });

  it('tries every statement, then throws the failures so the next run retries them', async () => {
    redshiftData.on(ListStatementsCommand).resolves({ Statements: [statement(lost), statement(announced)] });
    sns.on(PublishCommand).rejectsOnce(new Error('SNS down')).resolves({ MessageId: 'message-2' });
    const ledger = new MemoryLedger();

    const error = await reconcile(createTestDependencies({ ledger })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ReconcileError);
    expect(error).toMatchObject({ failures: [{ statementId: lost }], announced: [announced] });
    expect((await ledger.claim(lost)).status).toBe('claimed');
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
