import { describe, expect, it } from 'vitest';
import { verifySignature } from './verify-signature';

const base = { method: 'POST', url: '/', body: 'Action=ListTopics&Version=2010-03-31' };
const signature = 'a'.repeat(64);

function authorization(accessKey: string): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKey}/20261130/us-east-1/sns/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`;
}

describe('verifySignature', () => {
  it('refuses a request without an Authorization header', () => {
    expect(() => verifySignature({ ...base, headers: {} }, { test: 'test' })).toThrow(
      expect.objectContaining({ code: 'MissingAuthenticationToken', status: 403 }),
    );
  });

  it('refuses a malformed Authorization header and shows it', () => {
    expect(() =>
      verifySignature({ ...base, headers: { authorization: 'Bearer abc' } }, { test: 'test' }),
    ).toThrow('got "Bearer abc"');
  });

  it('refuses an access key it does not know, naming it', () => {
    const headers = {
      authorization: authorization('AKIDEXAMPLE'),
      'x-amz-date': '20261130T160000Z',
      host: 'localhost',
    };
    expect(() => verifySignature({ ...base, headers }, { test: 'test' })).toThrow(
      expect.objectContaining({
        code: 'InvalidClientTokenId',
        status: 403,
        message: expect.stringContaining('"AKIDEXAMPLE"'),
      }),
    );
  });

  it('refuses a date that does not match the credential scope', () => {
    const headers = {
      authorization: authorization('test'),
      'x-amz-date': '20261201T000000Z',
      host: 'localhost',
    };
    expect(() => verifySignature({ ...base, headers }, { test: 'test' })).toThrow(
      expect.objectContaining({ code: 'IncompleteSignature' }),
    );
  });

  it('refuses a signature that does not match', () => {
    const headers = {
      authorization: authorization('test'),
      'x-amz-date': '20261130T160000Z',
      host: 'localhost',
    };
    expect(() => verifySignature({ ...base, headers }, { test: 'test' })).toThrow(
      expect.objectContaining({ code: 'SignatureDoesNotMatch', status: 403 }),
    );
  });
});
