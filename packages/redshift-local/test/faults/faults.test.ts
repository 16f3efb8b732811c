/**
 * Faults injected through the `faults` option and the `crashEngineWorker` hook, seen by real SDK
 * clients over HTTP: throttling and 5xx answers (the `faults` option) are retried by the SDK and the ClientToken keeps a
 * retried ExecuteStatement to one statement.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  ListStatementsCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { afterEach, describe, expect, it } from 'vitest';
import { runRedshiftLocalCommand } from '../../src/run-redshift-local-command';
import { type Fixture, sdkClient, startFixture } from '../support/local-redshift-fixture';

let fixture: Fixture | undefined;

afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

/** A client with the SDK's default retry strategy (3 attempts), as the runner and notifier use. */
function retryingClient(endpoint: string): RedshiftDataClient {
  return new RedshiftDataClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

async function statementsNamed(client: RedshiftDataClient, name: string) {
  const { Statements = [] } = await client.send(
    new ListStatementsCommand({ StatementName: name, Status: 'ALL', MaxResults: 100 }),
  );
  return Statements;
}

async function waitForStatus(client: RedshiftDataClient, id: string, wanted: (status: string) => boolean) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const description = await client.send(new DescribeStatementCommand({ Id: id }));
    if (wanted(description.Status ?? '')) return description;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`statement ${id} never reached the wanted status`);
}

describe('throttling and 5xx answers', () => {
  it('a run submitted with a ClientToken succeeds through a throttle and a lost answer, as one statement', async () => {
    fixture = await startFixture({
      faults: {
        throttle: { operations: ['ExecuteStatement'], count: 1 },
        serverErrors: { operations: ['ExecuteStatement'], count: 1, when: 'after' },
      },
    });
    const client = retryingClient(fixture.redshift.endpoint);
    const dataApi = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });

    const { id } = await dataApi.execute('select 1 as one', {
      statementName: 'nyc-taxi/2026-11-30T16:00:00.000Z',
      clientToken: 'a0c6f6e5-7d7e-4f55-9f6b-2d1c1d6f9a01',
      withEvent: true,
    });
    const description = await dataApi.wait(id, { timeoutMs: 20_000 });

    expect(description.status).toBe('FINISHED');
    // Attempt 1 throttled, attempt 2 submitted the statement and lost its answer, attempt 3 got it back by token.
    expect(fixture.redshift.faultCounts()).toMatchObject({ throttle: 1, serverErrors: 1 });
    const statements = await statementsNamed(client, 'nyc-taxi/');
    expect(statements.map((statement) => statement.Id)).toEqual([id]);
    client.destroy();
  });

  it('the SDK fills in a ClientToken itself, so a plain retried ExecuteStatement stays one statement', async () => {
    fixture = await startFixture({
      faults: { serverErrors: { operations: ['ExecuteStatement'], count: 2, when: 'after' } },
    });
    const client = retryingClient(fixture.redshift.endpoint);

    // Attempts 1 and 2 submit and lose their answers; attempt 3 gets the statement back by the
    // token the SDK generated once for the call.
    const { Id } = await client.send(
      new ExecuteStatementCommand({ ...fixture.target, Sql: 'select 1', StatementName: 'plain/retried' }),
    );

    expect(fixture.redshift.faultCounts().serverErrors).toBe(2);
    expect((await statementsNamed(client, 'plain/retried')).map((statement) => statement.Id)).toEqual([Id]);
    client.destroy();
  });

  it('a caller that gives up and calls again makes a new call with a new token: a second statement', async () => {
    fixture = await startFixture({
      faults: { serverErrors: { operations: ['ExecuteStatement'], count: 1, when: 'after' } },
    });
    const giveUp = fixture.client; // maxAttempts 1
    const input = { ...fixture.target, Sql: 'select 1', StatementName: 'plain/again' };

    await expect(giveUp.send(new ExecuteStatementCommand(input))).rejects.toMatchObject({
      name: 'InternalServerException',
      $metadata: { httpStatusCode: 500 },
    });
    await giveUp.send(new ExecuteStatementCommand(input));

    expect(await statementsNamed(giveUp, 'plain/again')).toHaveLength(2);
  });

  it('query() reads its rows through throttled DescribeStatement and 503 GetStatementResult answers', async () => {
    fixture = await startFixture({
      faults: {
        throttle: { operations: ['DescribeStatement'], count: 2 },
        serverErrors: { operations: ['GetStatementResult'], count: 2, status: 503 },
      },
    });
    const client = retryingClient(fixture.redshift.endpoint);
    const dataApi = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });

    const rows = await dataApi.query<{ n: number }>('select generate_series(1, 5) as n');

    expect(rows.map((row) => row.n)).toEqual([1, 2, 3, 4, 5]);
    expect(fixture.redshift.faultCounts()).toMatchObject({ throttle: 2, serverErrors: 2 });
    client.destroy();
  });

  it('a client that gives up (maxAttempts 1) gets the typed exception, and the endpoint keeps serving', async () => {
    fixture = await startFixture({ faults: { throttle: { operations: ['ExecuteStatement'], count: 1 } } });
    const { client } = fixture;

    await expect(
      client.send(new ExecuteStatementCommand({ ...fixture.target, Sql: 'select 1' })),
    ).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    const { Id } = await client.send(new ExecuteStatementCommand({ ...fixture.target, Sql: 'select 1' }));
    expect((await waitForStatus(client, Id!, (status) => status === 'FINISHED')).Status).toBe('FINISHED');
  });
});

describe('redshift-local serve --faults', () => {
  it('takes the faults option as JSON, and names bad JSON', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-faults-command-'));
    const sink = { write: () => true };
    try {
      await expect(
        runRedshiftLocalCommand(['serve', '--s3-root', root, '--faults', '{throttle'], sink, sink),
      ).rejects.toMatchObject({ name: 'InvalidOptionError', option: '--faults', value: '{throttle' });
      await expect(
        runRedshiftLocalCommand(['serve', '--s3-root', root, '--faults', '{"throttle":{}}'], sink, sink),
      ).rejects.toMatchObject({ name: 'InvalidOptionError', option: 'faults.throttle' });

      const redshift = await runRedshiftLocalCommand(
        ['serve', '--s3-root', root, '--faults', '{"throttle":{"operations":["ListStatements"],"count":1}}'],
        sink,
        sink,
      );
      const client = sdkClient(redshift!.endpoint);
      try {
        await expect(client.send(new ListStatementsCommand({}))).rejects.toMatchObject({
          name: 'ThrottlingException',
        });
        await expect(client.send(new ListStatementsCommand({}))).resolves.toMatchObject({ Statements: [] });
      } finally {
        client.destroy();
        await redshift!.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
