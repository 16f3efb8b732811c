/**
 * SigV4 verification of incoming requests, shared by every local AWS endpoint (the Data API here,
 * SNS in the local app): the request is re-signed with @smithy/signature-v4 (the signer the AWS SDK
 * uses) over exactly the headers the client signed, with the secret of the access key in its
 * Credential scope, and the signatures are compared in constant time. Failures are one typed error
 * with a `reason`; each endpoint maps reasons to its own protocol's error names.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { calculateSignature } from './calculate-signature';
import { checkSigningDate } from './check-signing-date';
import { SignatureVerificationError } from './errors';
import { headerValue, type IncomingSignedRequest } from './incoming-signed-request';
import { parseAuthorizationHeader } from './parse-authorization-header';

export { maxClockSkewMs } from './check-signing-date';
export type { IncomingSignedRequest } from './incoming-signed-request';

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
  const authorizationHeader = parseAuthorizationHeader(headerValue(request.headers, 'authorization'));
  const { authorization, accessKeyId, scopeDate, region, service, signedHeaders, signature } =
    authorizationHeader;
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
  const signingDate = checkSigningDate(amzDate, authorizationHeader, options.now ?? Date.now);
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
  const expected = await calculateSignature(request, authorizationHeader, secret, signingDate);
  if (
    expected.signature.length !== signature.length ||
    !timingSafeEqual(Buffer.from(expected.signature), Buffer.from(signature)) ||
    expected.signedHeaders !== signedHeaders
  ) {
    throw new SignatureVerificationError(
      'mismatch',
      `the signature does not match the one calculated with the secret of access key ${JSON.stringify(accessKeyId)}`,
      { authorization, accessKeyId, scopeDate, amzDate },
    );
  }
  return { accessKeyId, region, service };
}
