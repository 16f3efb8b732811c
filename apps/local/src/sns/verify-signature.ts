import {
  maxClockSkewMs,
  SignatureVerificationError,
  verifySignature as verifySigV4Signature,
} from '@shiftflow/redshift-local';
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

/** `20261130T160000Z`, the X-Amz-Date form. */
function amzDateOf(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** A refused signature as the awsQuery error SNS answers with, in SNS's codes and wording. */
function snsApiErrorOf(error: SignatureVerificationError): SnsApiError {
  const options = { cause: error };
  const mismatch = (message: string) => new SnsApiError('SignatureDoesNotMatch', message, 403, options);
  const serverTime = error.serverTime ?? Date.now();
  switch (error.reason) {
    case 'missing':
      return new SnsApiError(
        'MissingAuthenticationToken',
        'Request is missing Authentication Token',
        403,
        options,
      );
    case 'malformed':
      return new SnsApiError(
        'IncompleteSignature',
        error.header === 'x-amz-date'
          ? `X-Amz-Date ${JSON.stringify(error.amzDate ?? '')} is missing, not a valid time, or does not match the credential scope date ${error.scopeDate}`
          : `Authorization header requires Credential, SignedHeaders and Signature of AWS4-HMAC-SHA256; got ${JSON.stringify((error.authorization ?? '').slice(0, 80))}`,
        400,
        options,
      );
    case 'unknown-key':
      return new SnsApiError(
        'InvalidClientTokenId',
        `The security token included in the request is invalid: access key "${error.accessKeyId}" is not known to this endpoint`,
        403,
        options,
      );
    case 'expired':
      return mismatch(
        `Signature expired: ${error.amzDate} is now earlier than ${amzDateOf(serverTime - maxClockSkewMs)} (${amzDateOf(serverTime)} - 15 min.)`,
      );
    case 'not-yet-valid':
      return mismatch(
        `Signature not yet current: ${error.amzDate} is still later than ${amzDateOf(serverTime + maxClockSkewMs)} (${amzDateOf(serverTime)} + 15 min.)`,
      );
    case 'body-hash-mismatch':
      return mismatch(
        'The request signature we calculated does not match the signature you provided: the body does not match x-amz-content-sha256.',
      );
    case 'mismatch':
      return mismatch(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      );
  }
}

/**
 * Checks an AWS Signature Version 4 `Authorization` header the way SNS does, with the verifier
 * every local endpoint shares (`verifySignature` of `@shiftflow/redshift-local`): the access key
 * must be known, X-Amz-Date within 15 minutes of the server's clock, the body must hash to
 * `x-amz-content-sha256` when that header is sent, and the signature must match. Returns the
 * access key id.
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
  try {
    const { accessKeyId } = await verifySigV4Signature(
      { method: request.method, path: request.url, headers: request.headers, body: request.body },
      accessKeys,
      options,
    );
    return accessKeyId;
  } catch (error) {
    throw error instanceof SignatureVerificationError ? snsApiErrorOf(error) : error;
  }
}
