import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { type EmailAddresses, notificationEmail } from './notification-email';
import { httpNotification } from './sns-notification';
import type { SnsSubscriber } from './start-local-sns';

/**
 * A subscriber that writes each notification to a folder as `<timestamp>-<messageId>.json` (the SNS
 * notification document) and `<timestamp>-<messageId>.eml` (the e-mail, RFC 5322).
 *
 * @param directory - Folder to write to; created when missing.
 *
 * @example
 * ```ts
 * startLocalSns({ subscribers: [outboxSubscriber('.shiftflow/outbox', { to: 'data-team@example.com' })] });
 * ```
 */
export function outboxSubscriber(directory: string, addresses: EmailAddresses = {}): SnsSubscriber {
  return {
    name: `outbox:${directory}`,
    protocol: 'email',
    async deliver(delivery) {
      await mkdir(directory, { recursive: true });
      const base = join(
        directory,
        `${delivery.timestamp.toISOString().replace(/:/g, '-')}-${delivery.messageId}`,
      );
      const email = await new MailComposer(notificationEmail(delivery, addresses)).compile().build();
      await writeFile(`${base}.json`, `${JSON.stringify(httpNotification(delivery), null, 2)}\n`);
      await writeFile(`${base}.eml`, email);
    },
  };
}
