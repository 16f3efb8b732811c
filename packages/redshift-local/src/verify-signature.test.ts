import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { DataApiException } from './errors';
import { verifySignature } from './verify-signature';

async function refusal(accessKeyId: string): Promise<DataApiException> {
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  try {
    await verifySignature(
      {
        method: 'POST',
        path: '/',
        headers: {
          host: '127.0.0.1',
          'x-amz-date': amzDate,
          authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/redshift-data/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
        },
        body: '{}',
      },
      { test: 'test' },
    );
  } catch (error) {
    if (error instanceof DataApiException) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('verifySignature', () => {
  it('treats names of Object.prototype members as unknown access keys', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect((await refusal(name)).exceptionName).toBe('UnrecognizedClientException');
    }
  });

  it('refuses a known key with a wrong signature with InvalidSignatureException', async () => {
    expect((await refusal('test')).exceptionName).toBe('InvalidSignatureException');
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

describe('verifySignature with a signed body', () => {
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
    await expect(verifySignature({ ...request, body: original }, { test: 'test' })).resolves.toMatchObject({
      accessKeyId: 'test',
    });
    const swapped = '{"Database":"dev","WorkgroupName":"locaX"}';
    await expect(verifySignature({ ...request, body: swapped }, { test: 'test' })).rejects.toMatchObject({
      exceptionName: 'InvalidSignatureException',
    });
    const { 'x-amz-content-sha256': _removed, ...withoutHash } = headers;
    await expect(
      verifySignature({ ...request, headers: withoutHash, body: original }, { test: 'test' }),
    ).rejects.toMatchObject({
      exceptionName: 'InvalidSignatureException',
    });
  });
});
