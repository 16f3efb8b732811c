/**
 * sys_query_history and stv_recents over the Data API's statement history, through the real
 * @aws-sdk/client-redshift-data over HTTP: a statement's row is found by the RedshiftQueryId and RedshiftPid
 * DescribeStatement reports (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_STV_RECENTS.html). Defined once and run on each engine.
 */
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  type Field,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshiftOptions } from '../../src/index';
import { type Fixture, startFixture } from './local-redshift-fixture';

const target = { WorkgroupName: 'local', Database: 'dev' };

function fieldValue(field: Field | undefined): string | number | boolean | null {
  if (field === undefined || field.isNull) return null;
  return field.stringValue ?? field.longValue ?? field.doubleValue ?? field.booleanValue ?? null;
}

export function defineQueryHistorySuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`sys_query_history and stv_recents on ${engineName}`, () => {
    let fixture: Fixture;
    let client: RedshiftDataClient;

    async function run(sql: string): Promise<DescribeStatementCommandOutput> {
      const { Id } = await client.send(new ExecuteStatementCommand({ ...target, Sql: sql }));
      for (;;) {
        const description = await client.send(new DescribeStatementCommand({ Id, WaitTimeSeconds: 20 }));
        if (['FINISHED', 'FAILED', 'ABORTED'].includes(description.Status ?? '')) return description;
      }
    }

    async function rows(sql: string): Promise<Record<string, unknown>[]> {
      const description = await run(sql);
      expect(description.Status, description.Error).toBe('FINISHED');
      const result = await client.send(new GetStatementResultCommand({ Id: description.Id }));
      const names = (result.ColumnMetadata ?? []).map((column) => column.name ?? '');
      return (result.Records ?? []).map((record) =>
        Object.fromEntries(names.map((name, index) => [name, fieldValue(record[index])])),
      );
    }

    beforeAll(async () => {
      const engine = options();
      if (engine === undefined) throw new Error(`${engineName} engine unavailable`);
      fixture = await startFixture(engine);
      client = fixture.client;
    });

    afterAll(async () => fixture?.dispose());

    it('shows a finished and a failed statement by RedshiftQueryId and RedshiftPid', async () => {
      const create = await run('create table t (a int); insert into t values (1), (2)');
      expect(create.Status, create.Error).toBe('FINISHED');
      const insert = await run('insert into t values (3)');
      const failed = await run('select * from missing_table');
      expect(failed.Status).toBe('FAILED');
      expect(
        await rows(`select query_id, session_id, trim(status) as status, trim(query_type) as query_type,
                           trim(query_text) as query_text, returned_rows, trim(database_name) as database_name,
                           end_time >= start_time as ordered
                    from sys_query_history where query_id in (${insert.RedshiftQueryId}, ${failed.RedshiftQueryId})
                    order by query_id`),
      ).toEqual([
        {
          query_id: insert.RedshiftQueryId,
          session_id: insert.RedshiftPid,
          status: 'success',
          query_type: 'INSERT',
          query_text: 'insert into t values (3)',
          returned_rows: 1,
          database_name: 'dev',
          ordered: true,
        },
        {
          query_id: failed.RedshiftQueryId,
          session_id: failed.RedshiftPid,
          status: 'failed',
          query_type: 'SELECT',
          query_text: 'select * from missing_table',
          returned_rows: 0,
          database_name: 'dev',
          ordered: true,
        },
      ]);
      const [error] = await rows(
        `select trim(h.error_message) as message from sys_query_history h where h.query_id = ${failed.RedshiftQueryId}`,
      );
      expect(String(error?.message)).toContain('missing_table');
    });

    it('lists a running statement in stv_recents by pid, and a done one with pid -1', async () => {
      const insert = await run('insert into t values (4)');
      expect(insert.Status, insert.Error).toBe('FINISHED');
      expect(
        await rows(`select pid, trim(status) as status, trim(query) as query, trim(db_name) as db_name
                    from stv_recents where query like 'insert into t values (4)%'`),
      ).toEqual([{ pid: -1, status: 'Done', query: 'insert into t values (4)', db_name: 'dev' }]);
      // A statement held running (cancelled below): its row shows it Running under its RedshiftPid.
      const { Id: sleepId } = await client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select pg_sleep(120)' }),
      );
      let sleeping = await client.send(new DescribeStatementCommand({ Id: sleepId }));
      while (sleeping.Status !== 'STARTED') {
        expect(['SUBMITTED', 'PICKED']).toContain(sleeping.Status);
        sleeping = await client.send(new DescribeStatementCommand({ Id: sleepId, WaitTimeSeconds: 1 }));
      }
      const { Id: recentsId } = await client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: `select pid, trim(status) as status from stv_recents where query like 'select pg_sleep(120)%'`,
        }),
      );
      await client.send(new CancelStatementCommand({ Id: sleepId }));
      let recents = await client.send(new DescribeStatementCommand({ Id: recentsId, WaitTimeSeconds: 20 }));
      while (!['FINISHED', 'FAILED', 'ABORTED'].includes(recents.Status ?? ''))
        recents = await client.send(new DescribeStatementCommand({ Id: recentsId, WaitTimeSeconds: 20 }));
      expect(recents.Status, recents.Error).toBe('FINISHED');
      const result = await client.send(new GetStatementResultCommand({ Id: recentsId }));
      expect(
        result.Records?.map((record) => record.map((field) => field.longValue ?? field.stringValue)),
      ).toEqual([[sleeping.RedshiftPid, 'Running']]);
    });
  });
}
