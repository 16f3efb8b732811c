import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SnsDeliveryError } from './errors';
import { httpNotification, type SnsDelivery } from './sns-notification';
import type { SnsSubscriber } from './sns-subscriber';

/** How failed deliveries are retried and where they end up. */
export interface DeliveryPolicy {
  /** Attempts in total, including the first. Defaults to 3. */
  readonly attempts?: number;
  /** Wait before the first retry; doubled before each further one. Defaults to 200 ms. */
  readonly baseDelayMs?: number;
  /** Folder for messages that still fail, one JSON file each. Defaults to none (reported only). */
  readonly deadLetterDirectory?: string;
  /** Receives each message that failed every attempt. Defaults to writing to standard error. */
  readonly onDeliveryFailure?: (error: SnsDeliveryError) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers one message to one subscriber, retrying with exponential backoff; a message that fails every
 * attempt is written to the dead-letter folder and reported, never dropped. Never rejects.
 *
 * @example
 * ```ts
 * await deliverWithRetry(webhookSubscriber(url), delivery, { attempts: 3, deadLetterDirectory: '.shiftflow/dead-letter' });
 * ```
 */
export async function deliverWithRetry(
  subscriber: SnsSubscriber,
  delivery: SnsDelivery,
  policy: DeliveryPolicy = {},
): Promise<void> {
  const attempts = Math.max(1, policy.attempts ?? 3);
  const baseDelayMs = policy.baseDelayMs ?? 200;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await subscriber.deliver(delivery);
      return;
    } catch (error) {
      lastError = error;
      if (attempt < attempts) await sleep(baseDelayMs * 2 ** (attempt - 1));
    }
  }
  let deadLetterFile: string | undefined;
  let deadLetterCause: unknown;
  if (policy.deadLetterDirectory !== undefined) {
    const safeName = subscriber.name.replace(/[^A-Za-z0-9_.-]+/g, '_');
    deadLetterFile = join(
      policy.deadLetterDirectory,
      `${delivery.timestamp.toISOString().replace(/:/g, '-')}-${delivery.messageId}-${safeName}.json`,
    );
    try {
      await mkdir(policy.deadLetterDirectory, { recursive: true });
      await writeFile(
        deadLetterFile,
        `${JSON.stringify(
          {
            subscriber: subscriber.name,
            protocol: delivery.protocol,
            attempts,
            error: lastError instanceof Error ? lastError.message : String(lastError),
            notification: httpNotification(delivery),
          },
          null,
          2,
        )}\n`,
      );
    } catch (error) {
      deadLetterCause = error;
      deadLetterFile = undefined;
    }
  }
  const failure = new SnsDeliveryError(
    subscriber.name,
    delivery.messageId,
    attempts,
    deadLetterFile,
    lastError,
  );
  try {
    if (policy.onDeliveryFailure) policy.onDeliveryFailure(failure);
    else process.stderr.write(`${failure.message}\n`);
  } catch (reportError) {
    // The failure handler itself failed: write both to standard error so neither is lost.
    process.stderr.write(`${failure.message}\nonDeliveryFailure threw: ${String(reportError)}\n`);
  }
  if (deadLetterCause !== undefined) {
    process.stderr.write(
      `could not write the dead-letter file for message ${delivery.messageId}: ${String(deadLetterCause)}\n`,
    );
  }
}
