import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { crashPoint } from '../files/crash-point';
import { writeFileAtomic } from '../files/write-file-atomic';
import { type EmailAddresses, notificationEmail } from './notification-email';
import { httpNotification } from './sns-notification';
import type { SnsSubscriber } from './sns-subscriber';

const messageFile = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-f-]{36})\.(json|eml)$/;

/**
 * Removes what a delivery killed half-way left: temporary files and an `.eml` whose `.json` was
 * never written. Such a message was not acknowledged to the publisher (Publish answers only after
 * this subscriber's delivery), so the notifier announces it again and nothing is lost.
 */
async function removeUnfinishedMessages(directory: string): Promise<void> {
  const entries = await readdir(directory);
  const complete = new Set<string>();
  for (const entry of entries) {
    const match = messageFile.exec(entry);
    if (match?.[2] === 'json') complete.add(match[1]!);
  }
  for (const entry of entries) {
    const match = messageFile.exec(entry);
    const unfinished =
      (entry.startsWith('.') && entry.endsWith('.tmp')) || (match?.[2] === 'eml' && !complete.has(match[1]!));
    if (unfinished) await rm(join(directory, entry), { force: true });
  }
}

/**
 * A subscriber that writes each notification to a folder as `<timestamp>-<messageId>.eml` (the
 * e-mail, RFC 5322) and `<timestamp>-<messageId>.json` (the SNS notification document).
 *
 * Crash-safe: each file is written to a temporary name, flushed and renamed, the `.eml` first and
 * the `.json` last, so a `.json` in the outbox always comes with its `.eml` and is never empty or
 * cut short. The subscriber is `durable`: the local SNS answers Publish only once both files are on
 * disk, so the notifier's ledger never records an announcement that is not in the outbox.
 *
 * @param directory - Folder to write to; created when missing.
 *
 * @example
 * ```ts
 * startLocalSns({ subscribers: [outboxSubscriber('.shiftflow/outbox', { to: 'data-team@example.com' })] });
 * ```
 */
export function outboxSubscriber(directory: string, addresses: EmailAddresses = {}): SnsSubscriber {
  let prepared: Promise<void> | undefined;
  const prepare = async () => {
    await mkdir(directory, { recursive: true });
    await removeUnfinishedMessages(directory);
  };
  return {
    name: `outbox:${directory}`,
    protocol: 'email',
    durable: true,
    async deliver(delivery) {
      prepared ??= prepare();
      try {
        await prepared;
      } catch (error) {
        prepared = undefined; // the next delivery tries again (the folder may have been fixed)
        throw error;
      }
      const base = join(
        directory,
        `${delivery.timestamp.toISOString().replace(/:/g, '-')}-${delivery.messageId}`,
      );
      const email = await new MailComposer(notificationEmail(delivery, addresses)).compile().build();
      await writeFileAtomic(`${base}.eml`, email);
      crashPoint('outbox-eml-written');
      await writeFileAtomic(`${base}.json`, `${JSON.stringify(httpNotification(delivery), null, 2)}\n`);
    },
  };
}
