import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { SnsApiError } from './errors';

/** The parts of an HTTP request SigV4 signs. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/` or `/sns?x=1`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Options of {@link verifySignature}. */
export interface VerifySignatureOptions {
  /** Clock the signature's age is measured against, in ms since the epoch. Defaults to `Date.now`. */
  readonly now?: () => number;
}

/** How far X-Amz-Date may be from the server's clock, as AWS allows: 15 minutes either way. */
const maxClockSkewMs = 15 * 60 * 1000;

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 and HMAC-SHA256 from node:crypto, in the shape the signer takes. */
class NodeSha256 {
  readonly #hash;

  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }

  update(data: Uint8Array): void {
    this.#hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }

  reset(): void {
    throw new Error('NodeSha256.reset is not supported');
  }
}

function headerValue(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `20261130T160000Z`, the X-Amz-Date form. */
function amzDateOf(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function signatureMismatch(detail?: string): SnsApiError {
  return new SnsApiError(
    'SignatureDoesNotMatch',
    detail ??
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    403,
  );
}

/**
 * Checks an AWS Signature Version 4 `Authorization` header the way SNS does: the access key must be
 * known, X-Amz-Date within 15 minutes of the server's clock, the body must hash to
 * `x-amz-content-sha256` when that header is sent, and the signature must match the one the AWS
 * SDK's own signer (`@smithy/signature-v4`) computes over the signed headers and the body received.
 * Returns the access key id.
 *
 * @throws SnsApiError `MissingAuthenticationToken`, `IncompleteSignature`, `InvalidClientTokenId` or
 * `SignatureDoesNotMatch` (also for an expired or not yet current signature, as SNS answers).
 *
 * @example
 * ```ts
 * const accessKeyId = await verifySignature({ method: 'POST', url: '/', headers: request.headers, body }, { test: 'test' });
 * ```
 */
export async function verifySignature(
  request: SignedRequest,
  accessKeys: Readonly<Record<string, string>>,
  options: VerifySignatureOptions = {},
): Promise<string> {
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
  // Own properties only: an access key id such as "constructor" must not find Object.prototype members.
  const secret = Object.hasOwn(accessKeys, accessKeyId) ? accessKeys[accessKeyId] : undefined;
  if (typeof secret !== 'string') {
    throw new SnsApiError(
      'InvalidClientTokenId',
      `The security token included in the request is invalid: access key "${accessKeyId}" is not known to this endpoint`,
      403,
    );
  }
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  if (
    !/^\d{8}T\d{6}Z$/.test(amzDate) ||
    !amzDate.startsWith(scopeDate) ||
    Number.isNaN(signingDate.getTime())
  ) {
    throw new SnsApiError(
      'IncompleteSignature',
      `X-Amz-Date ${JSON.stringify(amzDate)} is missing, not a valid time, or does not match the credential scope date ${scopeDate}`,
      400,
    );
  }
  const now = (options.now ?? Date.now)();
  if (signingDate.getTime() < now - maxClockSkewMs) {
    throw signatureMismatch(
      `Signature expired: ${amzDate} is now earlier than ${amzDateOf(now - maxClockSkewMs)} (${amzDateOf(now)} - 15 min.)`,
    );
  }
  if (signingDate.getTime() > now + maxClockSkewMs) {
    throw signatureMismatch(
      `Signature not yet current: ${amzDate} is still later than ${amzDateOf(now + maxClockSkewMs)} (${amzDateOf(now)} + 15 min.)`,
    );
  }
  // The signer takes a present x-amz-content-sha256 header as the payload hash without hashing the
  // body: check it against the body received, or a changed body would pass with the old header.
  const contentHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (
    contentHash !== undefined &&
    contentHash !== createHash('sha256').update(request.body, 'utf8').digest('hex')
  ) {
    throw signatureMismatch(
      'The request signature we calculated does not match the signature you provided: the body does not match x-amz-content-sha256.',
    );
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    const value = headerValue(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const [pathname = '/', query = ''] = request.url.split('?', 2);
  const queryParameters: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const previous = Object.hasOwn(queryParameters, key) ? queryParameters[key] : undefined;
    queryParameters[key] =
      previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: secret },
    region,
    service,
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host?.split(':')[0] ?? '127.0.0.1',
      path: pathname,
      query: queryParameters,
      headers,
      body: request.body,
    },
    { signingDate, signingRegion: region, signingService: service },
  );
  const signedAuthorization = String(signed.headers.authorization ?? '');
  const expected = /Signature=([0-9a-f]{64})/.exec(signedAuthorization)?.[1] ?? '';
  const expectedSignedHeaders = /SignedHeaders=([^,]+)/.exec(signedAuthorization)?.[1];
  if (
    expected.length !== signature.length ||
    !timingSafeEqual(Buffer.from(expected), Buffer.from(signature)) ||
    expectedSignedHeaders !== signedHeaders
  ) {
    throw signatureMismatch();
  }
  return accessKeyId;
}
