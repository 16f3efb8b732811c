import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type GetStatementResultCommandOutput,
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

/** The one-row result set of `CALL run_elt_process();` (its OUT arguments), as GetStatementResult returns it. */
function runResult(
  rowsLoaded: number,
  startedAt: string,
  endedAt: string,
): Partial<GetStatementResultCommandOutput> {
  return {
    ColumnMetadata: [
      { name: 'rows_loaded', typeName: 'int8' },
      { name: 'started_at', typeName: 'timestamp' },
      { name: 'ended_at', typeName: 'timestamp' },
    ],
    Records: [[{ longValue: rowsLoaded }, { stringValue: startedAt }, { stringValue: endedAt }]],
    TotalNumRows: 1,
  };
}

const loadError =
  "ERROR: Load into table 'nyc_yellow_taxi' failed.  Check 'stl_load_errors' system table for details.";
const loadErrorQueryId = 'c0ffee00-0747-4bf4-b142-e8883122f766';

/** sys_load_error_detail rows as GetStatementResult returns them. */
function loadErrorRows(): Partial<GetStatementResultCommandOutput> {
  return {
    ColumnMetadata: [
      { name: 'file_name', typeName: 'varchar' },
      { name: 'line_number', typeName: 'int8' },
      { name: 'column_name', typeName: 'varchar' },
      { name: 'column_type', typeName: 'varchar' },
      { name: 'position', typeName: 'int4' },
      { name: 'error_code', typeName: 'int4' },
      { name: 'error_message', typeName: 'varchar' },
    ],
    Records: [
      [
        { stringValue: 's3://shiftflow-sample/nyc_yellow_taxi_raw/2015-01.txt' },
        { longValue: 17 },
        { stringValue: 'fare_amount' },
        { stringValue: 'float4' },
        { longValue: 0 },
        { longValue: 1208 },
        { stringValue: "Invalid digit, Value 'x', Pos 0, Type: Float" },
      ],
    ],
    TotalNumRows: 1,
  };
}

