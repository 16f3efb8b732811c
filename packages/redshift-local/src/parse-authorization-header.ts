/** The parts of a SigV4 `Authorization` header (see verify-signature.ts). */
import { SignatureVerificationError } from './errors';

/** A SigV4 `Authorization` header as sent, and its parts. */
export interface AuthorizationHeader {
  /** The header as received, untrimmed. */
  readonly authorization: string;
  readonly accessKeyId: string;
  /** `YYYYMMDD` of the Credential scope. */
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  /** Lower-case header names joined with `;`, as the client signed them. */
  readonly signedHeaders: string;
  /** 64 lower-case hex digits. */
  readonly signature: string;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Reads an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header into its parts.
 *
 * @throws SignatureVerificationError `missing` when there is no header, `malformed` when it is not
 * of that form.
 * @example
 * parseAuthorizationHeader(request.headers.authorization).accessKeyId; // 'test'
 */
export function parseAuthorizationHeader(authorization: string | undefined): AuthorizationHeader {
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
  return { authorization, accessKeyId, scopeDate, region, service, signedHeaders, signature };
}
