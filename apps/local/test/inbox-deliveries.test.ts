/**
 * The inbox's delivery outcome per subscriber, end to end: `shiftflow console` with a real SMTP
 * server (signing in with a password) and a real webhook server on 127.0.0.1. A message delivered
 * to the outbox, SMTP and the webhook shows three delivered outcomes in GET /api/inbox over HTTP,
 * live on the event stream too; a webhook that keeps failing shows `failed` (and the error) while a
 * retry is due, then `dead-lettered`. Passwords and secret query values are never shown or logged.
 */
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeliveryInfo,
  type InboxMessage,
  inboxResponseSchema,
  runNowResponseSchema,
} from '../src/console/console-api';
import { startCliProcess } from './cli-process';
import { EventStreamReader, waitForConsoleUrl } from './console-client';

const smtpPassword = 's3cret-smtp-password';
const webhookToken = 'hook-secret-token';

let state: string;
let cli: Awaited<ReturnType<typeof startCliProcess>>;
let origin: string;
let token: string;
let smtp: SMTPServer;
let webhook: Server;
const mails: string[] = [];
/** The webhook's answer: 200, or 500 for every attempt (the second held until `releaseRetry`). */
let webhookMode: 'accept' | 'reject' = 'accept';
const webhookCalls: { messageId: string; status: number }[] = [];
let releaseRetry: () => void = () => undefined;
const retryReleased = new Promise<void>((resolve) => {
  releaseRetry = resolve;
});

