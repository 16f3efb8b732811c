import { describe, expect, it } from 'vitest';
import { checkSigningDate, maxClockSkewMs } from './check-signing-date';
import { SignatureVerificationError } from './errors';
import type { AuthorizationHeader } from './parse-authorization-header';

const authorizationHeader: AuthorizationHeader = {
  authorization: 'AWS4-HMAC-SHA256 …',
  accessKeyId: 'test',
  scopeDate: '20261130',
  region: 'us-east-1',
  service: 'sns',
  signedHeaders: 'host;x-amz-date',
  signature: '0'.repeat(64),
};
const serverTime = Date.parse('2026-11-30T16:00:00Z');

function refusal(amzDate: string | undefined, now = serverTime): SignatureVerificationError {
  try {
    checkSigningDate(amzDate, authorizationHeader, () => now);
  } catch (error) {
    if (error instanceof SignatureVerificationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkSigningDate', () => {
  it('returns the time X-Amz-Date names', () => {
    expect(checkSigningDate('20261130T155959Z', authorizationHeader, () => serverTime)).toEqual(
      new Date('2026-11-30T15:59:59Z'),
    );
  });

  it('accepts times exactly 15 minutes either side of the server clock', () => {
    expect(maxClockSkewMs).toBe(15 * 60 * 1000);
    for (const amzDate of ['20261130T154500Z', '20261130T161500Z']) {
      expect(checkSigningDate(amzDate, authorizationHeader, () => serverTime)).toBeInstanceOf(Date);
    }
  });

  it.each([undefined, '20261130T256000Z', '20261130 160000Z', '20261201T000000Z', '20261130T160000'])(
    'refuses X-Amz-Date %j as malformed without reading the clock',
    (amzDate) => {
      let clockRead = false;
      let error: unknown;
      try {
        checkSigningDate(amzDate, authorizationHeader, () => {
          clockRead = true;
          return serverTime;
        });
      } catch (caught) {
        error = caught;
      }

      expect(error).toMatchObject({
        reason: 'malformed',
        header: 'x-amz-date',
        amzDate,
        scopeDate: '20261130',
      });
      expect((error as Error).message).toBe(
        `X-Amz-Date ${JSON.stringify(amzDate ?? '')} is missing, not a valid time, or does not match the credential scope date 20261130`,
      );
      expect(clockRead).toBe(false);
    },
  );

  it('refuses a time more than 15 minutes old as expired, naming the server time', () => {
    const error = refusal('20261130T154459Z');

    expect(error).toMatchObject({ reason: 'expired', serverTime, accessKeyId: 'test' });
    expect(error.message).toBe(
      'signature expired: 20261130T154459Z is more than 15 minutes before the server time 20261130T160000Z',
    );
  });

  it('refuses a time more than 15 minutes ahead as not yet valid', () => {
    const error = refusal('20261130T161501Z');

    expect(error).toMatchObject({ reason: 'not-yet-valid', serverTime });
    expect(error.message).toBe(
      'signature not yet current: 20261130T161501Z is more than 15 minutes after the server time 20261130T160000Z',
    );
  });
});
