import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverWithRetry } from './deliver-with-retry';
import type { SnsDeliveryError } from './errors';
import { SnsDeliveryLog } from './sns-delivery-log';
import { deliveryFor, type SnsDelivery } from './sns-notification';
import type { SnsSubscriber } from './sns-subscriber';

const delivery = deliveryFor(
  {
    messageId: '0f4ae1b8-9a1e-4c36-9c7e-8b5ad1f2e001',
    topicArn: 'arn:aws:sns:us-east-1:123456789012:t',
    message: 'hello',
    messageAttributes: {},
    timestamp: new Date('2026-11-30T16:00:05.123Z'),
  },
  'email',
);

function flakySubscriber(failures: number): SnsSubscriber & { calls: SnsDelivery[] } {
  const calls: SnsDelivery[] = [];
  return {
    name: 'flaky one',
    protocol: 'email',
    calls,
    async deliver(received) {
      calls.push(received);
      if (calls.length <= failures) throw new Error(`failure ${calls.length}`);
    },
  };
}

describe('deliverWithRetry', () => {
  it('retries until the subscriber takes the message', async () => {
    const subscriber = flakySubscriber(2);
    const failures: SnsDeliveryError[] = [];

    await deliverWithRetry(subscriber, delivery, {
      attempts: 3,
      baseDelayMs: 1,
      onDeliveryFailure: (error) => failures.push(error),
    });

    expect(subscriber.calls).toHaveLength(3);
    expect(failures).toEqual([]);
  });

  it('waits longer before each retry', async () => {
    const subscriber = flakySubscriber(3);
    const started = Date.now();

    await deliverWithRetry(subscriber, delivery, {
      attempts: 3,
      baseDelayMs: 40,
      onDeliveryFailure: () => undefined,
    });

    expect(Date.now() - started).toBeGreaterThanOrEqual(40 + 80 - 5);
  });

  it('dead-letters and reports a message that fails every attempt', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'shiftflow-dlq-'));
    const subscriber = flakySubscriber(5);
    const failures: SnsDeliveryError[] = [];
    try {
      await deliverWithRetry(subscriber, delivery, {
        attempts: 2,
        baseDelayMs: 1,
        deadLetterDirectory: join(directory, 'dead-letter'),
        onDeliveryFailure: (error) => failures.push(error),
      });

      const files = await readdir(join(directory, 'dead-letter'));
      expect(files).toEqual(['2026-11-30T16-00-05.123Z-0f4ae1b8-9a1e-4c36-9c7e-8b5ad1f2e001-flaky_one.json']);
      expect(
        JSON.parse(await readFile(join(directory, 'dead-letter', files[0] ?? ''), 'utf8')),
      ).toMatchObject({
        subscriber: 'flaky one',
        attempts: 2,
        error: 'failure 2',
        notification: { Message: 'hello' },
      });
      expect(subscriber.calls).toHaveLength(2);
      expect(failures).toHaveLength(1);
      expect(failures[0]?.message).toBe(
        `subscriber "flaky one" failed message ${delivery.messageId} after 2 attempts (saved to ${join(directory, 'dead-letter', files[0] ?? '')}): failure 2`,
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('records every attempt in the delivery log: failed ones with their error, then delivered', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'shiftflow-deliveries-'));
    try {
      const deliveryLog = new SnsDeliveryLog(join(directory, 'sns-deliveries.jsonl'));
      const subscriber = { ...flakySubscriber(1), endpoint: 'smtp://mailer:****@127.0.0.1:25 (to a@b.c)' };

      await deliverWithRetry(subscriber, delivery, { attempts: 3, baseDelayMs: 1, deliveryLog });

      const records = await deliveryLog.records();
      expect(records).toMatchObject([
        { status: 'failed', attempts: 1, error: 'failure 1', subscriber: 'flaky one', protocol: 'email' },
        { status: 'delivered', attempts: 2, endpoint: 'smtp://mailer:****@127.0.0.1:25 (to a@b.c)' },
      ]);
      expect(records[1]).not.toHaveProperty('error');
      expect(records.every((each) => each.messageId === delivery.messageId && each.dwellTimeMs >= 0)).toBe(
        true,
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('records the dead-lettering after the last failed attempt, with the error and the file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'shiftflow-deliveries-'));
    try {
      const deliveryLog = new SnsDeliveryLog(join(directory, 'sns-deliveries.jsonl'));

      await deliverWithRetry(flakySubscriber(5), delivery, {
        attempts: 2,
        baseDelayMs: 1,
        deadLetterDirectory: join(directory, 'dead-letter'),
        deliveryLog,
        onDeliveryFailure: () => undefined,
      });

      const [file] = await readdir(join(directory, 'dead-letter'));
      expect(await deliveryLog.records()).toMatchObject([
        { status: 'failed', attempts: 1, error: 'failure 1' },
        { status: 'failed', attempts: 2, error: 'failure 2' },
        {
          status: 'dead-lettered',
          attempts: 2,
          error: 'failure 2',
          deadLetterFile: join(directory, 'dead-letter', file ?? ''),
          endpoint: 'flaky one',
        },
      ]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