/** Mocks the Data API for a FAILED load: the statement's description, then the load-error query. */
function mockFailedLoad(redshiftData: AwsClientStub<RedshiftDataClient>) {
  redshiftData.on(DescribeStatementCommand, { Id: failed.detail.statementId }).resolves(
    description({
      Id: failed.detail.statementId,
      Status: 'FAILED',
      Error: loadError,
      RedshiftPid: 1_073_815_778,
      RedshiftQueryId: 5_112,
    }),
  );
  redshiftData.on(ExecuteStatementCommand).resolves({ Id: loadErrorQueryId });
  redshiftData
    .on(DescribeStatementCommand, { Id: loadErrorQueryId })
    .resolves(description({ Id: loadErrorQueryId, Status: 'FINISHED', HasResultSet: true, ResultRows: 1 }));
  redshiftData.on(GetStatementResultCommand, { Id: loadErrorQueryId }).resolves(loadErrorRows());
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

  it('announces a FINISHED statement from its result row alone: one GetStatementResult, rows and duration', async () => {
    redshiftData
      .on(GetStatementResultCommand, { Id: statementId })
      .resolves(runResult(1_234_567, '2026-11-30 16:00:20', '2026-11-30 16:04:25'));
    const dependencies = createTestDependencies();
    const info = vi.spyOn(dependencies.logger, 'info');

    const outcome = await notifyStatusChange(finished, dependencies);

    expect(outcome).toMatchObject({ status: 'announced', statementId, messageId: 'message-1' });
    expect(redshiftData.calls()).toHaveLength(1);
    expect(redshiftData.commandCalls(GetStatementResultCommand)).toHaveLength(1);
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
    expect(info).toHaveBeenCalledWith(
      'statement announced',
      expect.objectContaining({ pipeline: 'nyc-taxi', statementId, runId: finished.detail.statementName }),
    );
  });

  it('logs the rows loaded and the duration on the "statement announced" line the metric filters read', async () => {
    redshiftData
      .on(GetStatementResultCommand, { Id: statementId })
      .resolves(runResult(1_234_567, '2026-11-30 16:00:20', '2026-11-30 16:04:25'));
    const dependencies = createTestDependencies();
    const info = vi.spyOn(dependencies.logger, 'info');

    await notifyStatusChange(finished, dependencies);

    const announced = info.mock.calls.filter(([message]) => message === 'statement announced');
    expect(announced).toHaveLength(1);
    expect(announced[0]?.[1]).toMatchObject({
      outcome: 'success',
      rowsLoaded: 1_234_567,
      durationMs: 245_000,
    });
  });

  it('leaves a number the run did not report off the "statement announced" line', async () => {
    redshiftData
      .on(GetStatementResultCommand)
      .resolves(runResult(300, '2026-11-30 16:00:20', '2026-11-30 16:00:19'));
    const dependencies = createTestDependencies();
    const info = vi.spyOn(dependencies.logger, 'info');

    await notifyStatusChange(finished, dependencies);

    const announced = info.mock.calls.find(([message]) => message === 'statement announced')?.[1];
    expect(announced).toMatchObject({ outcome: 'success', rowsLoaded: 300 });
    expect(announced).not.toHaveProperty('durationMs');
  });

  it('says "under 1 s" when the whole-second stamps of GETDATE() are equal', async () => {
    redshiftData
      .on(GetStatementResultCommand)
      .resolves(runResult(300, '2026-11-30 16:00:20', '2026-11-30 16:00:20'));
    const dependencies = createTestDependencies();
    const warn = vi.spyOn(dependencies.logger, 'warn');

    await notifyStatusChange(finished, dependencies);

    const { message } = publishedMessage(sns);
    expect(message.email).toContain('Duration:        under 1 s');
    expect(warn).not.toHaveBeenCalled();
  });

  it('leaves the duration unknown, with a warning, when the result row ends before it starts', async () => {
    redshiftData
      .on(GetStatementResultCommand)
      .resolves(runResult(300, '2026-11-30 16:00:20', '2026-11-30 16:00:19'));
    const dependencies = createTestDependencies();
    const warn = vi.spyOn(dependencies.logger, 'warn');

    await notifyStatusChange(finished, dependencies);

    const { message } = publishedMessage(sns);
    expect(message.email).toContain('Duration:        unknown');
    expect(message.email).toContain('Rows loaded:     300');
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('duration left unknown'),
      expect.objectContaining({ statementId }),
    );
  });

  it('announces a FAILED statement with one DescribeStatement: the error and the failing sub-statement SQL', async () => {
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

    const outcome = await notifyStatusChange(failed, createTestDependencies());

    expect(outcome.status).toBe('announced');
    expect(redshiftData.calls()).toHaveLength(1);
    const { input, message } = publishedMessage(sns);
    expect(input.Subject).toBe('[shiftflow] nyc-taxi run FAILED (2026-11-30T16:00:00.000Z)');
    expect(input.MessageAttributes?.outcome?.StringValue).toBe('failure');
    expect(message.default).toContain('Error:\n  ERROR: relation "nyc_yellow_taxi" does not exist');
    expect(message.default).toContain("Failing SQL:\n  COPY nyc_yellow_taxi FROM 's3://b/k'");
    expect(message.default).not.toContain('Load errors');
    expect(message.default.toLowerCase()).not.toContain('completed');
  });

  it('puts the first bad rows of a failed load into the message in four Data API calls', async () => {
    mockFailedLoad(redshiftData);

    const outcome = await notifyStatusChange(failed, createTestDependencies());

    expect(outcome.status).toBe('announced');
    expect(redshiftData.calls()).toHaveLength(4);
    const execute = redshiftData.commandCalls(ExecuteStatementCommand)[0]?.args[0].input;
    expect(execute?.Sql).toMatch(
      /FROM sys_load_error_detail WHERE session_id = CAST\(:session_id AS INTEGER\)/,
    );
    expect(execute?.Sql).toContain('start_time >= CAST(:since AS TIMESTAMP)');
    expect(execute?.Sql).not.toContain('query_id');
    expect(execute?.Parameters).toEqual([
      { name: 'session_id', value: '1073815778' },
      { name: 'since', value: '2026-11-30 16:00:01.000' },
    ]);
    const { message } = publishedMessage(sns);
    expect(message.default).toContain(`Error:\n  ${loadError}`);
    expect(message.default).toContain('Load errors (first rows of sys_load_error_detail for this run');
    expect(message.default).toContain('1. File:    s3://shiftflow-sample/nyc_yellow_taxi_raw/2015-01.txt');
    expect(message.default).toContain('Line:    17');
    expect(message.default).toContain('Column:  fare_amount (float4), position 0');
    expect(message.default).toContain("Reason:  Invalid digit, Value 'x', Pos 0, Type: Float (error 1208)");
    expect(message.sms).toContain('2015-01.txt:17');
  });

  it('still announces a failed load with its error text when the load-error query fails, says so and logs why', async () => {
    mockFailedLoad(redshiftData);
    redshiftData.on(ExecuteStatementCommand).rejects(
      Object.assign(new Error('permission denied for relation sys_load_error_detail'), {
        name: 'ValidationException',
      }),
    );
    const dependencies = createTestDependencies();
    const warn = vi.spyOn(dependencies.logger, 'warn');

    const outcome = await notifyStatusChange(failed, dependencies);

    expect(outcome.status).toBe('announced');
    const { message } = publishedMessage(sns);
    expect(message.default).toContain(`Error:\n  ${loadError}`);
    expect(message.default).toMatch(
      /Load errors \(could not be read from sys_load_error_detail \(.*permission denied/,
    );
    expect(message.default).toContain('session_id 1073815778');
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('load-error rows'),
      expect.objectContaining({ statementId: failed.detail.statementId, error: expect.any(Error) }),
    );
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

  it('trusts DescribeStatement when it reports ABORTED for an event that said FAILED', async () => {
    redshiftData
      .on(DescribeStatementCommand)
      .resolves(description({ Id: failed.detail.statementId, Status: 'ABORTED' }));

    const outcome = await notifyStatusChange(failed, createTestDependencies());

    expect(outcome).toMatchObject({ notification: { state: 'ABORTED', outcome: 'failure' } });
  });

  it('announces a duplicate event only once', async () => {
    redshiftData
      .on(GetStatementResultCommand)
      .resolves(runResult(5, '2026-11-30 16:00:20', '2026-11-30 16:00:21'));
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
    await expect(rejection).rejects.toThrow(
      /detail\.state: (Invalid option: )?expected one of .* \(got \[object\]\)/,
    );
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
    redshiftData
      .on(GetStatementResultCommand)
      .resolves(runResult(5, '2026-11-30 16:00:20', '2026-11-30 16:00:21'));
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

    await expect(notifyStatusChange(failed, createTestDependencies({ ledger }))).rejects.toThrow();

    expect((await ledger.claim(failed.detail.statementId)).status).toBe('claimed');
    expect(sns.calls()).toHaveLength(0);
  });

  it('announces a FINISHED run without rows loaded when its result row cannot be read, and logs why', async () => {
    redshiftData
      .on(GetStatementResultCommand)
      .rejects(Object.assign(new Error('Query does not have result'), { name: 'ResourceNotFoundException' }));
    const dependencies = createTestDependencies();
    const warn = vi.spyOn(dependencies.logger, 'warn');

    const outcome = await notifyStatusChange(finished, dependencies);

    expect(outcome.status).toBe('announced');
    expect(publishedMessage(sns).message.default).toContain('Rows loaded:     unknown');
    expect(redshiftData.commandCalls(DescribeStatementCommand)).toHaveLength(0);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('rows loaded'),
      expect.objectContaining({ statementId, error: expect.any(Error) }),
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
