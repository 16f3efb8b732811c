/**
 * SigV4 verification of incoming requests: the request is re-signed with @smithy/signature-v4
 * (the signer the AWS SDK uses) over exactly the headers the client signed, with the secret of
 * the access key in its Credential scope, and the signatures are compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { DataApiException } from './errors';

class NodeSha256 implements Checksum {
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

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** The request as the endpoint received it. */
export interface IncomingSignedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function header(headers: IncomingSignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Verifies the request's SigV4 signature; returns the caller's access key or throws the
 * exception AWS returns (MissingAuthenticationTokenException, IncompleteSignatureException,
 * UnrecognizedClientException, InvalidSignatureException).
 *
 * @example
 * const { accessKeyId } = await verifySignature(request, { test: 'test' });
 */
export async function verifySignature(
  request: IncomingSignedRequest,
  accessKeys: Readonly<Record<string, string>>,
): Promise<{ accessKeyId: string; region: string; service: string }> {
  const authorization = header(request.headers, 'authorization');
  if (authorization === undefined) {
    throw new DataApiException('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const match = authorizationPattern.exec(authorization.trim());
  if (match === null) {
    throw new DataApiException(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of AWS4-HMAC-SHA256; got ${JSON.stringify(authorization.slice(0, 80))}.`,
    );
  }
  const [, accessKeyId, scopeDate, region, service, signedHeaders, signature] = match as unknown as string[];
  // Own properties only: an access key id such as "constructor" must not find Object.prototype members.
  const secret = Object.hasOwn(accessKeys, accessKeyId!) ? accessKeys[accessKeyId!] : undefined;
  if (typeof secret !== 'string') {
    throw new DataApiException(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  const amzDate = header(request.headers, 'x-amz-date');
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(scopeDate!)) {
    throw new DataApiException(
      'IncompleteSignatureException',
      `X-Amz-Date ${JSON.stringify(amzDate)} is missing or does not match the credential scope date ${scopeDate}.`,
    );
  }
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  if (Math.abs(Date.now() - signingDate.getTime()) > 15 * 60 * 1000) {
    throw new DataApiException(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is more than 15 minutes from the server time.`,
    );
  }
  // The signer takes a present x-amz-content-sha256 header as the payload hash without hashing the
  // body: check it against the body received, or a changed body would pass with the old header.
  const contentHash = header(request.headers, 'x-amz-content-sha256');
  if (contentHash !== undefined && contentHash !== createHash('sha256').update(request.body).digest('hex')) {
    throw new DataApiException(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided: the body does not match x-amz-content-sha256.',
    );
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) {
    const value = header(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const [pathname, query = ''] = request.path.split('?', 2) as [string, string?];
  const queryParameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) queryParameters[key] = value;
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: secret },
    region: region!,
    service: service!,
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
    { signingDate, signingRegion: region!, signingService: service! },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ''))?.[1] ?? '';
  const expectedSignedHeaders = /SignedHeaders=([^,]+)/.exec(String(signed.headers.authorization ?? ''))?.[1];
  if (
    expected.length !== signature!.length ||
    !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!)) ||
    (expectedSignedHeaders !== undefined && expectedSignedHeaders !== signedHeaders)
  ) {
    throw new DataApiException(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return { accessKeyId: accessKeyId!, region: region!, service: service! };
}
