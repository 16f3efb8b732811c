/**
 * The engine worker dying (the `crashEngineWorker` hook), seen by real SDK clients over HTTP: a
 * crash mid-CALL fails the statement cleanly and the endpoint keeps serving, committed data intact.
 */
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatementStatusChangeEnvelope } from '../../src/index';
import { type Fixture, startFixture } from '../support/local-redshift-fixture';

let fixture: Fixture | undefined;

afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

async function waitForStatus(client: RedshiftDataClient, id: string, wanted: (status: string) => boolean) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const description = await client.send(new DescribeStatementCommand({ Id: id }));
    if (wanted(description.Status ?? '')) return description;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`statement ${id} never reached the wanted status`);
}

describe('the engine worker dying mid-CALL', () => {
  it('fails the CALL cleanly, runs the queued statement, keeps committed data and keeps serving', async () => {
    fixture = await startFixture();
    const { client, redshift, target } = fixture;
    const events: StatementStatusChangeEnvelope[] = [];
    redshift.onStatusChange((event) => events.push(event));
    const dataApi = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });
    await dataApi.query('create table loads (id int not null)');
    await dataApi.query('insert into loads values (1)');
    await dataApi.query(`create or replace procedure slow_load() as $$
begin
  insert into loads values (2);
  perform pg_sleep(30);
end;
$$ language plpgsql`);

    const call = await client.send(
      new ExecuteStatementCommand({
        ...target,
        Sql: 'call slow_load();',
        WithEvent: true,
        StatementName: 'p/crash',
      }),
    );
    const queued = await client.send(new ExecuteStatementCommand({ ...target, Sql: 'select 42 as answer' }));
    await waitForStatus(client, call.Id!, (status) => status === 'STARTED');
    await new Promise((resolve) => setTimeout(resolve, 200));

    await redshift.crashEngineWorker();

    const failed = await waitForStatus(client, call.Id!, (status) =>
      ['FINISHED', 'FAILED', 'ABORTED'].includes(status),
    );
    expect(failed.Status).toBe('FAILED');
    expect(failed.Error).toMatch(/worker exited/);
    await expect.poll(() => events.map((event) => event.detail.state)).toEqual(['FAILED']);
    expect(events[0]?.detail.statementId).toBe(call.Id);
    const answer = await waitForStatus(client, queued.Id!, (status) =>
      ['FINISHED', 'FAILED', 'ABORTED'].includes(status),
    );
    expect(answer.Status).toBe('FINISHED');
    // Committed row kept, the crashed CALL's row rolled back; new statements run.
    expect(await dataApi.query<{ id: number }>('select id from loads order by id')).toEqual([{ id: 1 }]);
    await dataApi.query('insert into loads values (3)');
    expect(await dataApi.query<{ id: number }>('select id from loads order by id')).toEqual([
      { id: 1 },
      { id: 3 },
    ]);
  });

  it('survives a crash of an idle worker and a second crash in a row', async () => {
    fixture = await startFixture();
    const dataApi = new RedshiftData({
      client: fixture.client,
      target: { workgroupName: 'local', database: 'dev' },
    });
    await dataApi.query('create table kept (v text)');
    await dataApi.query(`insert into kept values ('before')`);

    await fixture.redshift.crashEngineWorker();
    expect(await dataApi.query<{ v: string }>('select v from kept')).toEqual([{ v: 'before' }]);
    await fixture.redshift.crashEngineWorker();
    expect(await dataApi.query<{ v: string }>('select v from kept')).toEqual([{ v: 'before' }]);
  });
});
