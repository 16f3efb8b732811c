import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SnsDeliveryError } from './errors';
import type { SnsDeliveryLog, SnsDeliveryRecord } from './sns-delivery-log';
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
  /**
   * Where each attempt's outcome is appended (delivered, failed, then dead-lettered after the last).
   * Defaults to none.
   */
  readonly deliveryLog?: SnsDeliveryLog;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Appends one outcome to the log; a log that cannot be written is reported, the delivery goes on. */
async function record(
  policy: DeliveryPolicy,
  subscriber: SnsSubscriber,
  delivery: SnsDelivery,
  outcome: Pick<SnsDeliveryRecord, 'status' | 'attempts' | 'error' | 'deadLetterFile'>,
): Promise<void> {
  if (policy.deliveryLog === undefined) return;
  const at = new Date();
  try {
    await policy.deliveryLog.append({
      at: at.toISOString(),
      messageId: delivery.messageId,
      ...(delivery.topicArn !== undefined && { topicArn: delivery.topicArn }),
      subscriber: subscriber.name,
      protocol: delivery.protocol,
      endpoint: subscriber.endpoint ?? subscriber.name,
      status: outcome.status,
      attempts: outcome.attempts,
      dwellTimeMs: Math.max(0, at.getTime() - delivery.timestamp.getTime()),
      ...(outcome.error !== undefined && { error: outcome.error }),
      ...(outcome.deadLetterFile !== undefined && { deadLetterFile: outcome.deadLetterFile }),
    });
  } catch (error) {
    process.stderr.write(
      `could not record the ${outcome.status} delivery of message ${delivery.messageId} to "${subscriber.name}" in ${policy.deliveryLog.file}: ${errorText(error)}\n`,
    );
  }
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
    } catch (error) {
      lastError = error;
      await record(policy, subscriber, delivery, {
        status: 'failed',
        attempts: attempt,
        error: errorText(error),
      });
      if (attempt < attempts) await sleep(baseDelayMs * 2 ** (attempt - 1));
      continue;
    }
    await record(policy, subscriber, delivery, { status: 'delivered', attempts: attempt });
    return;
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
            error: errorText(lastError),
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
  await record(policy, subscriber, delivery, {
    status: 'dead-lettered',
    attempts,
    error: errorText(lastError),
    deadLetterFile,
  });
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