async function api(pathname: string, method = 'GET') {
  const response = await fetch(`${origin}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'x-shiftflow-console': '1' },
  });
  return { status: response.status, text: await response.text() };
}

/** Asks again every 100 ms until `check` gives a value (the run and its deliveries take their time). */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 300_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function inboxMessage(messageId: string): Promise<InboxMessage | undefined> {
  const { text } = await api('/api/inbox');
  return inboxResponseSchema.parse(JSON.parse(text)).messages.find((each) => each.messageId === messageId);
}

const deliveryTo = (message: InboxMessage | undefined, protocol: DeliveryInfo['protocol']) =>
  message?.deliveries.find((delivery) => delivery.protocol === protocol);

/** The outbox, SMTP and webhook deliveries (the console also prints each message: `terminal`). */
const subscriberDeliveries = (message: InboxMessage | undefined) =>
  message?.deliveries.filter((delivery) => delivery.subscriber !== 'terminal') ?? [];

/** Presses Run now (again once the previous run has ended) and returns the new message's id. */
async function runNowAndWaitForMessage(known: ReadonlySet<string>): Promise<string> {
  const started = await waitFor('Run now accepted', async () => {
    const response = await api('/api/runs', 'POST');
    return response.status === 202 ? response : undefined; // 409 RUN_ACTIVE while a run is open
  });
  const { runId } = runNowResponseSchema.parse(JSON.parse(started.text));
  return waitFor(`the message of run ${runId}`, async () => {
    const { text } = await api('/api/inbox');
    return inboxResponseSchema
      .parse(JSON.parse(text))
      .messages.find((each) => each.runId === runId && !known.has(each.messageId))?.messageId;
  });
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'shiftflow' && auth.password === smtpPassword)
        callback(null, { user: 'shiftflow' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      stream.on('end', () => {
        mails.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  webhook = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const messageId = String(request.headers['x-amz-sns-message-id']);
      const attempt = webhookCalls.filter((call) => call.messageId === messageId).length + 1;
      const status = webhookMode === 'accept' ? 200 : 500;
      webhookCalls.push({ messageId, status });
      const answer = () => response.writeHead(status).end(status === 200 ? 'ok' : 'down for maintenance');
      if (status === 500 && attempt === 2) void retryReleased.then(answer);
      else answer();
    });
  });
  webhook.listen(0, '127.0.0.1');
  await once(webhook, 'listening');
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const webhookPort = (webhook.address() as AddressInfo).port;
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-inbox-deliveries-'));
  cli = await startCliProcess([
    'console',
    '--state-dir',
    state,
    '--rows',
    '500',
    '--smtp',
    `smtp://shiftflow:${smtpPassword}@127.0.0.1:${smtpPort}`,
    '--webhook',
    `http://127.0.0.1:${webhookPort}/hook?token=${webhookToken}&team=data`,
  ]);
  ({ origin, token } = await waitForConsoleUrl(cli.output, 300_000));
});
afterAll(async () => {
  releaseRetry();
  const code = await cli?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  webhook?.closeAllConnections();
  await new Promise<void>((resolve) => webhook?.close(() => resolve()));
  await rm(state, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('the inbox: delivery outcome per subscriber', () => {
  let firstMessageId: string;

  it('shows a message delivered to the outbox, SMTP and the webhook as three delivered outcomes, live too', async () => {
    const stream = new EventStreamReader();
    await stream.open(origin, token);
    try {
      firstMessageId = await runNowAndWaitForMessage(new Set());

      const message = await waitFor('three delivered outcomes', async () => {
        const found = await inboxMessage(firstMessageId);
        const delivered = subscriberDeliveries(found).filter((delivery) => delivery.outcome === 'delivered');
        return delivered.length === 3 ? found : undefined;
      });
      expect(subscriberDeliveries(message).map((delivery) => [delivery.protocol, delivery.outcome])).toEqual([
        ['outbox', 'delivered'],
        ['email', 'delivered'],
        ['webhook', 'delivered'],
      ]);
      const email = deliveryTo(message, 'email');
      expect(email).toMatchObject({ attempts: 1, subscriber: expect.stringMatching(/^smtp:.+@/) });
      expect(email?.endpoint).toMatch(/^smtp:\/\/shiftflow:\*\*\*\*@127\.0\.0\.1:\d+ \(to .+@.+\)$/);
      expect(email).not.toHaveProperty('error');
      const hook = deliveryTo(message, 'webhook');
      expect(hook).toMatchObject({ attempts: 1 });
      expect(hook?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hook\?token=\*\*\*\*&team=data$/);
      expect(mails.some((mail) => mail.includes(firstMessageId) || mail.includes('Statement id'))).toBe(true);
      expect(webhookCalls).toContainEqual({ messageId: firstMessageId, status: 200 });
      // Live: the message as published, then updated until both subscribers delivered.
      const live = await stream.next(
        (event) =>
          (event.event === 'message-published' || event.event === 'message-updated') &&
          event.data.message.messageId === firstMessageId &&
          subscriberDeliveries(event.data.message).filter((delivery) => delivery.outcome === 'delivered')
            .length === 3,
        300_000,
      );
      expect(live.event === 'message-published' || live.event === 'message-updated').toBe(true);
      expect(stream.events.some((event) => event.event === 'message-published')).toBe(true);
    } finally {
      await stream.close();
    }
  });

  it('shows a failing webhook as failed with its error while a retry is due, then dead-lettered', async () => {
    webhookMode = 'reject';
    const stream = new EventStreamReader();
    await stream.open(origin, token);
    try {
      const messageId = await runNowAndWaitForMessage(new Set([firstMessageId]));

      // The second attempt is held by the webhook server until the first failure was seen.
      const failed = await waitFor('the failed first attempt', async () => {
        const delivery = deliveryTo(await inboxMessage(messageId), 'webhook');
        return delivery?.outcome === 'failed' ? delivery : undefined;
      });
      expect(failed).toMatchObject({ attempts: 1, error: expect.stringContaining('answered HTTP 500') });
      expect(failed.detail).toContain('attempt 1 failed');
      releaseRetry();
      const deadLettered = await waitFor('the dead-lettered delivery', async () => {
        const delivery = deliveryTo(await inboxMessage(messageId), 'webhook');
        return delivery?.outcome === 'dead-lettered' ? delivery : undefined;
      });

      expect(deadLettered).toMatchObject({
        attempts: 3,
        error: expect.stringContaining('answered HTTP 500'),
      });
      const [deadLetterFile] = await readdir(path.join(state, 'dead-letter', 'sns'));
      expect(deadLettered.detail).toContain(path.join(state, 'dead-letter', 'sns', deadLetterFile ?? 'none'));
      expect(webhookCalls.filter((call) => call.messageId === messageId)).toHaveLength(3);
      expect(deliveryTo(await inboxMessage(messageId), 'email')?.outcome).toBe('delivered');
      // One entry per subscriber: the dead-letter file does not list the webhook a second time.
      expect(subscriberDeliveries(await inboxMessage(messageId))).toHaveLength(3);
      const updates = stream.events.flatMap((event) =>
        event.event === 'message-updated' && event.data.message.messageId === messageId
          ? [deliveryTo(event.data.message, 'webhook')?.outcome]
          : [],
      );
      expect(updates).toContain('failed');
      await stream.next(
        (event) =>
          event.event === 'message-updated' &&
          deliveryTo(event.data.message, 'webhook')?.outcome === 'dead-lettered',
        300_000,
      );
    } finally {
      await stream.close();
    }
  });

  it('never shows, logs or prints the SMTP password or the webhook token', async () => {
    const inbox = (await api('/api/inbox')).text;
    const log = await readFile(path.join(state, 'sns-deliveries.jsonl'), 'utf8');
    const deadLetters = path.join(state, 'dead-letter', 'sns');
    const deadLetterText = (
      await Promise.all(
        (await readdir(deadLetters)).map((name) => readFile(path.join(deadLetters, name), 'utf8')),
      )
    ).join('\n');

    // The console's own output too: a dead-lettered delivery is reported there, naming the subscriber.
    expect(cli.output()).toContain('failed message');
    for (const text of [inbox, log, deadLetterText, cli.output()]) {
      expect(text).not.toContain(smtpPassword);
      expect(text).not.toContain(webhookToken);
    }
    expect(log.trim().split('\n').length).toBeGreaterThanOrEqual(6);
  });
});
