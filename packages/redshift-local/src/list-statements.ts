/**
 * ListStatements: the statements a Status and StatementName prefix select, newest first, one page.
 */
import { DataApiException } from './errors';
import { pageToken, readPageToken } from './paged-list';
import {
  optionalNumber,
  optionalString,
  type WireInput,
  type WireOutput,
  wireSeconds,
} from './read-wire-input';
import type { StatementRecord } from './statement-record';

const statusFilters = new Set(['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'FAILED', 'ABORTED', 'ALL']);

/**
 * ListStatements' answer over `records` (Status defaults to FINISHED, as in the service).
 *
 * @example
 * const { Statements } = listStatements({ Status: 'ALL' }, statements.records());
 */
export function listStatements(input: WireInput, records: Iterable<StatementRecord>): WireOutput {
  const prefix = optionalString(input, 'StatementName');
  const status = optionalString(input, 'Status') ?? 'FINISHED';
  if (!statusFilters.has(status)) {
    throw new DataApiException(
      'ValidationException',
      `Status ${JSON.stringify(status)} must be one of ${[...statusFilters].join(', ')}.`,
    );
  }
  const maxResults = optionalNumber(input, 'MaxResults', 0, 100) || 100;
  const offset = readPageToken(optionalString(input, 'NextToken'), 'ListStatements');
  const matching = [...records]
    .filter((record) => status === 'ALL' || record.status === status)
    .filter((record) => prefix === undefined || (record.statementName ?? '').startsWith(prefix))
    .sort((a, b) => b.createdAt - a.createdAt);
  const page = matching.slice(offset, offset + maxResults);
  return {
    Statements: page.map((record) => listedStatement(record)),
    ...(offset + maxResults < matching.length
      ? { NextToken: pageToken('ListStatements', offset + maxResults) }
      : {}),
  };
}

function listedStatement(record: StatementRecord): WireOutput {
  return {
    Id: record.id,
    ...(record.isBatch
      ? { QueryStrings: record.subs.map((sub) => sub.queryString) }
      : { QueryString: record.subs[0]!.queryString }),
    Status: record.status,
    ...(record.statementName !== undefined ? { StatementName: record.statementName } : {}),
    CreatedAt: wireSeconds(record.createdAt),
    UpdatedAt: wireSeconds(record.updatedAt),
    ...(record.parameters !== undefined ? { QueryParameters: record.parameters } : {}),
    IsBatchStatement: record.isBatch,
    ResultFormat: record.resultFormat,
    ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
    ...(record.secretArn !== undefined ? { SecretArn: record.secretArn } : {}),
  };
}
