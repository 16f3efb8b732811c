/**
 * GetStatementResult and GetStatementResultV2: which kept result a request may read (finished,
 * with a result set, in its ResultFormat, not expired) and one page of it as JSON fields or CSV.
 */
import { DataApiException } from './errors';
import { columnMetadata, csvValue, toField } from './field-value';
import type { WireOutput } from './read-wire-input';
import {
  type StatementRecord,
  type StoredResult,
  type SubStatement,
  terminalStatuses,
} from './statement-record';

/** One page of a result's rows, and the token of the next one. */
export interface ResultPage {
  rows: (string | null)[][];
  nextToken?: string | undefined;
}

/**
 * The kept result of statement `id`, if a result in `format` can be read from it.
 *
 * @example
 * const result = statementResult(statements.find(id), id, 'JSON');
 */
export function statementResult(
  found: { record: StatementRecord; sub?: SubStatement | undefined },
  id: string,
  format: 'JSON' | 'CSV',
): StoredResult {
  const { record } = found;
  if (found.sub === undefined && record.isBatch) {
    throw new DataApiException(
      'ValidationException',
      `${id} is a batch; ask for the result of a sub-statement such as ${id}:1.`,
    );
  }
  const sub = found.sub ?? record.subs[0]!;
  if (sub.status !== 'FINISHED') {
    if (!terminalStatuses.has(sub.status)) {
      throw new DataApiException(
        'ValidationException',
        `Query ${id} has not finished yet (status ${sub.status}).`,
      );
    }
    throw new DataApiException(
      'ResourceNotFoundException',
      `Query ${id} does not have result: its status is ${sub.status}.`,
      { ResourceId: id },
    );
  }
  if (record.resultFormat !== format) {
    throw new DataApiException(
      'ValidationException',
      `Query ${id} was run with ResultFormat ${record.resultFormat}; use ${record.resultFormat === 'CSV' ? 'GetStatementResultV2' : 'GetStatementResult'}.`,
    );
  }
  if (!sub.hasResultSet) {
    throw new DataApiException(
      'ResourceNotFoundException',
      `Query does not have result. Please check query status with DescribeStatement.`,
      { ResourceId: id },
    );
  }
  if (sub.result === undefined) {
    throw new DataApiException('ResourceNotFoundException', `The result of query ${id} has expired.`, {
      ResourceId: id,
    });
  }
  return sub.result;
}

/**
 * GetStatementResult's answer: a page of rows as typed fields.
 *
 * @example
 * const answer = jsonResultPage(result, results.page(id, result, offset));
 */
export function jsonResultPage(result: StoredResult, page: ResultPage): WireOutput {
  const types = result.fields.map((field) => field.typeOid);
  return {
    Records: page.rows.map((row) => row.map((value, column) => toField(value, types[column] ?? 25))),
    ColumnMetadata: result.fields.map((field) => columnMetadata(field)),
    TotalNumRows: result.rows.length,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}

/**
 * GetStatementResultV2's answer: a page of rows as CSV lines.
 *
 * @example
 * const answer = csvResultPage(result, results.page(id, result, offset));
 */
export function csvResultPage(result: StoredResult, page: ResultPage): WireOutput {
  const types = result.fields.map((field) => field.typeOid);
  const lines = page.rows.map((row) =>
    row.map((value, column) => csvValue(value, types[column] ?? 25)).join(','),
  );
  return {
    Records: [{ CSVRecords: lines.length > 0 ? `${lines.join('\n')}\n` : '' }],
    ColumnMetadata: result.fields.map((field) => columnMetadata(field)),
    TotalNumRows: result.rows.length,
    ResultFormat: 'CSV',
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
