import { describe, expect, it } from 'vitest';
import { createTestDependencies } from './__fixtures__/create-test-dependencies';
import { InvalidStatementIdError, NotifierConfigurationError } from './errors';
import { MemoryLedger } from './memory-ledger';
import { isRunnerSuccessRecord, recordStartedRun } from './record-started-run';

const statementId = 'aaaaaaaa-1111-4111-8111-000000000001';

/** A Lambda on-success destination record of the runner (the invocation record's shape). */
function successRecord(responsePayload: Record<string, unknown>) {
  return {
    version: '1.0',
    timestamp: '2026-11-30T16:00:02.500Z',
    requestContext: {
      requestId: 'c2a6f2ae-7dbb-4d22-8782-d0485c9877e2',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:runner:$LATEST',
      condition: 'Success',
      approximateInvokeCount: 1,
    },
    requestPayload: { source: 'shiftflow.scheduler', scheduledTime: '2026-11-30T16:00:00Z' },
    responseContext: { statusCode: 200, executedVersion: '$LATEST' },
    responsePayload,
  };
}

const startedResult = {
  status: 'started',
  pipelineName: 'nyc-taxi',
  runId: 'nyc-taxi/2026-11-30T16:00:00.000Z',
  trigger: 'scheduled',
  scheduledTime: '2026-11-30T16:00:00.000Z',
  statementId,
  clientToken: 'token',
};

describe('recordStartedRun', () => {
  it('records the started run of the runner’s success record, stamped with the record’s time', async () => {
    const ledger = new MemoryLedger({ now: () => new Date('2026-11-30T16:10:00Z') });

    const outcome = await recordStartedRun(successRecord(startedResult), createTestDependencies({ ledger }));
    await recordStartedRun(successRecord(startedResult), createTestDependencies({ ledger }));

    expect(outcome).toEqual({ status: 'recorded', statementId, runId: startedResult.runId });
    expect(await ledger.listStarted()).toEqual([
      { statementId, statementName: startedResult.runId, startedAt: new Date('2026-11-30T16:00:02.500Z') },
    ]);
  });

  it('ignores a skipped run and another pipeline’s run', async () => {
    const ledger = new MemoryLedger();
    const dependencies = createTestDependencies({ ledger });

    const skipped = await recordStartedRun(
      successRecord({ status: 'skipped', pipelineName: 'nyc-taxi', runId: startedResult.runId }),
      dependencies,
    );
    const foreign = await recordStartedRun(
      successRecord({ ...startedResult, pipelineName: 'other', runId: 'other/2026-11-30T16:00:00.000Z' }),
      dependencies,
    );

    expect(skipped).toMatchObject({ status: 'ignored', reason: expect.stringContaining('skipped') });
    expect(foreign).toMatchObject({ status: 'ignored', reason: expect.stringContaining('other') });
    expect(await ledger.listStarted()).toEqual([]);
  });

  it('tells a destination record from a schedule event, and refuses a bad one', async () => {
    expect(isRunnerSuccessRecord(successRecord(startedResult))).toBe(true);
    expect(isRunnerSuccessRecord({})).toBe(false);
    expect(isRunnerSuccessRecord({ source: 'shiftflow.local', 'detail-type': 'Reconcile' })).toBe(false);
    await expect(recordStartedRun({}, createTestDependencies())).rejects.toThrow(NotifierConfigurationError);
    await expect(
      recordStartedRun(
        successRecord({ ...startedResult, statementId: 'not-an-id' }),
        createTestDependencies(),
      ),
    ).rejects.toThrow(InvalidStatementIdError);
  });
});
