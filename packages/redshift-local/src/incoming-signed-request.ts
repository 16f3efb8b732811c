/** A signed request as a local AWS endpoint received it, and how its headers read. */

/** The request as the endpoint received it. */
export interface IncomingSignedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/` or `/sns?x=1`. */
  readonly path: string;
  /** Header names in lower case, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * The value of header `name` (lower case), a repeated header's values joined with commas, or
 * undefined when it was not sent.
 *
 * @example
 * headerValue({ 'x-amz-date': '20261130T160000Z' }, 'x-amz-date'); // '20261130T160000Z'
 */
export function headerValue(headers: IncomingSignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
