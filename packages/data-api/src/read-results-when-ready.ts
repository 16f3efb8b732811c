import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { DecodingOptions } from './decoding-options';
import { RedshiftDataServiceError } from './errors';
import { readStatementResults } from './read-statement-results';
import type { ResultsOptions } from './redshift-data-options';
import type { StatementDescription } from './statement-description';

/**
 * Reads a statement's result pages, waiting for the statement when it is not ready. The first page is
 * read at once, so a statement that has ended costs no extra call. The Data API refuses
 * `GetStatementResult` with a `ValidationException` while the statement runs (or for the other result
 * format): then `wait` settles the statement (throwing `StatementFailedError` / `StatementAbortedError`)
 * and the pages are read again in the statement's format. A statement that has ended without a result
 * set is refused with `ResourceNotFoundException` ("Query does not have result"); that error stands
 * whether the statement had ended before or only after waiting, so the outcome never depends on timing.
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
    if (!(error instanceof RedshiftDataServiceError && error.serviceCode === 'ValidationException'))
      throw error;
    const description = await wait(id, options);
    const resultFormat = options.resultFormat ?? description.resultFormat;
    // Read again now that the statement has ended; if the service still refuses (no result set, an expired
    // result), that error stands.
    yield* readStatementResults<Row>(client, id, { ...options, resultFormat }, decoding);
    return;
  }
  if (first.done === true) return;
  yield first.value;
  yield* pages;
}
