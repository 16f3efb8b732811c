import { randomUUID } from 'node:crypto';
import { type DeliveryPolicy, deliverWithRetry } from './deliver-with-retry';
import { SnsApiError } from './errors';
import type { InFlightDeliveries } from './in-flight-deliveries';
import { type PublishRequest, parsePublishRequest } from './parse-publish-request';
import { deliveryFor, type SnsNotification } from './sns-notification';
import type { SnsSubscriber } from './sns-subscriber';
import type { SnsTopic, SnsTopics } from './sns-topics';

/** What a Publish reaches: the endpoint's topics, its subscribers and listeners, and its delivery bookkeeping. */
export interface PublishTargets {
  readonly topics: SnsTopics;
  /** Receive every message, whatever its topic. */
  readonly subscribers: readonly SnsSubscriber[];
  readonly listeners: ReadonlySet<(notification: SnsNotification) => void>;
  readonly deliveries: InFlightDeliveries;
  readonly policy: DeliveryPolicy;
}

const deduplicationWindowMs = 5 * 60 * 1000;

/** A FIFO message is either new (with its sequence number) or a duplicate within the window. */
type Sequencing =
  | { readonly duplicate: false; readonly sequenceNumber: string | undefined }
  | { readonly duplicate: true; readonly messageId: string; readonly sequenceNumber: string };

function answerXml(messageId: string, sequenceNumber: string | undefined): string {
  return `<MessageId>${messageId}</MessageId>${sequenceNumber === undefined ? '' : `<SequenceNumber>${sequenceNumber}</SequenceNumber>`}`;
}

/** Checks a FIFO topic's group and deduplication ids and numbers the message; refuses a deduplication id elsewhere. */
function sequence(
  topic: SnsTopic | undefined,
  request: PublishRequest,
  messageId: string,
  topics: SnsTopics,
): Sequencing {
  if (!topic?.fifo) {
    if (topic && request.messageDeduplicationId !== undefined) {
      throw new SnsApiError(
        'InvalidParameter',
        'Invalid parameter: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
        400,
      );
    }
    return { duplicate: false, sequenceNumber: undefined };
  }
  if (request.messageGroupId === undefined) {
    throw new SnsApiError(
      'InvalidParameter',
      'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
      400,
    );
  }
  const deduplicationId =
    request.messageDeduplicationId ??
    (topic.contentBasedDeduplication
      ? Buffer.from(request.message).toString('base64url').slice(0, 128)
      : undefined);
  if (deduplicationId === undefined) {
    throw new SnsApiError(
      'InvalidParameter',
      'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      400,
    );
  }
  const now = Date.now();
  const previous = topic.deduplication.get(deduplicationId);
  if (previous && previous.expiresAt > now) return { duplicate: true, ...previous };
  const sequenceNumber = topics.nextSequenceNumber();
  topic.deduplication.set(deduplicationId, {
    messageId,
    sequenceNumber,
    expiresAt: now + deduplicationWindowMs,
  });
  return { duplicate: false, sequenceNumber };
}

function notificationOf(
  request: PublishRequest,
  messageId: string,
  sequenceNumber: string | undefined,
): SnsNotification {
  return {
    messageId,
    ...(request.topicArn !== undefined && { topicArn: request.topicArn }),
    ...(request.targetArn !== undefined && { targetArn: request.targetArn }),
    ...(request.phoneNumber !== undefined && { phoneNumber: request.phoneNumber }),
    ...(request.subject !== undefined && { subject: request.subject }),
    message: request.message,
    ...(request.messageVariants !== undefined && { messageVariants: request.messageVariants }),
    messageAttributes: request.messageAttributes,
    timestamp: new Date(),
    ...(request.messageGroupId !== undefined && { messageGroupId: request.messageGroupId }),
    ...(sequenceNumber !== undefined && { sequenceNumber }),
  };
}

/**
 * Runs the Publish action: validates the request, tells the listeners, stores the message with the
 * durable subscribers and starts the other deliveries. Returns the `<PublishResult>` XML, after the
 * durable subscribers took the message when there are any.
 *
 * @example
 * ```ts
 * const resultXml = await publishMessage(new Map([['TopicArn', arn], ['Message', 'hello']]), targets);
 * ```
 */
export function publishMessage(
  parameters: ReadonlyMap<string, string>,
  targets: PublishTargets,
): string | Promise<string> {
  const request = parsePublishRequest(parameters);
  const arn = request.topicArn ?? request.targetArn;
  const topic = arn === undefined ? undefined : targets.topics.get(arn);
  if (arn !== undefined && !topic) {
    throw new SnsApiError(
      'NotFound',
      request.topicArn !== undefined ? `Topic does not exist: ${arn}` : `Endpoint does not exist: ${arn}`,
      404,
    );
  }
  const messageId = randomUUID();
  const sequencing = sequence(topic, request, messageId, targets.topics);
  if (sequencing.duplicate) return answerXml(sequencing.messageId, sequencing.sequenceNumber);
  const notification = notificationOf(request, messageId, sequencing.sequenceNumber);
  for (const listener of targets.listeners) listener(notification);
  const stored: Promise<void>[] = [];
  for (const subscriber of [...targets.subscribers, ...(topic?.subscriptions.values() ?? [])]) {
    const delivery = deliveryFor(notification, subscriber.protocol);
    if (subscriber.durable === true) stored.push(targets.deliveries.store(subscriber, delivery));
    else targets.deliveries.track(deliverWithRetry(subscriber, delivery, targets.policy));
  }
  const answer = answerXml(messageId, sequencing.sequenceNumber);
  return stored.length === 0 ? answer : Promise.all(stored).then(() => answer);
}
