import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StateFileError } from '../errors';
import { isFileNotFound } from '../files/is-file-not-found';
import { SnsDeliveryLog, type SnsDeliveryRecord } from '../sns/sns-delivery-log';
import type { StateLayout } from '../state/state-layout';
import type { DeliveryInfo, InboxMessage } from './console-api';

/** The SNS notification document the outbox keeps beside each e-mail (`<time>-<messageId>.json`). */
const outboxNotificationSchema = z.looseObject({
  MessageId: z.string(),
  TopicArn: z.string().optional(),
  Subject: z.string().optional(),
  Message: z.string(),
  Timestamp: z.string(),
  MessageAttributes: z.record(z.string(), z.looseObject({ Value: z.string().optional() })).optional(),
});

/** A dead-letter file of a delivery that failed every attempt (sns/deliver-with-retry.ts). */
const deadLetterSchema = z.looseObject({
  subscriber: z.string(),
  protocol: z.string().optional(),
  error: z.string(),
  notification: z.looseObject({ MessageId: z.string() }),
});

/**
 * Told about a file of the outbox or dead-letter folder, or a line of the delivery log
 * (`file:line`), that cannot be read as what it should be.
 */
export type DamagedFileListener = (file: string, reason: string) => void;

/** JSON text as a value, or undefined when it is not JSON (the schema then reports the file). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // the caller's schema check fails on undefined and names the file
  }
}

const outboxJsonFile = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-f-]{36}\.json$/;

async function filesOf(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if (isFileNotFound(error)) return [];
    throw error;
  }
}

/** The e-mail's header block (up to the first empty line), folded lines joined, as name → value. */
export function emailHeaders(eml: string): Map<string, string> {
  const block = eml.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}

function protocolOf(subscriber: string): DeliveryInfo['protocol'] {
  if (subscriber.startsWith('smtp')) return 'email';
  if (subscriber.startsWith('webhook') || subscriber.startsWith('http')) return 'webhook';
  if (subscriber.startsWith('outbox')) return 'outbox';
  return 'other';
}

/** Dead-lettered deliveries by message id, from `<state>/dead-letter/sns/`. */
async function deadLetters(
  state: StateLayout,
  onDamaged: DamagedFileListener | undefined,
): Promise<Map<string, DeliveryInfo[]>> {
  const folder = path.join(state.deadLetter, 'sns');
  const byMessage = new Map<string, DeliveryInfo[]>();
  for (const name of await filesOf(folder)) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(folder, name);
    const parsed = deadLetterSchema.safeParse(parseJson(await readFile(file, 'utf8')));
    if (!parsed.success) {
      onDamaged?.(file, 'is not a dead-lettered delivery');
      continue;
    }
    const { subscriber, error, notification } = parsed.data;
    const list = byMessage.get(notification.MessageId) ?? [];
    list.push({
      subscriber,
      protocol: protocolOf(subscriber),
      outcome: 'dead-lettered',
      detail: `${error} (${file})`,
      error,
    });
    byMessage.set(notification.MessageId, list);
  }
  return byMessage;
}

/** A delivery-log record as the inbox shows it. */
function deliveryOf(record: SnsDeliveryRecord): DeliveryInfo {
  const error = record.error ?? '';
  const detail =
    record.status === 'delivered'
      ? record.endpoint
      : record.status === 'failed'
        ? `attempt ${record.attempts} failed: ${error}`
        : `${error}${record.deadLetterFile === undefined ? '' : ` (${record.deadLetterFile})`}`;
  return {
    subscriber: record.subscriber,
    protocol: protocolOf(record.subscriber),
    outcome: record.status,
    detail,
    endpoint: record.endpoint,
    attempts: record.attempts,
    ...(record.error !== undefined && { error: record.error }),
    at: record.at,
  };
}

/**
 * Each message's deliveries, by message id: every subscriber's latest outcome in the delivery log,
 * and dead-letter files the log does not tell of (written before there was a log, or while it could
 * not be written); sorted by subscriber name.
 */
