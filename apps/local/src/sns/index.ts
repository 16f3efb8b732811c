export { type DeliveryPolicy, deliverWithRetry } from './deliver-with-retry';
export { InvalidSubscriberError, SnsApiError, SnsDeliveryError, SnsError } from './errors';
export { type EmailAddresses, type NotificationEmail, notificationEmail } from './notification-email';
export { outboxSubscriber } from './outbox-subscriber';
export {
  maximumMessageBytes,
  type PublishRequest,
  parsePublishRequest,
  type SnsMessageAttribute,
} from './parse-publish-request';
export { redactEndpoint } from './redact-endpoint';
export { smtpSubscriber } from './smtp-subscriber';
export { smtpTransportOptions } from './smtp-transport-options';
export {
  type DamagedLineListener,
  SnsDeliveryLog,
  type SnsDeliveryRecord,
  snsDeliveryRecordSchema,
} from './sns-delivery-log';
export {
  deliveryFor,
  httpNotification,
  type SnsDelivery,
  type SnsNotification,
  type SnsProtocol,
} from './sns-notification';
export type { SnsSubscriber } from './sns-subscriber';
export { type LocalSns, type LocalSnsOptions, startLocalSns } from './start-local-sns';
export { terminalSubscriber } from './terminal-subscriber';
export { type SignedRequest, type VerifySignatureOptions, verifySignature } from './verify-signature';
export { type WebhookOptions, webhookSubscriber } from './webhook-subscriber';
