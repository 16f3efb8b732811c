import { randomUUID } from 'node:crypto';
import { SnsApiError } from './errors';
import { escapeXml } from './render-sns-xml';
import type { SnsTopics } from './sns-topics';
import { webhookSubscriber } from './webhook-subscriber';

/**
 * Runs the Subscribe action for an http or https endpoint (e-mail is configured with the endpoint's
 * subscribers instead) and returns the `<SubscribeResult>` XML with the new subscription's ARN.
 *
 * @example
 * ```ts
 * subscribeToTopic(new Map([['TopicArn', arn], ['Protocol', 'http'], ['Endpoint', 'http://127.0.0.1:8080/']]), topics);
 * ```
 */
export function subscribeToTopic(parameters: ReadonlyMap<string, string>, topics: SnsTopics): string {
  const arn = parameters.get('TopicArn') ?? '';
  const topic = topics.get(arn);
  if (!topic) throw new SnsApiError('NotFound', `Topic does not exist: ${arn}`, 404);
  const protocol = parameters.get('Protocol') ?? '';
  const endpoint = parameters.get('Endpoint') ?? '';
  if (protocol !== 'http' && protocol !== 'https') {
    throw new SnsApiError(
      'InvalidParameter',
      `Invalid parameter: Protocol ${JSON.stringify(protocol)}: this local endpoint takes http and https subscriptions; configure e-mail with its subscribers`,
      400,
    );
  }
  if (!endpoint.startsWith(`${protocol}://`)) {
    throw new SnsApiError(
      'InvalidParameter',
      `Invalid parameter: Endpoint ${JSON.stringify(endpoint)} must start with ${protocol}://`,
      400,
    );
  }
  const subscriptionArn = `${arn}:${randomUUID()}`;
  topic.subscriptions.set(subscriptionArn, webhookSubscriber(endpoint));
  return `<SubscriptionArn>${escapeXml(subscriptionArn)}</SubscriptionArn>`;
}
