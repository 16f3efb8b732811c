/**
 * A local Redshift stopped hard while a statement runs (the process killed): after a restart on the
 * same data dir the statement is still known, FAILED, its transaction rolled back, and its
 * status-change event goes to the first subscriber, once. The kill is reproduced on disk: the
 * journal entry written at submission is copied while the CALL runs, the endpoint is closed (which
 * ends the statement cleanly), the copy is put back and the ended statement the clean stop kept is
 * removed, as a `kill -9` leaves the folder.
 */
import { copyFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  ListStatementsCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { afterEach, describe, expect, it } from 'vitest';
import { interruptedStatementError, type StatementStatusChangeEnvelope } from '../../src/index';
import { type Fixture, startFixture } from '../support/local-redshift-fixture';

const fixtures: Fixture[] = [];

afterEach(async () => {
  for (const fixture of fixtures.splice(0).reverse()) await fixture.dispose();
});

async function waitForStatus(client: RedshiftDataClient, id: string, wanted: string) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const description = await client.send(new DescribeStatementCommand({ Id: id }));
    if (description.Status === wanted) return description;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`statement ${id} never reached ${wanted}`);
}

describe('a restart after the local Redshift stopped mid-statement', () => {
  it('shows the statement FAILED, keeps committed data, and delivers its event to the first subscriber once', async () => {
    const first = await startFixture();
    fixtures.push(first);
    const { client, target, dataDir } = first;
    const dataApi = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });
    await dataApi.query('create table loads (id int not null)');
    await dataApi.query('insert into loads values (1)');
    await dataApi.query(`create or replace procedure slow_load() as $$
begin
  insert into loads values (2);
  perform pg_sleep(30);
end;
$$ language plpgsql`);
    const journalDirectory = path.join(dataDir, 'redshift-local', 'statements');
    // Ended statements leave the journal (removed just after their end).
    for (let attempt = 0; attempt < 100 && (await readdir(journalDirectory)).length > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await readdir(journalDirectory)).toEqual([]);

    const call = await client.send(
      new ExecuteStatementCommand({
        ...target,
        Sql: 'call slow_load();',
        WithEvent: true,
        StatementName: 'p/run-1',
      }),
    );
    const running = await waitForStatus(client, call.Id!, 'STARTED');
    const entry = path.join(journalDirectory, `${call.Id}.json`);
    const snapshot = `${entry}.snapshot`;
    await copyFile(entry, snapshot);
    await first.stop();
    await copyFile(snapshot, entry);
    await rm(snapshot);
    // The clean stop ended the statement and kept it as ended; a kill leaves no such file.
    await rm(path.join(dataDir, 'redshift-local', 'ended', `${call.Id}.json`));

    const restartStarted = Date.now();
    const second = await startFixture({ dataDir });
    fixtures.push(second);
    const restartEnded = Date.now();
    const described = await second.client.send(new DescribeStatementCommand({ Id: call.Id! }));
    expect(described).toMatchObject({
      Id: call.Id,
      Status: 'FAILED',
      Error: interruptedStatementError,
      QueryString: 'call slow_load();',
      HasResultSet: false,
    });
    expect(described.CreatedAt?.getTime()).toBe(running.CreatedAt?.getTime());
    expect(described.UpdatedAt!.getTime()).toBeGreaterThan(running.CreatedAt!.getTime());
    // Ended by the restart: its end time is that of the recovery, however long the restart took.
    expect(described.UpdatedAt!.getTime()).toBeGreaterThanOrEqual(restartStarted);
    expect(described.UpdatedAt!.getTime()).toBeLessThanOrEqual(restartEnded);
    const failed = await second.client.send(
      new ListStatementsCommand({ StatementName: 'p/', Status: 'FAILED' }),
    );
    expect(failed.Statements?.map((item) => item.Id)).toEqual([call.Id]);
    const finished = await second.client.send(
      new ListStatementsCommand({ StatementName: 'p/', Status: 'FINISHED' }),
    );
    expect(finished.Statements).toEqual([]);

    // The CALL's insert was rolled back with the process.
    const rows = await new RedshiftData({
      client: second.client,
      target: { workgroupName: 'local', database: 'dev' },
    }).query<{ id: number }>('select id from loads order by id');
    expect(rows.map((row) => Number(row.id))).toEqual([1]);

    // The owed event waits for a subscriber, then goes to the first ones, once.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const events: StatementStatusChangeEnvelope[] = [];
    const alsoEvents: StatementStatusChangeEnvelope[] = [];
    second.redshift.onStatusChange((event) => events.push(event));
    second.redshift.onStatusChange((event) => alsoEvents.push(event));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.map((event) => event.detail)).toEqual([
      expect.objectContaining({ statementId: call.Id, statementName: 'p/run-1', state: 'FAILED' }),
    ]);
    expect(alsoEvents).toHaveLength(1);
    const late: StatementStatusChangeEnvelope[] = [];
    second.redshift.onStatusChange((event) => late.push(event));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(late).toEqual([]);
    await second.stop();

    // A third start still knows the statement, and owes no event any more.
    const third = await startFixture({ dataDir });
    fixtures.push(third);
    const again: StatementStatusChangeEnvelope[] = [];
    third.redshift.onStatusChange((event) => again.push(event));
    const kept = await third.client.send(new DescribeStatementCommand({ Id: call.Id! }));
    expect(kept).toMatchObject({ Status: 'FAILED', Error: interruptedStatementError });
    expect(kept.UpdatedAt?.getTime()).toBe(described.UpdatedAt?.getTime());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(again).toEqual([]);
    const newer = await new RedshiftData({
      client: third.client,
      target: { workgroupName: 'local', database: 'dev' },
    }).query<{ n: number }>('select count(*)::int as n from loads');
    expect(Number(newer[0]?.n)).toBe(1);
  });
});
