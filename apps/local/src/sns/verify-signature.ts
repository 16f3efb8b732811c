import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SnsApiError } from './errors';

/** The parts of an HTTP request SigV4 signs. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/` or `/sns?x=1`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function headerValue(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function escapeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(query: string): string {
  const pairs = [...new URLSearchParams(query)].map(
    ([key, value]) => [escapeRfc3986(key), escapeRfc3986(value)] as const,
  );
  pairs.sort(([a, aValue], [b, bValue]) => (a === b ? (aValue < bValue ? -1 : 1) : a < b ? -1 : 1));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/**
 * Checks an AWS Signature Version 4 `Authorization` header the way SNS does: the access key must be
 * known, and the signature must match the one computed with its secret. Returns the access key id.
 *
 * @throws SnsApiError `MissingAuthenticationToken`, `IncompleteSignature`, `InvalidClientTokenId` or `SignatureDoesNotMatch`.
 *
 * @example
 * ```ts
 * const accessKeyId = verifySignature({ method: 'POST', url: '/', headers: request.headers, body }, { test: 'test' });
 * ```
 */
export function verifySignature(
  request: SignedRequest,
  accessKeys: Readonly<Record<string, string>>,
): string {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined) {
    throw new SnsApiError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  const match = authorizationPattern.exec(authorization.trim());
  if (!match) {
    throw new SnsApiError(
      'IncompleteSignature',
      `Authorization header requires Credential, SignedHeaders and Signature of AWS4-HMAC-SHA256; got ${JSON.stringify(authorization.slice(0, 80))}`,
      400,
    );
  }
  const [, accessKeyId = '', scopeDate = '', region = '', service = '', signedHeaders = '', signature = ''] =
    match;
  const secret = accessKeys[accessKeyId];
  if (secret === undefined) {
    throw new SnsApiError(
      'InvalidClientTokenId',
      `The security token included in the request is invalid: access key "${accessKeyId}" is not known to this endpoint`,
      403,
    );
  }
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(scopeDate)) {
    throw new SnsApiError(
      'IncompleteSignature',
      `X-Amz-Date ${JSON.stringify(amzDate)} is missing or does not match the credential scope date ${scopeDate}`,
      400,
    );
  }
  const [path = '/', query = ''] = request.url.split('?', 2);
  const canonicalPath = path
    .split('/')
    .map((segment) => escapeRfc3986(segment))
    .join('/');
  const headerNames = signedHeaders.split(';');
  const canonicalHeaders = headerNames
    .map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = headerValue(request.headers, 'x-amz-content-sha256') ?? sha256Hex(request.body);
  const canonicalRequest = [
    request.method,
    canonicalPath,
    canonicalQuery(query),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), region), service), 'aws4_request');
  const expected = hmac(signingKey, stringToSign).toString('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw new SnsApiError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      403,
    );
  }
  return accessKeyId;
}
