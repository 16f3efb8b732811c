import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { snsMessageStructureSchema } from '@shiftflow/events';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDependencies } from './__fixtures__/create-test-dependencies';
import aborted from './__fixtures__/status-change-aborted.json' with { type: 'json' };
import failed from './__fixtures__/status-change-failed.json' with { type: 'json' };
import finished from './__fixtures__/status-change-finished.json' with { type: 'json' };
import { InvalidStatusChangeEventError, NotificationPublishError } from './errors';
import { MemoryLedger } from './memory-ledger';
import { notifyStatusChange } from './notify-status-change';

const statementId = finished.detail.statementId;

function description(
  overrides: Partial<DescribeStatementCommandOutput> = {},
): Partial<DescribeStatementCommandOutput> {
  return {
    Id: statementId,
    Status: 'FINISHED',
    Duration: 245_000_000_000,
    CreatedAt: new Date('2026-11-30T16:00:01Z'),
    UpdatedAt: new Date('2026-11-30T16:04:26Z'),
    QueryString: 'CALL run_elt_process();',
    HasResultSet: false,
    ResultRows: -1,
    SubStatements: [],
    ...overrides,
  };
}

function publishedMessage(sns: AwsClientStub<SNSClient>, index = 0) {
  const input = sns.commandCalls(PublishCommand)[index]?.args[0].input;
  if (!input) throw new Error(`no Publish call #${index}`);
  return { input, message: snsMessageStructureSchema.parse(JSON.parse(input.Message ?? '')) };
}

