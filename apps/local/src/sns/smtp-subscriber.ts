import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { InvalidSubscriberError } from './errors';
import { type EmailAddresses, notificationEmail } from './notification-email';
import type { SnsSubscriber } from './sns-subscriber';

/** `smtp[s]://user:****@host:port (to <address>)`: the server and recipient, never the password. */
function smtpEndpoint(options: SMTPTransport.Options, to: string): string {
  const scheme = options.secure === true ? 'smtps' : 'smtp';
  const user = options.auth?.user;
  const signIn = user === undefined ? '' : `${encodeURIComponent(user)}:****@`;
  const port = options.port ?? (options.secure === true ? 465 : 587);
  return `${scheme}://${signIn}${options.host ?? 'localhost'}:${port} (to ${to})`;
}

/**
 * A subscriber that e-mails each notification through an SMTP server with nodemailer.
 *
 * @param transportOptions - nodemailer SMTP options (`host`, `port`, `secure`, `auth`, …).
 * @param addresses - `to` is required; `from` defaults to SNS's sender.
 *
 * @example
 * ```ts
 * smtpSubscriber({ host: 'smtp.example.com', port: 587, auth: { user, pass } }, { to: 'data-team@example.com' });
 * ```
 */
export function smtpSubscriber(
  transportOptions: SMTPTransport.Options,
  addresses: EmailAddresses & { readonly to: string },
): SnsSubscriber & { close(): Promise<void> } {
  if (typeof addresses?.to !== 'string' || !addresses.to.includes('@')) {
    throw new InvalidSubscriberError(
      `smtpSubscriber needs a "to" address, got ${JSON.stringify(addresses?.to)}`,
      addresses?.to,
    );
  }
  const transport = createTransport(transportOptions);
  return {
    name: `smtp:${addresses.to}`,
    endpoint: smtpEndpoint(transportOptions, addresses.to),
    protocol: 'email',
    async deliver(delivery) {
      await transport.sendMail(notificationEmail(delivery, addresses));
    },
    async close() {
      transport.close();
    },
  };
}
