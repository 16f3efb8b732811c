import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SignedRequest, verifySignature } from './verify-signature';

const base = { method: 'POST', url: '/', body: 'Action=ListTopics&Version=2010-03-31' };
const signature = 'a'.repeat(64);
const now = Date.parse('2026-11-30T16:00:00Z');
const clock = { now: () => now };

function authorization(accessKey: string): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKey}/20261130/us-east-1/sns/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * Signs a POST to `/` by the SigV4 steps written out (independent of the signer the endpoint uses),
 * with `host`, `x-amz-date` and, when `contentHash` is set, `x-amz-content-sha256` signed.
 */
function signedRequest(
  body: string,
  { amzDate = '20261130T160000Z', secret = 'test', accessKeyId = 'test', contentHash = true } = {},
): SignedRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: '127.0.0.1:4566',
    'x-amz-date': amzDate,
  };
  if (contentHash) headers['x-amz-content-sha256'] = sha256Hex(body);
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    'POST',
    '/',
    '',
    names.map((name) => `${name}:${headers[name]}\n`).join(''),
    names.join(';'),
    sha256Hex(body),
  ].join('\n');
  const scopeDate = amzDate.slice(0, 8);
  const scope = `${scopeDate}/us-east-1/sns/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), 'us-east-1'), 'sns'), 'aws4_request');
  const signed = hmac(key, stringToSign).toString('hex');
  return {
    method: 'POST',
    url: '/',
    body,
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signed}`,
    },
  };
}

const publish = 'Action=Publish&Version=2010-03-31&Message=signed%20message';

// The verification itself (every reason, Object.prototype keys, the 15-minute bounds) is tested
// with the shared verifier in packages/redshift-local/src/verify-signature.test.ts; these tests pin
// the SNS codes, statuses and wording each refusal is answered with.
describe('verifySignature', () => {
  it('refuses a request without an Authorization header', async () => {
    await expect(verifySignature({ ...base, headers: {} }, { test: 'test' })).rejects.toThrow(
      expect.objectContaining({ awsErrorCode: 'MissingAuthenticationToken', status: 403 }),
    );
  });

  it('refuses a malformed Authorization header and shows it', async () => {
    await expect(
      verifySignature({ ...base, headers: { authorization: 'Bearer abc' } }, { test: 'test' }),
    ).rejects.toThrow('got "Bearer abc"');
  });

  it('refuses an access key it does not know, naming it', async () => {
    const headers = {
      authorization: authorization('AKIDEXAMPLE'),
      'x-amz-date': '20261130T160000Z',
      host: 'localhost',
    };
    await expect(verifySignature({ ...base, headers }, { test: 'test' }, clock)).rejects.toThrow(
      expect.objectContaining({
        awsErrorCode: 'InvalidClientTokenId',
        status: 403,
        message: expect.stringContaining('"AKIDEXAMPLE"'),
      }),
    );
  });

  it('refuses a date that does not match the credential scope', async () => {
    const headers = {
      authorization: authorization('test'),
      'x-amz-date': '20261201T000000Z',
      host: 'localhost',
    };
    await expect(verifySignature({ ...base, headers }, { test: 'test' }, clock)).rejects.toThrow(
      expect.objectContaining({ awsErrorCode: 'IncompleteSignature' }),
    );
  });

  it('refuses a signature that does not match', async () => {
    const headers = {
      authorization: authorization('test'),
      'x-amz-date': '20261130T160000Z',
      host: 'localhost',
    };
    await expect(verifySignature({ ...base, headers }, { test: 'test' }, clock)).rejects.toThrow(
      expect.objectContaining({ awsErrorCode: 'SignatureDoesNotMatch', status: 403 }),
    );
  });

  it('accepts a correctly signed request, with and without x-amz-content-sha256', async () => {
    await expect(verifySignature(signedRequest(publish), { test: 'test' }, clock)).resolves.toBe('test');
    await expect(
      verifySignature(signedRequest(publish, { contentHash: false }), { test: 'test' }, clock),
    ).resolves.toBe('test');
  });

  it('refuses a body changed to one of the same length under a signed x-amz-content-sha256 (bug B7)', async () => {
    const request = signedRequest(publish);
    const forged = { ...request, body: request.body.replace('signed', 'forged') };
    expect(forged.body).toHaveLength(request.body.length);

    await expect(verifySignature(forged, { test: 'test' }, clock)).rejects.toThrow(
      expect.objectContaining({
        awsErrorCode: 'SignatureDoesNotMatch',
        status: 403,
        message: expect.stringContaining('the body does not match x-amz-content-sha256'),
      }),
    );
  });

  it('refuses a signature more than 15 minutes old as expired, the way SNS words it', async () => {
    const request = signedRequest(publish, { amzDate: '20261130T154459Z' });

    await expect(verifySignature(request, { test: 'test' }, clock)).rejects.toThrow(
      expect.objectContaining({
        awsErrorCode: 'SignatureDoesNotMatch',
        status: 403,
        message:
          'Signature expired: 20261130T154459Z is now earlier than 20261130T154500Z (20261130T160000Z - 15 min.)',
      }),
    );
  });

  it('refuses a signature more than 15 minutes ahead as not yet current', async () => {
    const request = signedRequest(publish, { amzDate: '20261130T161501Z' });

    await expect(verifySignature(request, { test: 'test' }, clock)).rejects.toThrow(
      expect.objectContaining({
        awsErrorCode: 'SignatureDoesNotMatch',
        message:
          'Signature not yet current: 20261130T161501Z is still later than 20261130T161500Z (20261130T160000Z + 15 min.)',
      }),
    );
  });

  it('refuses an X-Amz-Date that is not a real time', async () => {
    const request = signedRequest(publish, { amzDate: '20261130T256000Z' });

    await expect(verifySignature(request, { test: 'test' }, clock)).rejects.toThrow(
      expect.objectContaining({
        awsErrorCode: 'IncompleteSignature',
        message: expect.stringContaining('20261130T256000Z'),
      }),
    );
  });
});
