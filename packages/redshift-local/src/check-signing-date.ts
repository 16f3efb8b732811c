/** The signing time of a SigV4 request: its X-Amz-Date, checked against the scope and the clock. */
import { SignatureVerificationError } from './errors';
import type { AuthorizationHeader } from './parse-authorization-header';

/** How far X-Amz-Date may be from the server's clock, as AWS allows: 15 minutes either way. */
export const maxClockSkewMs = 15 * 60 * 1000;

/** `20261130T160000Z`, the X-Amz-Date form. */
function amzDateOf(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The time X-Amz-Date `amzDate` names, once it is a real `YYYYMMDDTHHMMSSZ` time on the Credential
 * scope's date and within {@link maxClockSkewMs} of `now()` (read only once the date is well formed).
 *
 * @throws SignatureVerificationError `malformed`, `expired` or `not-yet-valid`.
 * @example
 * checkSigningDate('20261130T160000Z', parseAuthorizationHeader(header), Date.now);
 */
export function checkSigningDate(
  amzDate: string | undefined,
  { authorization, accessKeyId, scopeDate }: AuthorizationHeader,
  now: () => number,
): Date {
  const signingDate = new Date(
    `${amzDate?.slice(0, 4)}-${amzDate?.slice(4, 6)}-${amzDate?.slice(6, 8)}T${amzDate?.slice(9, 11)}:${amzDate?.slice(11, 13)}:${amzDate?.slice(13, 15)}Z`,
  );
  if (
    amzDate === undefined ||
    !/^\d{8}T\d{6}Z$/.test(amzDate) ||
    !amzDate.startsWith(scopeDate) ||
    Number.isNaN(signingDate.getTime())
  ) {
    throw new SignatureVerificationError(
      'malformed',
      `X-Amz-Date ${JSON.stringify(amzDate ?? '')} is missing, not a valid time, or does not match the credential scope date ${scopeDate}`,
      { header: 'x-amz-date', authorization, accessKeyId, scopeDate, amzDate },
    );
  }
  const serverTime = now();
  if (signingDate.getTime() < serverTime - maxClockSkewMs) {
    throw new SignatureVerificationError(
      'expired',
      `signature expired: ${amzDate} is more than 15 minutes before the server time ${amzDateOf(serverTime)}`,
      { authorization, accessKeyId, scopeDate, amzDate, serverTime },
    );
  }
  if (signingDate.getTime() > serverTime + maxClockSkewMs) {
    throw new SignatureVerificationError(
      'not-yet-valid',
      `signature not yet current: ${amzDate} is more than 15 minutes after the server time ${amzDateOf(serverTime)}`,
      { authorization, accessKeyId, scopeDate, amzDate, serverTime },
    );
  }
  return signingDate;
}
