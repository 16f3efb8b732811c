import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import type { PipelineTarget } from '@shiftflow/events';
import { dataApiTargetOf } from '@shiftflow/events';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CustomResourceError, SetupStatementFailedError } from './errors';
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
  beforeEach(() => {
    sdk.reset();
    targets.length = 0;
    sdk.on(BatchExecuteStatementCommand).resolves({ Id: batchId, CreatedAt: created });
  });

  it('submits the rendered statements on Create with a stable physical id', async () => {
    const result = await onSetupEvent({ RequestType: 'Create', ResourceProperties: properties }, dataApiFor);
    expect(result.PhysicalResourceId).toBe('shiftflow-setup/nyc-taxi');
    expect(result.Data).toMatchObject({ StatementId: batchId, StatementCount: 2 });
    const input = sdk.commandCalls(BatchExecuteStatementCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ ClusterIdentifier: 'analytics', Database: 'dev', DbUser: 'etl' });
    expect(input?.Sqls?.[1]).toContain(
      "COPY t FROM 's3://shiftflow-sample/raw/' IAM_ROLE 'arn:aws:iam::123456789012:role/copy'",
    );
    expect(input?.StatementName).toMatch(/^shiftflow-setup\/nyc-taxi\/[0-9a-f]{12}$/);
  });

  it("renders the source Region into COPY's REGION option when the properties carry one", async () => {
    const withRegion = {
      ...properties,
      Files: [
        {
          name: 'sql/setup/002_p.sql',
          sql: 'CREATE OR REPLACE PROCEDURE p() AS $$ BEGIN COPY t FROM {{sourceS3Uri}} IAM_ROLE {{redshiftIamRoleArn}} {{sourceRegionOption}}; END; $$ LANGUAGE plpgsql;',
        },
      ],
      Values: { ...properties.Values, sourceRegion: 'us-west-2' },
    };
    await onSetupEvent({ RequestType: 'Create', ResourceProperties: withRegion }, dataApiFor);
    const input = sdk.commandCalls(BatchExecuteStatementCommand)[0]?.args[0].input;
    expect(input?.Sqls?.[0]).toContain("IAM_ROLE 'arn:aws:iam::123456789012:role/copy' REGION 'us-west-2';");
  });

  it('keeps the physical id on Update and does nothing on Delete', async () => {
    const update = await onSetupEvent(
      {
        RequestType: 'Update',
        ResourceProperties: properties,
        PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
      },
      dataApiFor,
    );
    expect(update.PhysicalResourceId).toBe('shiftflow-setup/nyc-taxi');
    const deleted = await onSetupEvent(
      {
        RequestType: 'Delete',
        ResourceProperties: properties,
        PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
      },
      dataApiFor,
    );
    expect(deleted).toEqual({ PhysicalResourceId: 'shiftflow-setup/nyc-taxi', Data: {} });
    expect(sdk.commandCalls(BatchExecuteStatementCommand)).toHaveLength(1);
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
  });
});

describe('isSetupComplete', () => {
  const event: SetupResourceEvent = {
    RequestType: 'Create',
    ResourceProperties: properties,
    PhysicalResourceId: 'shiftflow-setup/nyc-taxi',
    Data: { StatementId: batchId, SqlHash: 'f00' },
  };

  beforeEach(() => sdk.reset());

  it('is not complete while the batch runs and complete once it finished', async () => {
    sdk
      .on(DescribeStatementCommand)
      .resolvesOnce({ Id: batchId, Status: 'STARTED', CreatedAt: created, UpdatedAt: created })
      .resolves({ Id: batchId, Status: 'FINISHED', CreatedAt: created, UpdatedAt: created });
    expect(await isSetupComplete(event, dataApiFor)).toEqual({ IsComplete: false });
    expect(await isSetupComplete(event, dataApiFor)).toEqual({
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

  it('is complete at once for Delete', async () => {
    expect(await isSetupComplete({ ...event, RequestType: 'Delete', Data: {} }, dataApiFor)).toEqual({
      IsComplete: true,
    });
    expect(sdk.calls()).toHaveLength(0);
  });
});
