// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';

/** What happened to one message at one subscriber. */
export const deliverySchema = z.object({
  /** `outbox` (the state folder), or the subscriber's name (`smtp:<to>`, `webhook:<url>`, `terminal`). */
  subscriber: z.string(),
  protocol: z.enum(['outbox', 'email', 'webhook', 'other']),
  /**
   * `delivered`; `failed`: the last attempt failed and another is due (the local SNS tries 3 times);
   * `dead-lettered`: every attempt failed, the message is kept in the dead-letter folder.
   */
  outcome: z.enum(['delivered', 'failed', 'dead-lettered']),
  /** The file it went to, or the last error of a failed or dead-lettered delivery. */
  detail: z.string(),
  /** Where it went, credentials redacted (`smtp://user:****@host:port (to …)`, the webhook URL). */
  endpoint: z.string().optional(),
  /** Attempts made so far (SNS delivery status logging's `delivery.attempts`). */
  attempts: z.number().int().positive().optional(),
  /** The last attempt's error; absent when delivered. */
  error: z.string().optional(),
  /** When the last attempt ended (ISO 8601). */
  at: z.string().optional(),
});
/** One subscriber's delivery of a message. */
export type DeliveryInfo = z.infer<typeof deliverySchema>;

/** One SNS message of the local topic, as the outbox keeps it. */
export const inboxMessageSchema = z.object({
  messageId: z.string(),
  topicArn: z.string(),
  subject: z.string().nullable(),
  /** The message text (the e-mail variant), exactly as sent. */
  body: z.string(),
  publishedAt: z.string(),
  /** The e-mail headers as the .eml in the outbox has them. */
  email: z.object({ from: z.string(), to: z.string(), subject: z.string(), date: z.string() }).nullable(),
  /** The run it announces (the body's "Statement id"), when found. */
  runId: z.string().nullable(),
  /** `success` / `failure` from the message attributes, when present. */
  outcome: z.string().nullable(),
  /**
   * One entry per subscriber: the outbox (always delivered, it is where the message is stored),
   * then each other subscriber's latest outcome from the local SNS's delivery log
   * (`<state>/sns-deliveries.jsonl`), sorted by subscriber name. A subscriber still on its
   * first attempt is not listed yet; `message-updated` tells when an outcome changes.
   */
  deliveries: z.array(deliverySchema),
});
/** One message of the inbox. */
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

/** `GET /api/inbox`: every message, newest first. */
export const inboxResponseSchema = z.object({ messages: z.array(inboxMessageSchema) });
/** `GET /api/inbox`. */
export type InboxResponse = z.infer<typeof inboxResponseSchema>;
