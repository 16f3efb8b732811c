import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { InvalidSubscriberError } from './errors';

/**
 * The nodemailer transport options of an SMTP URL (`--smtp`): `smtp://host[:port]` (port 25,
 * plain, no STARTTLS: local test servers offer it with certificates nothing trusts) or
 * `smtps://host[:port]` (port 465, TLS from the start); `user:password@` signs in.
 *
 * @throws InvalidSubscriberError for a URL that is not `smtp:` or `smtps:`.
 * @example
 * smtpTransportOptions('smtps://mail.example.com'); // { host: 'mail.example.com', port: 465, secure: true, ignoreTLS: false }
 */
export function smtpTransportOptions(smtpUrl: string): SMTPTransport.Options {
  let url: URL | undefined;
  try {
    url = new URL(smtpUrl);
  } catch {
    // Not a URL at all: reported below with the expected form.
    url = undefined;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')) {
    throw new InvalidSubscriberError(
      `an SMTP URL must look like smtp://host:port or smtps://host:port, got ${JSON.stringify(smtpUrl)}`,
      smtpUrl,
    );
  }
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port === '' ? (secure ? 465 : 25) : Number(url.port),
    secure,
    ignoreTLS: !secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
}
