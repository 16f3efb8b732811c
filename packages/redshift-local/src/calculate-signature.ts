/** The SigV4 signature a request should carry, by the signer the AWS SDK uses (@smithy/signature-v4). */
import { SignatureV4 } from '@smithy/signature-v4';
import { headerValue, type IncomingSignedRequest } from './incoming-signed-request';
import { NodeSha256 } from './node-sha256';
import type { AuthorizationHeader } from './parse-authorization-header';

/** What the signer computed: the signature and the headers it signed. */
export interface CalculatedSignature {
  /** 64 lower-case hex digits, or empty if the signer's header had none. */
  readonly signature: string;
  /** The SignedHeaders the signer wrote, to compare with the client's. */
  readonly signedHeaders: string | undefined;
}

/**
 * Re-signs `request` as the client said it did: over exactly the headers in its SignedHeaders, the
 * path and query received and the body, with `secret`, the Credential scope's region and service,
 * at `signingDate`.
 *
 * @example
 * const { signature } = await calculateSignature(request, authorizationHeader, 'test', signingDate);
 */
export async function calculateSignature(
  request: IncomingSignedRequest,
  { accessKeyId, region, service, signedHeaders }: AuthorizationHeader,
  secret: string,
  signingDate: Date,
): Promise<CalculatedSignature> {
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
  return {
    signature: /Signature=([0-9a-f]{64})/.exec(signedAuthorization)?.[1] ?? '',
    signedHeaders: /SignedHeaders=([^,]+)/.exec(signedAuthorization)?.[1],
  };
}
