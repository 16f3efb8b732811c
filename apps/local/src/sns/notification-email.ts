import type { SnsDelivery } from './sns-notification';

/** Sender and recipient of notification e-mails. */
export interface EmailAddresses {
  /** Defaults to `AWS Notifications <no-reply@sns.amazonaws.com>`, the sender SNS uses. */
  readonly from?: string;
  /** Defaults to `subscriber@localhost`. */
  readonly to?: string;
}

/** The parts of a notification e-mail, as nodemailer message options. */
export interface NotificationEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly date: Date;
  readonly messageId: string;
  readonly text: string;
  readonly textEncoding: 'quoted-printable';
}

/**
 * The e-mail an SNS `email` subscriber receives: the subject (SNS's default when none was given),
 * the message and SNS's footer.
 *
 * @example
 * ```ts
 * await transport.sendMail(notificationEmail(delivery, { to: 'me@example.com' }));
 * ```
 */
export function notificationEmail(delivery: SnsDelivery, addresses: EmailAddresses = {}): NotificationEmail {
  const source = delivery.topicArn ?? delivery.targetArn ?? delivery.phoneNumber ?? 'SNS';
  return {
    from: addresses.from ?? 'AWS Notifications <no-reply@sns.amazonaws.com>',
    to: addresses.to ?? 'subscriber@localhost',
    subject: delivery.subject ?? 'AWS Notification Message',
    date: delivery.timestamp,
    messageId: `<${delivery.messageId}@sns.local>`,
    text: `${delivery.message}\n\n--\nSent by the shiftflow local SNS endpoint for ${source} (message ${delivery.messageId}).\n`,
    textEncoding: 'quoted-printable',
  };
}