describe('notifyStatusChange', () => {
  const redshiftData = mockClient(RedshiftDataClient);
  const sns = mockClient(SNSClient);

  beforeEach(() => {
    redshiftData.reset();
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  });

  it('announces a FINISHED statement as a success with duration and rows loaded', async () => {
    redshiftData.on(DescribeStatementCommand).resolves(description());
    const rowsLoaded = vi.fn(async () => 1_234_567);
    const dependencies = createTestDependencies({ rowsLoaded });
    const info = vi.spyOn(dependencies.logger, 'info');

    const outcome = await notifyStatusChange(finished, dependencies);

    expect(outcome).toMatchObject({ status: 'announced', statementId, messageId: 'message-1' });
    const { input, message } = publishedMessage(sns);
    expect(input.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:shiftflow-nyc-taxi');
    expect(input.MessageStructure).toBe('json');
    expect(input.Subject).toBe('[shiftflow] nyc-taxi run succeeded (2026-11-30T16:00:00.000Z)');
    expect(input.MessageAttributes?.outcome?.StringValue).toBe('success');
    expect(message.email).toContain('Rows loaded:     1,234,567');
    expect(message.email).toContain('Duration:        4 min 05 s');
    expect(message.email).toContain(`Statement id:    ${statementId}`);
    expect(message.email).toContain('#serverless-workgroup?workgroup=etl-wg');
    expect(message.sms).toContain('succeeded');
    expect(rowsLoaded).toHaveBeenCalledWith(expect.objectContaining({ statementId }));
    expect(info).toHaveBeenCalledWith(
      'statement announced',
      expect.objectContaining({ pipeline: 'nyc-taxi', statementId, runId: finished.detail.statementName }),
    );
  });

  it('announces a FAILED statement as a failure with the error and the failing sub-statement SQL', async () => {
    redshiftData.on(DescribeStatementCommand).resolves(
      description({
        Id: failed.detail.statementId,
        Status: 'FAILED',
        Error: 'ERROR: relation "nyc_yellow_taxi" does not exist',
        SubStatements: [
          { Id: `${failed.detail.statementId}:1`, Status: 'FINISHED', QueryString: 'TRUNCATE t' },
          {
            Id: `${failed.detail.statementId}:2`,
            Status: 'FAILED',
            Error: 'ERROR: relation "nyc_yellow_taxi" does not exist',
            QueryString: "COPY nyc_yellow_taxi FROM 's3://b/k'",
          },
        ],
      }),
    );
    const rowsLoaded = vi.fn(async () => 5);

    const outcome = await notifyStatusChange(failed, createTestDependencies({ rowsLoaded }));

    expect(outcome.status).toBe('announced');
    const { input, message } = publishedMessage(sns);
    expect(input.Subject).toBe('[shiftflow] nyc-taxi run FAILED (2026-11-30T16:00:00.000Z)');
    expect(input.MessageAttributes?.outcome?.StringValue).toBe('failure');
    expect(message.default).toContain('Error:\n  ERROR: relation "nyc_yellow_taxi" does not exist');
    expect(message.default).toContain("Failing SQL:\n  COPY nyc_yellow_taxi FROM 's3://b/k'");
    expect(message.default.toLowerCase()).not.toContain('completed');
    expect(rowsLoaded).not.toHaveBeenCalled();
  });

  it('announces an ABORTED statement as a failure, never as completed', async () => {
    redshiftData
      .on(DescribeStatementCommand)
      .resolves(description({ Id: aborted.detail.statementId, Status: 'ABORTED' }));

    const outcome = await notifyStatusChange(aborted, createTestDependencies());

    expect(outcome).toMatchObject({
      status: 'announced',
      notification: { outcome: 'failure', state: 'ABORTED' },
    });
    const { input, message } = publishedMessage(sns);
    expect(input.Subject).toContain('ABORTED');
    expect(`${input.Subject} ${message.default}`.toLowerCase()).not.toContain('completed');
  });

  it('trusts DescribeStatement when it reports a failure for an event that said FINISHED', async () => {
    redshiftData
      .on(DescribeStatementCommand)
      .resolves(description({ Status: 'FAILED', Error: 'ERROR: boom' }));

    const outcome = await notifyStatusChange(finished, createTestDependencies());

    expect(outcome).toMatchObject({ notification: { state: 'FAILED', outcome: 'failure' } });
  });

  it('announces a duplicate event only once', async () => {
    redshiftData.on(DescribeStatementCommand).resolves(description());
    const dependencies = createTestDependencies();

    const first = await notifyStatusChange(finished, dependencies);
    const second = await notifyStatusChange({ ...finished, id: 'another-delivery' }, dependencies);

    expect(first.status).toBe('announced');
    expect(second.status).toBe('already-announced');
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('ignores, with a log line, an event of another pipeline', async () => {
    const dependencies = createTestDependencies();
    const info = vi.spyOn(dependencies.logger, 'info');
    const foreign = {
      ...finished,
      detail: { ...finished.detail, statementName: 'nyc-taxi-copy/2026-11-30T16:00:00.000Z' },
    };
    const unnamed = { ...finished, detail: { ...finished.detail, statementName: undefined } };

    const outcome = await notifyStatusChange(foreign, dependencies);
    const unnamedOutcome = await notifyStatusChange(unnamed, dependencies);

    expect(outcome).toMatchObject({ status: 'ignored', statementId });
    expect(unnamedOutcome.status).toBe('ignored');
    expect(info).toHaveBeenCalledWith(
      'ignored a status-change event of another pipeline',
      expect.objectContaining({ reason: expect.stringContaining('nyc-taxi-copy/') }),
    );
    expect(redshiftData.calls()).toHaveLength(0);
    expect(sns.calls()).toHaveLength(0);
  });

  it('rejects a malformed event holding a cyclic value with InvalidStatusChangeEventError, not a JSON error', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const malformed = { ...finished, detail: { ...finished.detail, state: cyclic } };

    const rejection = notifyStatusChange(malformed, createTestDependencies());

    await expect(rejection).rejects.toBeInstanceOf(InvalidStatusChangeEventError);
    await expect(rejection).rejects.toThrow(/detail\.state: expected one of .* \(got \[object\]\)/);
    expect(sns.calls()).toHaveLength(0);
  });

  it('rejects a malformed event with every failing path and value', async () => {
    const malformed = { ...finished, detail: { ...finished.detail, state: 'RUNNING', statementId: '' } };

    const error = await notifyStatusChange(malformed, createTestDependencies()).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(InvalidStatusChangeEventError);
    expect((error as InvalidStatusChangeEventError).issues.join('\n')).toMatch(/detail\.state: .*"RUNNING"/);
    expect((error as InvalidStatusChangeEventError).issues.join('\n')).toMatch(/detail\.statementId/);
    await expect(notifyStatusChange('not an event', createTestDependencies())).rejects.toThrow(
      InvalidStatusChangeEventError,
    );
    expect(sns.calls()).toHaveLength(0);
  });

  it('releases the claim when SNS fails, so the retry announces the statement', async () => {
    redshiftData.on(DescribeStatementCommand).resolves(description());
    sns
      .on(PublishCommand)
      .rejectsOnce(
        Object.assign(new Error('Internal error'), { name: 'InternalErrorException', $fault: 'server' }),
      )
      .resolves({ MessageId: 'message-2' });
    const ledger = new MemoryLedger();
    const dependencies = createTestDependencies({ ledger });

    const error = await notifyStatusChange(finished, dependencies).catch((caught: unknown) => caught);
    const retry = await notifyStatusChange(finished, dependencies);

    expect(error).toBeInstanceOf(NotificationPublishError);
    expect(error).toMatchObject({ statementId, isRetryable: true });
    expect(retry).toMatchObject({ status: 'announced', messageId: 'message-2' });
    expect((await ledger.claim(statementId)).status).toBe('announced');
  });

  it('releases the claim when DescribeStatement fails', async () => {
    redshiftData
      .on(DescribeStatementCommand)
      .rejects(Object.assign(new Error('down'), { name: 'InternalServerException' }));
    const ledger = new MemoryLedger();

    await expect(notifyStatusChange(finished, createTestDependencies({ ledger }))).rejects.toThrow();

    expect((await ledger.claim(statementId)).status).toBe('claimed');
    expect(sns.calls()).toHaveLength(0);
  });

  it('announces without the row count when the lookup fails, and logs why', async () => {
    redshiftData.on(DescribeStatementCommand).resolves(description());
    const dependencies = createTestDependencies({
      rowsLoaded: async () => Promise.reject(new Error('no log table')),
    });
    const warn = vi.spyOn(dependencies.logger, 'warn');

    const outcome = await notifyStatusChange(finished, dependencies);

    expect(outcome.status).toBe('announced');
    expect(publishedMessage(sns).message.default).toContain('Rows loaded:     unknown');
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('rows loaded'),
      expect.objectContaining({ statementId }),
    );
  });

  it('does nothing while another invocation holds the claim', async () => {
    const ledger = new MemoryLedger();
    await ledger.claim(statementId);

    const outcome = await notifyStatusChange(finished, createTestDependencies({ ledger }));

    expect(outcome.status).toBe('in-progress');
    expect(sns.calls()).toHaveLength(0);
  });
});
