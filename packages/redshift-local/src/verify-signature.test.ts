import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { RedshiftLocalError, SignatureVerificationError, type SignatureVerificationReason } from './errors';
import { type IncomingSignedRequest, verifySignature } from './verify-signature';

const now = Date.parse('2026-11-30T16:00:00Z');
const clock = { now: () => now };
const accessKeys = { test: 'test' };
const publish = 'Action=Publish&Version=2010-03-31&Message=signed%20message';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * Signs a POST by the SigV4 steps written out (independent of the signer the verifier uses), with
 * `host`, `x-amz-date` and, when `contentHash` is set, `x-amz-content-sha256` signed.
 */
function signedRequest(
  body: string,
  {
    amzDate = '20261130T160000Z',
    secret = 'test',
    accessKeyId = 'test',
    contentHash = true,
    path = '/',
    canonicalQuery = '',
  } = {},
): IncomingSignedRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: '127.0.0.1:4566',
    'x-amz-date': amzDate,
  };
  if (contentHash) headers['x-amz-content-sha256'] = sha256Hex(body);
  const names = Object.keys(headers).sort();
  const [pathname = '/'] = path.split('?', 1);
  const canonicalRequest = [
    'POST',
    pathname,
    canonicalQuery,
    names.map((name) => `${name}:${headers[name]}\n`).join(''),
    names.join(';'),
    sha256Hex(body),
  ].join('\n');
  const scopeDate = amzDate.slice(0, 8);
  const scope = `${scopeDate}/us-east-1/sns/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), 'us-east-1'), 'sns'), 'aws4_request');
  const signature = hmac(key, stringToSign).toString('hex');
  return {
    method: 'POST',
    path,
    body,
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    },
  };
}

/** A request with a well-formed Authorization header whose signature is all zeros. */
function unsignedRequest(accessKeyId: string, amzDate = '20261130T160000Z'): IncomingSignedRequest {
  return {
    method: 'POST',
    path: '/',
    body: publish,
    headers: {
      host: '127.0.0.1',
      'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261130/us-east-1/sns/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    },
  };
}

async function refusal(request: IncomingSignedRequest): Promise<SignatureVerificationError> {
  try {
    await verifySignature(request, accessKeys, clock);
  } catch (error) {
    if (error instanceof SignatureVerificationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function reasonFor(request: IncomingSignedRequest): Promise<SignatureVerificationReason> {
  return (await refusal(request)).reason;
}

describe('verifySignature', () => {
  it('returns the access key, region and service of a correctly signed request', async () => {
    await expect(verifySignature(signedRequest(publish), accessKeys, clock)).resolves.toEqual({
      accessKeyId: 'test',
      region: 'us-east-1',
      service: 'sns',
    });
  });

  it('accepts a correctly signed request without x-amz-content-sha256', async () => {
    await expect(
      verifySignature(signedRequest(publish, { contentHash: false }), accessKeys, clock),
    ).resolves.toMatchObject({ accessKeyId: 'test' });
  });

  it('accepts a signed query string with a repeated parameter', async () => {
    const request = signedRequest(publish, { path: '/?b=2&a=1&a=0', canonicalQuery: 'a=0&a=1&b=2' });
    await expect(verifySignature(request, accessKeys, clock)).resolves.toMatchObject({ accessKeyId: 'test' });
  });

  it('refuses a request without an Authorization header as missing, with a typed error', async () => {
    const error = await refusal({ method: 'POST', path: '/', headers: {}, body: '' });
    expect(error).toBeInstanceOf(RedshiftLocalError);
    expect(error).toMatchObject({ reason: 'missing', code: 'SIGNATURE_VERIFICATION_FAILED' });
  });

  it('refuses a malformed Authorization header and shows it', async () => {
    const error = await refusal({
      method: 'POST',
      path: '/',
      headers: { authorization: 'Bearer abc' },
      body: '',
    });
    expect(error).toMatchObject({
      reason: 'malformed',
      header: 'authorization',
      authorization: 'Bearer abc',
    });
    expect(error.message).toContain('got "Bearer abc"');
  });

  it('refuses an access key it does not know, naming it', async () => {
    const error = await refusal(unsignedRequest('AKIDEXAMPLE'));
    expect(error).toMatchObject({ reason: 'unknown-key', accessKeyId: 'AKIDEXAMPLE' });
    expect(error.message).toContain('"AKIDEXAMPLE"');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'test '])(
    'refuses the access key %j as unknown (own properties only; bug B6)',
    async (accessKeyId) => {
      expect(await reasonFor(signedRequest(publish, { accessKeyId }))).toBe('unknown-key');
    },
  );

  it('refuses a date that does not match the credential scope as a malformed X-Amz-Date', async () => {
    const error = await refusal(unsignedRequest('test', '20261201T000000Z'));
    expect(error).toMatchObject({
      reason: 'malformed',
      header: 'x-amz-date',
      amzDate: '20261201T000000Z',
      scopeDate: '20261130',
    });
  });

  it('refuses a missing X-Amz-Date as malformed and leaves amzDate undefined', async () => {
    const { 'x-amz-date': _removed, ...headers } = unsignedRequest('test').headers;
    const error = await refusal({ ...unsignedRequest('test'), headers });
    expect(error).toMatchObject({ reason: 'malformed', header: 'x-amz-date' });
    expect(error.amzDate).toBeUndefined();
  });

  it('refuses an X-Amz-Date that is not a real time, showing it', async () => {
    const error = await refusal(signedRequest(publish, { amzDate: '20261130T256000Z' }));
    expect(error).toMatchObject({ reason: 'malformed', header: 'x-amz-date' });
    expect(error.message).toContain('20261130T256000Z');
  });

  it('refuses a signature that does not match', async () => {
    expect(await reasonFor(unsignedRequest('test'))).toBe('mismatch');
  });

  it('refuses a request signed with another secret', async () => {
    expect(await reasonFor(signedRequest(publish, { secret: 'other' }))).toBe('mismatch');
  });

  it('refuses a body changed to one of the same length under a signed x-amz-content-sha256 (bug B7)', async () => {
    const request = signedRequest(publish);
    const forged = { ...request, body: request.body.replace('signed', 'forged') };
    expect(forged.body).toHaveLength(request.body.length);

    expect(await reasonFor(forged)).toBe('body-hash-mismatch');
  });

  it('refuses a body changed to one of the same length when no content hash is sent', async () => {
    const request = signedRequest(publish, { contentHash: false });
    expect(await reasonFor({ ...request, body: request.body.replace('signed', 'forged') })).toBe('mismatch');
  });

  it('refuses a signature more than 15 minutes old as expired, with the server time', async () => {
    const error = await refusal(signedRequest(publish, { amzDate: '20261130T154459Z' }));
    expect(error).toMatchObject({ reason: 'expired', amzDate: '20261130T154459Z', serverTime: now });
  });

  it('refuses a signature more than 15 minutes ahead as not yet valid', async () => {
    const error = await refusal(signedRequest(publish, { amzDate: '20261130T161501Z' }));
    expect(error).toMatchObject({ reason: 'not-yet-valid', amzDate: '20261130T161501Z', serverTime: now });
  });

  it('accepts signatures exactly 15 minutes old or ahead', async () => {
    for (const amzDate of ['20261130T154500Z', '20261130T161500Z']) {
      await expect(
        verifySignature(signedRequest(publish, { amzDate }), accessKeys, clock),
      ).resolves.toMatchObject({ accessKeyId: 'test' });
    }
  });

  it('measures the age against Date.now when no clock is given', async () => {
    await expect(
      verifySignature(signedRequest(publish, { amzDate: '20200101T000000Z' }), accessKeys),
    ).rejects.toMatchObject({ reason: 'expired' });
  });
});

class Sha256 implements Checksum {
  readonly #hash;
  constructor(secret?: SourceData) {
    this.#hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as Uint8Array));
  }
  update(data: Uint8Array): void {
    this.#hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {}
}

describe('verifySignature with a request signed by the AWS SDK signer', () => {
  it('accepts the signed body and refuses a same-length body swapped in after signing', async () => {
    const signer = new SignatureV4({
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      region: 'us-east-1',
      service: 'redshift-data',
      sha256: Sha256,
    });
    const original = '{"Database":"dev","WorkgroupName":"local"}';
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/',
      query: {},
      headers: { host: '127.0.0.1:1', 'content-type': 'application/x-amz-json-1.1', 'content-length': '42' },
      body: original,
    });
    const headers = Object.fromEntries(
      Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(headers['x-amz-content-sha256']).toBeDefined();
    const request = { method: 'POST', path: '/', headers };
    await expect(verifySignature({ ...request, body: original }, accessKeys)).resolves.toEqual({
      accessKeyId: 'test',
      region: 'us-east-1',
      service: 'redshift-data',
    });
    const swapped = '{"Database":"dev","WorkgroupName":"locaX"}';
    await expect(verifySignature({ ...request, body: swapped }, accessKeys)).rejects.toMatchObject({
      reason: 'body-hash-mismatch',
    });
    const { 'x-amz-content-sha256': _removed, ...withoutHash } = headers;
    await expect(
      verifySignature({ ...request, headers: withoutHash, body: original }, accessKeys),
    ).rejects.toMatchObject({ reason: 'mismatch' });
  });
});
