/**
 * `sys_query_history` and `stv_recents` over the Data API's own statement history: a query that reads them
 * gets, in their place, a snapshot of the statements the endpoint keeps (one row per SQL, keyed by
 * query_id = RedshiftQueryId and session_id / pid = RedshiftPid, as DescribeStatement reports them), with
 * Redshift's column names and types:
 * https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html and
 * https://docs.aws.amazon.com/redshift/latest/dg/r_STV_RECENTS.html.
 */
import { isTrivia, tokenize } from './dialect/tokenize';
import type { StatementRecord, StatementStatus } from './statement-record';

const historyColumns = `user_id integer, query_id bigint, query_label character(320), transaction_id bigint,
  session_id integer, database_name character(128), query_type character(32), status character(10),
  result_cache_hit boolean, start_time timestamp, end_time timestamp, elapsed_time bigint, queue_time bigint,
  execution_time bigint, error_message character(512), returned_rows bigint, returned_bytes bigint,
  query_text character(4000), redshift_version character(256)`;
const recentsColumns = `userid integer, status character(20), starttime timestamp, duration integer,
  user_name character(50), db_name character(50), query character(600), pid integer`;

/** Words after a table name that are not its alias. */
const notAlias = new Set([
  'where',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'on',
  'using',
  'order',
  'group',
  'having',
  'limit',
  'offset',
  'union',
  'except',
  'intersect',
  'window',
  'fetch',
  'for',
  'minus',
]);

const historyStatus: Record<StatementStatus, string> = {
  SUBMITTED: 'queued',
  PICKED: 'planning',
  STARTED: 'running',
  FINISHED: 'success',
  FAILED: 'failed',
  ABORTED: 'canceled',
};

/** The query type SYS_QUERY_HISTORY shows for `sql` (SELECT, INSERT, UPDATE, DELETE, COPY, UNLOAD, CTAS, DDL, UTILITY). */
function queryType(sql: string): string {
  const words = tokenize(sql, { allowUnterminated: true })
    .filter((token) => token.type === 'word')
    .slice(0, 4)
    .map((token) => token.value);
  const first = words[0] ?? '';
  if (first === 'select' || first === 'with') return 'SELECT';
  if (['insert', 'update', 'delete', 'copy', 'unload'].includes(first)) return first.toUpperCase();
  if (first === 'create' && words.includes('table') && /\bas\b/i.test(sql)) return 'CTAS';
  if (['create', 'alter', 'drop', 'truncate', 'grant', 'revoke'].includes(first)) return 'DDL';
  return 'UTILITY';
}

/** A timestamp (UTC) as PostgreSQL reads it. */
const timestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

function snapshot(records: Iterable<StatementRecord>): { history: object[]; recents: object[] } {
  const history: object[] = [];
  const recents: object[] = [];
  for (const record of records) {
    for (const sub of record.subs) {
      const ended = sub.durationNs >= 0;
      const executionUs = ended ? Math.round(sub.durationNs / 1000) : 0;
      const elapsedUs = Math.max(executionUs, (sub.updatedAt - sub.createdAt) * 1000);
      const start = ended ? sub.updatedAt - executionUs / 1000 : sub.createdAt;
      if (sub.redshiftQueryId !== 0) {
        history.push({
          user_id: 100,
          query_id: sub.redshiftQueryId,
          query_label: record.statementName ?? 'default',
          transaction_id: 0,
          session_id: record.redshiftPid,
          database_name: record.database,
          query_type: queryType(sub.queryString),
          status: historyStatus[sub.status],
          result_cache_hit: false,
          start_time: timestamp(start),
          end_time: ended ? timestamp(sub.updatedAt) : null,
          elapsed_time: elapsedUs,
          queue_time: elapsedUs - executionUs,
          execution_time: executionUs,
          error_message: sub.error?.replace(/^ERROR: /, '').slice(0, 512) ?? null,
          returned_rows: Math.max(sub.resultRows, 0),
          returned_bytes: Math.max(sub.resultSize, 0),
          query_text: sub.queryString.slice(0, 4000),
          redshift_version: 'shiftflow local',
        });
      }
      if (record.redshiftPid !== 0) {
        recents.push({
          userid: 100,
          status: ended ? 'Done' : 'Running',
          starttime: timestamp(start),
          duration: ended ? executionUs : elapsedUs,
          user_name: record.dbUser ?? 'awsuser',
          db_name: record.database,
          query: sub.queryString.slice(0, 600),
          // "The process ID of the session associated with the query, which is always -1 for queries that have completed."
          pid: ended ? -1 : record.redshiftPid,
        });
      }
    }
  }
  return { history, recents };
}

/**
 * `sql` (already in the engine's dialect) with each unqualified `sys_query_history` and `stv_recents` of a
 * SELECT replaced by a snapshot of `records`; any other SQL unchanged.
 *
 * @example
 * withStatementHistory('select query_id from sys_query_history where session_id = 1073751824', statements.records());
 * // 'select query_id from (SELECT * FROM pg_catalog.jsonb_to_recordset($shiftflow_history$[…]$shiftflow_history$::jsonb) AS r(…)) AS sys_query_history where …'
 */
export function withStatementHistory(sql: string, records: Iterable<StatementRecord>): string {
  const tokens = tokenize(sql, { allowUnterminated: true });
  const significant = tokens.filter((token) => !isTrivia(token));
  const firstWord = significant[0]?.type === 'word' ? significant[0].value : '';
  if (firstWord !== 'select' && firstWord !== 'with') return sql;
  const targets = significant.filter(
    (token, index) =>
      token.type === 'word' &&
      (token.value === 'sys_query_history' || token.value === 'stv_recents') &&
      significant[index - 1]?.text !== '.',
  );
  if (targets.length === 0) return sql;
  const rows = snapshot(records);
  let output = '';
  let offset = 0;
  for (const target of targets) {
    const index = significant.indexOf(target);
    const next = significant[index + 1];
    const aliased =
      next !== undefined &&
      (next.type === 'word' || next.type === 'quoted-identifier') &&
      !notAlias.has(next.value);
    const isHistory = target.value === 'sys_query_history';
    const json = JSON.stringify(isHistory ? rows.history : rows.recents);
    const columns = isHistory ? historyColumns : recentsColumns;
    const relation = `(SELECT * FROM pg_catalog.jsonb_to_recordset($shiftflow_history$${json}$shiftflow_history$::jsonb) AS r(${columns}))`;
    output += sql.slice(offset, target.start) + relation + (aliased ? '' : ` AS ${target.value}`);
    offset = target.start + target.text.length;
  }
  return output + sql.slice(offset);
}
