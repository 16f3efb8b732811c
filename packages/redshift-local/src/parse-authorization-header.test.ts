import { describe, expect, it } from 'vitest';
import { SignatureVerificationError } from './errors';
import { parseAuthorizationHeader } from './parse-authorization-header';

const signature = 'ab'.repeat(32);

describe('parseAuthorizationHeader', () => {
  it('reads the Credential scope, SignedHeaders and Signature, keeping the header as sent', () => {
    const header = ` AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/sns/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`;

    expect(parseAuthorizationHeader(header)).toEqual({
      authorization: header,
      accessKeyId: 'test',
      scopeDate: '20261130',
      region: 'us-east-1',
      service: 'sns',
      signedHeaders: 'host;x-amz-date',
      signature,
    });
  });

  it('accepts the parts separated by commas without spaces', () => {
    const header = `AWS4-HMAC-SHA256 Credential=k/20261130/eu-west-1/redshift-data/aws4_request,SignedHeaders=host,Signature=${signature}`;

    expect(parseAuthorizationHeader(header)).toMatchObject({ region: 'eu-west-1', service: 'redshift-data' });
  });

  it('refuses a missing header as missing', () => {
    expect(() => parseAuthorizationHeader(undefined)).toThrow(
      expect.objectContaining({ reason: 'missing', message: 'the request has no Authorization header' }),
    );
  });

  it.each([
    'Bearer abc',
    `AWS4-HMAC-SHA256 Credential=test/2026113/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=${signature}`,
    `AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/sns/aws4_request, SignedHeaders=Host, Signature=${signature}`,
    `AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=${signature.slice(1)}`,
  ])('refuses %j as malformed, showing the header', (header) => {
    let error: unknown;
    try {
      parseAuthorizationHeader(header);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect(error).toMatchObject({ reason: 'malformed', header: 'authorization', authorization: header });
    expect((error as Error).message).toContain(JSON.stringify(header.slice(0, 80)));
  });
});
