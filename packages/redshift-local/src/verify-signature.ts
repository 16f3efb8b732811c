/**
 * SigV4 verification of incoming requests, shared by every local AWS endpoint (the Data API here,
 * SNS in the local app): the request is re-signed with @smithy/signature-v4 (the signer the AWS SDK
 * uses) over exactly the headers the client signed, with the secret of the access key in its
 * Credential scope, and the signatures are compared in constant time. Failures are one typed error
 * with a `reason`; each endpoint maps reasons to its own protocol's error names.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignatureVerificationError } from './errors';

/** How far X-Amz-Date may be from the server's clock, as AWS allows: 15 minutes either way. */
export const maxClockSkewMs = 15 * 60 * 1000;

/** The request as the endpoint received it. */
export interface IncomingSignedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/` or `/sns?x=1`. */
  readonly path: string;
  /** Header names in lower case, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Options of {@link verifySignature}. */
export interface VerifySignatureOptions {
  /** Clock the signature's age is measured against, in ms since the epoch. Defaults to `Date.now`. */
  readonly now?: () => number;
}

/** Who signed a verified request, from its Credential scope. */
export interface VerifiedSignature {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

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

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function headerValue(headers: IncomingSignedRequest['headers'], name: string): string | undefined {
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

/**
 * Verifies a request's AWS Signature Version 4 `Authorization` header: the access key must be an
 * own property of `accessKeys`, X-Amz-Date a real time matching the Credential scope and within 15
 * minutes of the server's clock, the body must hash to `x-amz-content-sha256` when that header is
 * sent, and the signature must match the one the AWS SDK's signer (`@smithy/signature-v4`)
 * computes over the signed headers and the body received. Returns who signed.
 *
 * @throws SignatureVerificationError with a `reason` naming what was wrong.
 * @example
 * ```ts
 * const { accessKeyId } = await verifySignature(
 *   { method: 'POST', path: request.url ?? '/', headers: request.headers, body },
 *   { test: 'test' },
 * );
 * ```
 */
export async function verifySignature(
  request: IncomingSignedRequest,
  accessKeys: Readonly<Record<string, string>>,
  options: VerifySignatureOptions = {},
): Promise<VerifiedSignature> {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined) {
    throw new SignatureVerificationError('missing', 'the request has no Authorization header');
  }
  const match = authorizationPattern.exec(authorization.trim());
  if (match === null) {
    throw new SignatureVerificationError(
      'malformed',
      `the Authorization header is not AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature; got ${JSON.stringify(authorization.slice(0, 80))}`,
      { header: 'authorization', authorization },
    );
  }
  const [, accessKeyId = '', scopeDate = '', region = '', service = '', signedHeaders = '', signature = ''] =
    match;
  // Own properties only: an access key id such as "constructor" must not find Object.prototype members.
  const secret = Object.hasOwn(accessKeys, accessKeyId) ? accessKeys[accessKeyId] : undefined;
  if (typeof secret !== 'string') {
    throw new SignatureVerificationError(
      'unknown-key',
      `access key ${JSON.stringify(accessKeyId)} is not known to this endpoint`,
      { authorization, accessKeyId, scopeDate },
    );
  }
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const signingDate = new Date(
    `${amzDate?.slice(0, 4)}-${amzDate?.slice(4, 6)}-${amzDate?.slice(6, 8)}T${amzDate?.slice(9, 11)}:${amzDate?.slice(11, 13)}:${amzDate?.slice(13, 15)}Z`,
  );
  if (
    amzDate === undefined ||
    !/^\d{8}T\d{6}Z$/.test(amzDate) ||
    !amzDate.startsWith(scopeDate) ||
    Number.isNaN(signingDate.getTime())
  ) {
    throw new SignatureVerificationError(
      'malformed',
      `X-Amz-Date ${JSON.stringify(amzDate ?? '')} is missing, not a valid time, or does not match the credential scope date ${scopeDate}`,
      { header: 'x-amz-date', authorization, accessKeyId, scopeDate, amzDate },
    );
  }
  const now = (options.now ?? Date.now)();
  if (signingDate.getTime() < now - maxClockSkewMs) {
    throw new SignatureVerificationError(
      'expired',
      `signature expired: ${amzDate} is more than 15 minutes before the server time ${amzDateOf(now)}`,
      { authorization, accessKeyId, scopeDate, amzDate, serverTime: now },
    );
  }
  if (signingDate.getTime() > now + maxClockSkewMs) {
    throw new SignatureVerificationError(
      'not-yet-valid',
      `signature not yet current: ${amzDate} is more than 15 minutes after the server time ${amzDateOf(now)}`,
      { authorization, accessKeyId, scopeDate, amzDate, serverTime: now },
    );
  }
  // The signer takes a present x-amz-content-sha256 header as the payload hash without hashing the
  // body: check it against the body received, or a changed body would pass with the old header.
  const contentHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (
    contentHash !== undefined &&
    contentHash !== createHash('sha256').update(request.body, 'utf8').digest('hex')
  ) {
    throw new SignatureVerificationError(
      'body-hash-mismatch',
      'the body does not match x-amz-content-sha256',
      {
        authorization,
        accessKeyId,
        scopeDate,
        amzDate,
      },
    );
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    const value = headerValue(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const [pathname = '/', query = ''] = request.path.split('?', 2);
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
    throw new SignatureVerificationError(
      'mismatch',
      `the signature does not match the one calculated with the secret of access key ${JSON.stringify(accessKeyId)}`,
      { authorization, accessKeyId, scopeDate, amzDate },
    );
  }
  return { accessKeyId, region, service };
}
