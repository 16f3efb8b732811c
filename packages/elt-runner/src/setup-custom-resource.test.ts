import {
  CancelStatementCommand,
  DescribeStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import type { PipelineTarget } from '@shiftflow/events';
import { dataApiTargetOf } from '@shiftflow/events';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CustomResourceError, SetupStatementFailedError, SetupTimeoutError } from './errors';
import { isSetupComplete, onSetupEvent, type SetupResourceEvent } from './setup-custom-resource';

const sdk = mockClient(RedshiftDataClient);
const batchId = 'b65a1a96-be05-4a27-96ee-f12326dc712c';
const created = new Date('2026-11-30T16:00:00Z');
const targets: PipelineTarget[] = [];
const dataApiFor = (target: PipelineTarget) => {
  targets.push(target);
  const client = new RedshiftDataClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return new RedshiftData({ client, target: dataApiTargetOf(target) });
};

const properties = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider',
  PipelineName: 'nyc-taxi',
  Target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
  Files: [
    { name: 'sql/setup/001_t.sql', sql: 'CREATE TABLE IF NOT EXISTS t (a INT);' },
    {
      name: 'sql/setup/002_p.sql',
      sql: 'CREATE OR REPLACE PROCEDURE p() AS $$ BEGIN COPY t FROM {{sourceS3Uri}} IAM_ROLE {{redshiftIamRoleArn}}; END; $$ LANGUAGE plpgsql;',
    },
  ],
  Values: {
    sourceS3Uri: 's3://shiftflow-sample/raw/',
    redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/copy',
  },
  SqlHash: 'abc',
};

describe('onSetupEvent', () => {
  beforeEach(() => sdk.reset());

  it('does nothing on Delete: tables keep their data', async () => {
    const deleted = await onSetupEvent(
      {
        RequestType: 'Delete',
        ResourceProperties: properties,
        PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
      },
      dataApiFor,
    );
    expect(deleted).toEqual({ PhysicalResourceId: 'shiftflow-setup/nyc-taxi', Data: {} });
    expect(sdk.calls()).toHaveLength(0);
  });

  it('names a bad property', async () => {
    const event: SetupResourceEvent = {
      RequestType: 'Create',
      ResourceProperties: { ...properties, Target: { type: 'cluster', database: 'dev' } },
    };
    await expect(onSetupEvent(event, dataApiFor)).rejects.toThrow(CustomResourceError);
    await expect(onSetupEvent(event, dataApiFor)).rejects.toThrow(/Target.*clusterIdentifier/);
    await expect(
      onSetupEvent({ RequestType: 'Create', ResourceProperties: { ...properties, Files: [] } }, dataApiFor),
    ).rejects.toThrow(/property Files/);
    await expect(
      onSetupEvent(
        { RequestType: 'Create', ResourceProperties: { ...properties, TimeoutSeconds: 'soon' } },
        dataApiFor,
      ),
    ).rejects.toThrow(/property TimeoutSeconds must be a whole number of seconds; got "soon"/);
    expect(sdk.calls()).toHaveLength(0);
  });
});

describe('isSetupComplete', () => {
  const event: SetupResourceEvent = {
    RequestType: 'Create',
    ResourceProperties: properties,
    PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
    Data: {
      StatementId: batchId,
      SqlHash: 'f00',
      Applied: 'sql/setup/001_t.sql\nsql/setup/002_p.sql',
      SubmittedAt: '2026-11-30T16:00:00.000Z',
    },
  };
  const submittedAt = Date.parse('2026-11-30T16:00:00.000Z');

  beforeEach(() => sdk.reset());

  it('is not complete while the batch runs and complete once it finished', async () => {
    sdk
      .on(DescribeStatementCommand)
      .resolvesOnce({ Id: batchId, Status: 'STARTED', CreatedAt: created, UpdatedAt: created })
      .resolves({ Id: batchId, Status: 'FINISHED', CreatedAt: created, UpdatedAt: created });
    expect(await isSetupComplete(event, dataApiFor, () => submittedAt + 60_000)).toEqual({
      IsComplete: false,
    });
    expect(await isSetupComplete(event, dataApiFor, () => submittedAt + 60_000)).toEqual({
      IsComplete: true,
      Data: { StatementId: batchId, SqlHash: 'f00' },
    });
  });

  it('fails the deploy naming the file of the failing statement', async () => {
    sdk.on(DescribeStatementCommand).resolves({
      Id: batchId,
      Status: 'FAILED',
      CreatedAt: created,
      UpdatedAt: created,
      SubStatements: [
        { Id: `${batchId}:1`, Status: 'FINISHED' },
        { Id: `${batchId}:2`, Status: 'FAILED', Error: 'ERROR: permission denied' },
      ],
    });
    const error = await isSetupComplete(event, dataApiFor).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SetupStatementFailedError);
    expect(error).toMatchObject({
      file: 'sql/setup/002_p.sql',
      statementNumber: 1,
      serviceMessage: 'ERROR: permission denied',
    });
  });

  it('names the file among the applied ones only (the batch held just the pending files)', async () => {
    sdk.on(DescribeStatementCommand).resolves({
      Id: batchId,
      Status: 'FAILED',
      CreatedAt: created,
      UpdatedAt: created,
      SubStatements: [{ Id: `${batchId}:1`, Status: 'FAILED', Error: 'ERROR: syntax error' }],
    });
    const onlySecond = { ...event, Data: { ...event.Data, Applied: 'sql/setup/002_p.sql' } };
    const error = await isSetupComplete(onlySecond, dataApiFor).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ file: 'sql/setup/002_p.sql', statementNumber: 1 });
  });

  it('cancels a batch still running TimeoutSeconds after it was submitted, then fails the deploy', async () => {
    sdk
      .on(DescribeStatementCommand)
      .resolves({ Id: batchId, Status: 'STARTED', CreatedAt: created, UpdatedAt: created });
    sdk.on(CancelStatementCommand).resolves({ Status: true });
    const timed = { ...event, ResourceProperties: { ...properties, TimeoutSeconds: '600' } };
    expect(await isSetupComplete(timed, dataApiFor, () => submittedAt + 599_000)).toEqual({
      IsComplete: false,
    });
    expect(sdk.commandCalls(CancelStatementCommand)).toHaveLength(0);
    const error = await isSetupComplete(timed, dataApiFor, () => submittedAt + 600_000).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SetupTimeoutError);
    expect(error).toMatchObject({ statementId: batchId, cancelled: true, timeoutMs: 600_000 });
    expect((error as Error).message).toContain('cancelled it');
    expect(sdk.commandCalls(CancelStatementCommand)[0]?.args[0].input).toEqual({ Id: batchId });
  });

  it('is complete at once for Delete', async () => {
    expect(await isSetupComplete({ ...event, RequestType: 'Delete', Data: {} }, dataApiFor)).toEqual({
      IsComplete: true,
    });
    expect(sdk.calls()).toHaveLength(0);
  });
});
