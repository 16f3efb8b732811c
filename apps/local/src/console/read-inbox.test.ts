import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunHistory } from '../history/run-history';
import { SnsDeliveryLog, type SnsDeliveryRecord } from '../sns/sns-delivery-log';
import { type StateLayout, stateLayout } from '../state/state-layout';
import type { ConsoleEvent } from './console-api';
import { ConsoleEvents } from './console-events';
import { readInbox } from './read-inbox';

const messageId = '6f1c2a3b-4d5e-4f60-8a1b-2c3d4e5f6a7b';
let root: string;
let state: StateLayout;
let log: SnsDeliveryLog;

const webhookRecord = (attempts: number, status: SnsDeliveryRecord['status']): SnsDeliveryRecord => ({
  at: `2026-12-06T11:00:0${attempts}.000Z`,
  messageId,
  subscriber: 'webhook:http://127.0.0.1:9/hook',
  protocol: 'http',
  endpoint: 'http://127.0.0.1:9/hook',
  status,
  attempts,
  dwellTimeMs: attempts * 1000,
  ...(status === 'delivered' ? {} : { error: 'webhook http://127.0.0.1:9/hook answered HTTP 500' }),
});

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shiftflow-read-inbox-'));
  state = stateLayout(root);
  log = new SnsDeliveryLog(state.snsDeliveries);
  await mkdir(state.outbox, { recursive: true });
  await writeFile(
    path.join(state.outbox, `2026-12-06T11-00-00.000Z-${messageId}.json`),
    JSON.stringify({
      MessageId: messageId,
      Message: 'Statement id: s1\n',
      Timestamp: '2026-12-06T11:00:00.000Z',
    }),
  );
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readInbox', () => {
  it("shows each subscriber's latest outcome from the delivery log, sorted by name, after the outbox", async () => {
    await log.append(webhookRecord(1, 'failed'));
    await log.append({
      ...webhookRecord(1, 'delivered'),
      subscriber: 'smtp:data@example.com',
      protocol: 'email',
    });
    await log.append(webhookRecord(2, 'delivered'));

    const [message] = await readInbox(state);

    expect(
      message?.deliveries.map((delivery) => [delivery.subscriber, delivery.outcome, delivery.attempts]),
    ).toEqual([
      ['outbox', 'delivered', 1],
      ['smtp:data@example.com', 'delivered', 1],
      ['webhook:http://127.0.0.1:9/hook', 'delivered', 2],
    ]);
  });

  it('skips a damaged line of the log and reports where it is; the message and its other outcomes stay', async () => {
    await log.append(webhookRecord(1, 'failed'));
    await appendFile(state.snsDeliveries, '{"cut":\n');
    const damaged: string[] = [];

    const [message] = await readInbox(state, (file, reason) => damaged.push(`${file} ${reason}`));

    expect(message?.deliveries.map((delivery) => delivery.outcome)).toEqual(['delivered', 'failed']);
    expect(damaged).toEqual([`${state.snsDeliveries}:2 is not a delivery record`]);
  });

  it('shows a dead-letter file the log does not tell of, and no second entry for one it does', async () => {
    const folder = path.join(state.deadLetter, 'sns');
    await mkdir(folder, { recursive: true });
    const deadLetter = (subscriber: string) =>
      JSON.stringify({ subscriber, error: 'HTTP 500', notification: { MessageId: messageId } });
    await writeFile(path.join(folder, 'a.json'), deadLetter('webhook:http://127.0.0.1:9/hook'));
    await writeFile(path.join(folder, 'b.json'), deadLetter('smtp:old@example.com'));
    await log.append({ ...webhookRecord(3, 'dead-lettered'), deadLetterFile: path.join(folder, 'a.json') });

    const [message] = await readInbox(state);

    expect(message?.deliveries.map((delivery) => [delivery.subscriber, delivery.outcome])).toEqual([
      ['outbox', 'delivered'],
      ['smtp:old@example.com', 'dead-lettered'],
      ['webhook:http://127.0.0.1:9/hook', 'dead-lettered'],
    ]);
    expect(message?.deliveries[2]).toMatchObject({ attempts: 3, detail: expect.stringContaining('a.json') });
  });
});

describe('ConsoleEvents and the delivery log', () => {
  it('sends message-updated once per change of a known message, and nothing while the log stays the same', async () => {
    const events = new ConsoleEvents({
      state,
      history: new RunHistory(state.history),
      intervalMs: 3_600_000,
    });
    const received: ConsoleEvent[] = [];
    await events.start();
    events.subscribe((event) => received.push(event));
    try {
      await log.append(webhookRecord(1, 'failed'));
      await events.look();
      await events.look();
      await log.append(webhookRecord(2, 'delivered'));
      await events.look();

      expect(
        received.map((event) =>
          event.event === 'message-updated' ? event.data.message.deliveries.at(-1)?.outcome : event.event,
        ),
      ).toEqual(['failed', 'delivered']);
    } finally {
      events.close();
    }
  });
});
