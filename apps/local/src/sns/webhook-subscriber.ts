import { InvalidSubscriberError, SnsError } from './errors';
import { redactEndpoint } from './redact-endpoint';
import { httpNotification } from './sns-notification';
import type { SnsSubscriber } from './sns-subscriber';

/** Options of {@link webhookSubscriber}. */
export interface WebhookOptions {
  /** Per-request timeout. Defaults to 15 000 ms, SNS's HTTP delivery timeout. */
  readonly timeoutMs?: number;
}

/**
 * A subscriber that POSTs each notification to a URL like an SNS HTTP(S) subscription: the JSON
 * notification document as a `text/plain` body with the `x-amz-sns-*` headers. A non-2xx answer fails the delivery.
 *
 * @example
 * ```ts
 * webhookSubscriber('http://127.0.0.1:8080/sns');
 * ```
 */
export function webhookSubscriber(url: string, options: WebhookOptions = {}): SnsSubscriber {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw Object.assign(new InvalidSubscriberError(`webhook URL ${JSON.stringify(url)} is not a URL`, url), {
      cause: error,
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidSubscriberError(`webhook URL ${JSON.stringify(url)} must be http or https`, url);
  }
  const timeoutMs = options.timeoutMs ?? 15_000;
  // Shown in logs, dead-letter files and the console: never the URL's password or secret query values.
  const shown = redactEndpoint(url);
  return {
    name: `webhook:${shown}`,
    endpoint: shown,
    protocol: parsed.protocol === 'https:' ? 'https' : 'http',
    async deliver(delivery) {
      const response = await fetch(parsed, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain; charset=UTF-8',
          'x-amz-sns-message-type': 'Notification',
          'x-amz-sns-message-id': delivery.messageId,
          ...(delivery.topicArn !== undefined && { 'x-amz-sns-topic-arn': delivery.topicArn }),
          'user-agent': 'Amazon Simple Notification Service Agent',
        },
        body: JSON.stringify(httpNotification(delivery)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      if (!response.ok)
        throw new SnsError('WEBHOOK_REJECTED', `webhook ${shown} answered HTTP ${response.status}`);
    },
  };
}
