/**
 * DescribeStatement's answer: a statement, a batch with its sub-statements, or one sub-statement
 * (`<id>:<n>`), with the connection it ran on.
 */
import type { WireOutput } from './read-wire-input';
import { wireSeconds } from './read-wire-input';
import { type StatementRecord, type SubStatement, terminalStatuses, totalRows } from './statement-record';

/**
 * The DescribeStatement answer of a statement, or of one sub-statement of a batch.
 *
 * @example
 * const answer = describeStatement(statements.find(id));
 */
export function describeStatement(found: {
  record: StatementRecord;
  sub?: SubStatement | undefined;
}): WireOutput {
  const { record, sub } = found;
  const common: WireOutput = {
    ...connectionFields(record),
    RedshiftPid: record.redshiftPid,
    ResultFormat: record.resultFormat,
    ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
    ...(record.parameters !== undefined ? { QueryParameters: record.parameters } : {}),
  };
  if (sub !== undefined) return { ...common, ...describeSub(sub) };
  if (!record.isBatch) return { ...common, ...describeSub(record.subs[0]!) };
  const done = terminalStatuses.has(record.status);
  const firstStart = Math.min(...record.subs.map((item) => item.createdAt));
  return {
    ...common,
    Id: record.id,
    Status: record.status,
    ...(record.error !== undefined ? { Error: record.error } : {}),
    Duration: done ? record.subs.reduce((sum, item) => sum + Math.max(0, item.durationNs), 0) : -1,
    CreatedAt: wireSeconds(firstStart),
    UpdatedAt: wireSeconds(record.updatedAt),
    QueryString: record.subs.map((item) => item.queryString).join('; '),
    ResultRows: done ? totalRows(record) : -1,
    ResultSize: done ? record.subs.reduce((sum, item) => sum + Math.max(0, item.resultSize), 0) : -1,
    RedshiftQueryId: done ? record.subs[record.subs.length - 1]!.redshiftQueryId : 0,
    HasResultSet: record.subs.some((item) => item.hasResultSet),
    ExecutionMode: record.executionMode,
    SubStatements: record.subs.map((item) => describeSub(item)),
  };
}

function connectionFields(record: StatementRecord): WireOutput {
  return {
    Database: record.database,
    ...(record.clusterIdentifier !== undefined ? { ClusterIdentifier: record.clusterIdentifier } : {}),
    ...(record.workgroupName !== undefined ? { WorkgroupName: record.workgroupName } : {}),
    ...(record.dbUser !== undefined ? { DbUser: record.dbUser } : {}),
    ...(record.secretArn !== undefined ? { SecretArn: record.secretArn } : {}),
  };
}

function describeSub(sub: SubStatement): WireOutput {
  return {
    Id: sub.id,
    Status: sub.status,
    ...(sub.error !== undefined ? { Error: sub.error } : {}),
    Duration: terminalStatuses.has(sub.status) ? sub.durationNs : -1,
    CreatedAt: wireSeconds(sub.createdAt),
    UpdatedAt: wireSeconds(sub.updatedAt),
    QueryString: sub.queryString,
    ResultRows: sub.resultRows,
    ResultSize: sub.resultSize,
    RedshiftQueryId: sub.redshiftQueryId,
    HasResultSet: sub.hasResultSet,
  };
}
