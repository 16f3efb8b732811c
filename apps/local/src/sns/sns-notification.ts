import type { SnsMessageAttribute } from './parse-publish-request';

/** Subscription protocols whose message variant `MessageStructure=json` can set. */
export type SnsProtocol =
  | 'email'
  | 'email-json'
  | 'http'
  | 'https'
  | 'sqs'
  | 'lambda'
  | 'sms'
  | 'application'
  | 'firehose';

/** A message accepted by Publish. */
export interface SnsNotification {
  readonly messageId: string;
  readonly topicArn?: string;
  readonly targetArn?: string;
  readonly phoneNumber?: string;
  readonly subject?: string;
  /** The `Message` parameter as sent (the JSON text with `MessageStructure=json`). */
  readonly message: string;
  /** Per-protocol messages with `MessageStructure=json`, always with `default`. */
  readonly messageVariants?: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SnsMessageAttribute>>;
  readonly timestamp: Date;
  readonly messageGroupId?: string;
  readonly sequenceNumber?: string;
}

/** A notification as one subscriber receives it: `message` is the variant for its protocol. */
export interface SnsDelivery extends SnsNotification {
  readonly protocol: SnsProtocol;
}

/**
 * The message a subscriber of `protocol` receives: its `MessageStructure=json` entry, else `default`,
 * else the message as sent.
 *
 * @example
 * ```ts
 * deliveryFor(notification, 'email').message; // the "email" entry, or "default"
 * ```
 */
export function deliveryFor(notification: SnsNotification, protocol: SnsProtocol): SnsDelivery {
  const variants = notification.messageVariants;
  const message = variants
    ? (variants[protocol] ?? variants.default ?? notification.message)
    : notification.message;
  return { ...notification, protocol, message };
}

/**
 * The JSON document SNS sends to HTTP(S), SQS and email-json subscribers.
 *
 * @example
 * ```ts
 * JSON.stringify(httpNotification(delivery)); // {"Type":"Notification","MessageId":"…",…}
 * ```
 */
export function httpNotification(delivery: SnsDelivery): Record<string, unknown> {
  const attributes = Object.entries(delivery.messageAttributes);
  return {
    Type: 'Notification',
    MessageId: delivery.messageId,
    ...(delivery.sequenceNumber !== undefined && { SequenceNumber: delivery.sequenceNumber }),
    TopicArn: delivery.topicArn ?? delivery.targetArn ?? delivery.phoneNumber,
    ...(delivery.subject !== undefined && { Subject: delivery.subject }),
    Message: delivery.message,
    Timestamp: delivery.timestamp.toISOString(),
    SignatureVersion: '1',
    Signature: 'local',
    SigningCertURL: '',
    UnsubscribeURL: '',
    ...(attributes.length > 0 && {
      MessageAttributes: Object.fromEntries(
        attributes.map(([name, attribute]) => [
          name,
          {
            Type: attribute.dataType,
            Value: attribute.binaryValue?.toString('base64') ?? attribute.stringValue,
          },
        ]),
      ),
    }),
  };
}