async function deliveriesByMessage(
  state: StateLayout,
  onDamaged: DamagedFileListener | undefined,
): Promise<Map<string, DeliveryInfo[]>> {
  const latest = new Map<string, Map<string, DeliveryInfo>>();
  const records = await new SnsDeliveryLog(state.snsDeliveries).records((where, reason) =>
    onDamaged?.(where, reason),
  );
  for (const record of records) {
    const bySubscriber = latest.get(record.messageId) ?? new Map<string, DeliveryInfo>();
    bySubscriber.set(record.subscriber, deliveryOf(record));
    latest.set(record.messageId, bySubscriber);
  }
  for (const [messageId, deadLettered] of await deadLetters(state, onDamaged)) {
    const bySubscriber = latest.get(messageId) ?? new Map<string, DeliveryInfo>();
    for (const delivery of deadLettered) {
      if (bySubscriber.get(delivery.subscriber)?.outcome !== 'dead-lettered')
        bySubscriber.set(delivery.subscriber, delivery);
    }
    latest.set(messageId, bySubscriber);
  }
  // By subscriber name, so a page keeps each subscriber in its place as outcomes come in.
  const byName = (a: DeliveryInfo, b: DeliveryInfo) => a.subscriber.localeCompare(b.subscriber);
  return new Map(
    [...latest].map(([messageId, bySubscriber]) => [messageId, [...bySubscriber.values()].sort(byName)]),
  );
}

/**
 * Reads one outbox message (its `.json` and the `.eml` beside it) as the inbox shows it.
 *
 * @example
 * const message = await readOutboxMessage(state, '2026-12-06T11-03-23.012Z-f43c….json', new Map());
 */
export async function readOutboxMessage(
  state: StateLayout,
  name: string,
  deliveries: ReadonlyMap<string, DeliveryInfo[]>,
): Promise<InboxMessage> {
  const file = path.join(state.outbox, name);
  const parsed = outboxNotificationSchema.safeParse(parseJson(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new StateFileError(file, `${file} is not an SNS notification document; delete it or fix it`);
  }
  const notification = parsed.data;
  let email: InboxMessage['email'] = null;
  try {
    const headers = emailHeaders(await readFile(file.replace(/\.json$/, '.eml'), 'utf8'));
    email = {
      from: headers.get('from') ?? '',
      to: headers.get('to') ?? '',
      subject: headers.get('subject') ?? '',
      date: headers.get('date') ?? '',
    };
  } catch (error) {
    if (!isFileNotFound(error)) throw error; // the outbox writes the .eml first; a missing one shows no headers
  }
  const statementId = /^Statement id:\s+(\S+)/m.exec(notification.Message)?.[1];
  return {
    messageId: notification.MessageId,
    topicArn: notification.TopicArn ?? '',
    subject: notification.Subject ?? null,
    body: notification.Message,
    publishedAt: notification.Timestamp,
    email,
    runId: statementId ?? null,
    outcome: notification.MessageAttributes?.outcome?.Value ?? null,
    deliveries: [
      {
        subscriber: 'outbox',
        protocol: 'outbox',
        outcome: 'delivered',
        detail: file,
        endpoint: state.outbox,
        attempts: 1,
        at: notification.Timestamp,
      },
      ...(deliveries.get(notification.MessageId) ?? []),
    ],
  };
}

/** Names of the outbox's message documents, oldest first (their names start with the time). */
export async function outboxMessageFiles(state: StateLayout): Promise<string[]> {
  return (await filesOf(state.outbox)).filter((name) => outboxJsonFile.test(name)).sort();
}

/**
 * Every message of the local SNS topic, newest first: the outbox (where every message is stored)
 * with each subscriber's latest outcome (delivery log and dead-letter folder). A file or log line
 * that is not what it should be is left out and told to `onDamaged`.
 *
 * @example
 * const messages = await readInbox(stateLayout('.shiftflow'));
 */
export async function readInbox(
  state: StateLayout,
  onDamaged?: DamagedFileListener,
): Promise<InboxMessage[]> {
  const deliveries = await deliveriesByMessage(state, onDamaged);
  const messages: InboxMessage[] = [];
  // One damaged file (edited by hand) costs its message, not the whole inbox; it is reported.
  for (const name of (await outboxMessageFiles(state)).reverse()) {
    try {
      messages.push(await readOutboxMessage(state, name, deliveries));
    } catch (error) {
      if (!(error instanceof StateFileError)) throw error;
      onDamaged?.(error.file, 'is not an SNS notification document');
    }
  }
  return messages;
}

/** The inbox message announcing a statement, if the outbox has one. */
export async function findRunMessage(
  state: StateLayout,
  statementId: string,
): Promise<InboxMessage | undefined> {
  return (await readInbox(state)).find((message) => message.runId === statementId);
}
