/**
 * The latency profile as a client sees it: polling DescribeStatement with the SDK, a statement is
 * SUBMITTED, then PICKED, then STARTED, then FINISHED. The phases are set long (at least 1.5 s each)
 * so that a poll lands in each even on a busy machine; the test asserts the order, never a duration.
 */
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshiftOptions } from '../../src/index';
import { type Fixture, startFixture } from './local-redshift-fixture';

export function defineLatencySuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`latency profile on ${engineName}`, () => {
    let fixture: Fixture;

    beforeAll(async () => {
      const engineOptions = options();
      if (engineOptions === undefined) return;
      fixture = await startFixture({
        ...engineOptions,
        latency: {
          profile: 'realistic',
          seed: 7,
          queue: { minimum: 1500, maximum: 2000 },
          compile: { minimum: 1500, maximum: 2000 },
        },
      });
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('shows SUBMITTED, PICKED and STARTED to a client polling DescribeStatement, in that order', async () => {
      const { client, target } = fixture;
      const { Id, Status } = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select pg_sleep(1.5)' }),
      );
      const seen: (string | undefined)[] = [Status];
      for (let poll = 0; poll < 10_000 && seen.at(-1) !== 'FINISHED' && seen.at(-1) !== 'FAILED'; poll++) {
        const { Status: status } = await client.send(new DescribeStatementCommand({ Id }));
        if (status !== seen.at(-1)) seen.push(status);
      }
      expect(seen).toEqual(['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED']);
    });

    it("hands a session's statements to the engine in the order they were submitted", async () => {
      const { client, target } = fixture;
      const first = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'create temp table arrivals (n int, at serial)',
          SessionKeepAliveSeconds: 120,
        }),
      );
      for (const n of [1, 2, 3, 4]) {
        const { Id } = await client.send(
          new ExecuteStatementCommand({
            SessionId: first.SessionId,
            Sql: `insert into arrivals (n) values (${n})`,
          }),
        );
        expect(Id).toBeTruthy();
      }
      const read = await client.send(
        new ExecuteStatementCommand({
          SessionId: first.SessionId,
          Sql: "select string_agg(n::text, ',' order by at) from arrivals",
        }),
      );
      let status: string | undefined;
      for (let attempt = 0; attempt < 10 && status !== 'FINISHED' && status !== 'FAILED'; attempt++) {
        ({ Status: status } = await client.send(
          new DescribeStatementCommand({ Id: read.Id, WaitTimeSeconds: 30 }),
        ));
      }
      expect(status).toBe('FINISHED');
      const { Records } = await client.send(new GetStatementResultCommand({ Id: read.Id }));
      expect(Records).toEqual([[{ stringValue: '1,2,3,4' }]]);
    });

    it('ends a statement cancelled while it is SUBMITTED as ABORTED, without running it', async () => {
      const { client, target } = fixture;
      const created = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'create table if not exists cancelled_early (n int)',
          WaitTimeSeconds: 30,
        }),
      );
      expect(created.Status).toBe('FINISHED');
      const { Id } = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'insert into cancelled_early values (1)' }),
      );
      const { Status: cancelled } = await client.send(new CancelStatementCommand({ Id }));
      const described = await client.send(new DescribeStatementCommand({ Id, WaitTimeSeconds: 30 }));
      expect([cancelled, described.Status]).toEqual([true, 'ABORTED']);
      const count = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: 'select count(*) from cancelled_early',
          WaitTimeSeconds: 30,
        }),
      );
      const { Records } = await client.send(new GetStatementResultCommand({ Id: count.Id }));
      expect(Records).toEqual([[{ longValue: 0 }]]);
    });
  });
}
