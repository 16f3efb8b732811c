import type { Writable } from 'node:stream';
import { notificationEmail } from './notification-email';
import type { SnsSubscriber } from './sns-subscriber';

/**
 * A subscriber that prints each notification to a stream the way an e-mail subscriber reads it.
 *
 * @param stream - Where to print. Defaults to standard output.
 *
 * @example
 * ```ts
 * startLocalSns({ subscribers: [terminalSubscriber(process.stdout)] });
 * ```
 */
export function terminalSubscriber(stream: Writable = process.stdout): SnsSubscriber {
  return {
    name: 'terminal',
    protocol: 'email',
    async deliver(delivery) {
      const email = notificationEmail(delivery);
      const text = [
        `┌─ notification ${email.date.toISOString()} ─ ${delivery.topicArn ?? delivery.targetArn ?? delivery.phoneNumber}`,
        `│ Subject: ${email.subject}`,
        '│',
        ...delivery.message.split('\n').map((line) => `│ ${line}`),
        '└─',
        '',
      ].join('\n');
      await new Promise<void>((resolve, reject) => {
        stream.write(text, (error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
