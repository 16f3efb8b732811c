/**
 * Paging of Data API answers: a `NextToken` is the base64url JSON of the listing it belongs to
 * and the offset of the next item; a token of another listing is refused.
 */
import { DataApiException } from './errors';
import { optionalNumber, optionalString, type WireInput } from './read-wire-input';

/**
 * The `NextToken` that continues listing `id` at `offset`.
 *
 * @example
 * const NextToken = pageToken('ListStatements', 100);
 */
export function pageToken(id: string, offset: number): string {
  return Buffer.from(JSON.stringify({ id, offset })).toString('base64url');
}

/**
 * The offset a `NextToken` of listing `id` points at; 0 without a token.
 *
 * @example
 * const offset = readPageToken(optionalString(input, 'NextToken'), 'ListStatements');
 */
export function readPageToken(token: string | undefined, id: string): number {
  if (token === undefined || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      id?: unknown;
      offset?: unknown;
    };
    if (parsed.id === id && typeof parsed.offset === 'number' && parsed.offset >= 0) return parsed.offset;
  } catch (error) {
    throw new DataApiException(
      'ValidationException',
      `NextToken ${JSON.stringify(token)} is not valid.`,
      {},
      { cause: error },
    );
  }
  throw new DataApiException(
    'ValidationException',
    `NextToken ${JSON.stringify(token)} is not valid for ${id}.`,
  );
}

/**
 * One page of `items` as the request's `MaxResults` (at most `maximum`) and `NextToken` ask.
 *
 * @example
 * const { page, nextToken } = pagedList(schemas, input, 'ListSchemas', 1000);
 */
export function pagedList<T>(
  items: T[],
  input: WireInput,
  key: string,
  maximum: number,
): { page: T[]; nextToken?: string } {
  const maxResults = optionalNumber(input, 'MaxResults', 0, maximum) || maximum;
  const offset = readPageToken(optionalString(input, 'NextToken'), key);
  const page = items.slice(offset, offset + maxResults);
  return offset + maxResults < items.length
    ? { page, nextToken: pageToken(key, offset + maxResults) }
    : { page };
}
