import { describe, expect, it } from 'vitest';
import { withStatementHistory } from './statement-history-views';
import type { StatementRecord } from './statement-record';

const record = {
  id: 'a',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_050,
  status: 'FINISHED',
  isBatch: false,
  database: 'dev',
  redshiftPid: 1073751824,
  subs: [
    {
      id: 'a',
      queryString: "insert into t values ('x')",
      status: 'FINISHED',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_050,
      durationNs: 20_000_000,
      resultRows: 1,
      resultSize: 0,
      hasResultSet: false,
      redshiftQueryId: 7,
    },
  ],
} as Partial<StatementRecord> as StatementRecord;

describe('withStatementHistory', () => {
  it('puts a snapshot of the statements in place of sys_query_history, keeping an alias', () => {
    const plain = withStatementHistory('select query_id from sys_query_history where session_id = 1', [
      record,
    ]);
    expect(plain).toMatch(
      /^select query_id from \(SELECT \* FROM pg_catalog\.jsonb_to_recordset\(\$shiftflow_history\$\[/,
    );
    expect(plain).toMatch(/\) AS sys_query_history where session_id = 1$/);
    const json = /\$shiftflow_history\$(.*)\$shiftflow_history\$/.exec(plain)?.[1];
    expect(JSON.parse(json!)).toEqual([
      expect.objectContaining({
        query_id: 7,
        session_id: 1073751824,
        query_type: 'INSERT',
        status: 'success',
        execution_time: 20_000,
        elapsed_time: 50_000,
        queue_time: 30_000,
        returned_rows: 1,
        start_time: '2023-11-14 22:13:20.030',
        end_time: '2023-11-14 22:13:20.050',
      }),
    ]);
    const aliased = withStatementHistory('select h.pid from stv_recents h', [record]);
    expect(aliased).toMatch(/\) h$/);
    expect(aliased).not.toContain('AS stv_recents');
  });

  it('leaves other statements and qualified names alone', () => {
    expect(withStatementHistory('create view v as select * from sys_query_history', [record])).toBe(
      'create view v as select * from sys_query_history',
    );
    expect(withStatementHistory('select * from s.sys_query_history', [record])).toBe(
      'select * from s.sys_query_history',
    );
  });
});
