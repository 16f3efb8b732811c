import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { DecodingOptions } from './decoding-options';
import { RedshiftDataServiceError } from './errors';
import { readStatementResults } from './read-statement-results';
import type { ResultsOptions } from './redshift-data-options';
import type { StatementDescription } from './statement-description';

/**
 * How the Data API refuses `GetStatementResult`: `ValidationException` while the statement runs (or
 * for the other result format), `ResourceNotFoundException` when it failed, was aborted or has no result
 * set ("Query does not have result. Please check query status with DescribeStatement.").
 */
const refusals = new Set(['ValidationException', 'ResourceNotFoundException']);

/**
 * Reads a statement's result pages, waiting for the statement when it is not ready. The first page is
 * read at once, so a statement that has ended costs no extra call. When the service refuses it (see
 * `refusals`), `wait` settles the statement: it throws `StatementFailedError` / `StatementAbortedError`,
 * gives no pages without a result set, and otherwise the pages are read again in the statement's format
 * (if the service still refuses, as for an expired result, that error stands).
 */
export async function* readResultsWhenReady<Row extends object>(
  client: RedshiftDataClient,
  id: string,
  options: ResultsOptions,
  decoding: DecodingOptions,
  wait: (id: string, options: ResultsOptions) => Promise<StatementDescription>,
): AsyncGenerator<Row[], void, undefined> {
  const pages = readStatementResults<Row>(client, id, options, decoding);
  if (options.wait === false) {
    yield* pages;
    return;
  }
  let first: IteratorResult<Row[], void>;
  try {
    first = await pages.next();
  } catch (error) {
    if (!(error instanceof RedshiftDataServiceError && refusals.has(error.serviceCode))) throw error;
    const description = await wait(id, options);
    if (!description.hasResultSet) return;
    const resultFormat = options.resultFormat ?? description.resultFormat;
    // Read again now that the statement has ended; if the service still refuses, that error stands.
    yield* readStatementResults<Row>(client, id, { ...options, resultFormat }, decoding);
    return;
  }
  if (first.done === true) return;
  yield first.value;
  yield* pages;
}
