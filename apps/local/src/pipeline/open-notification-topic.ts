import path from 'node:path';
import type { PipelineConfig } from '@shiftflow/events';
import {
  type LocalSns,
  outboxSubscriber,
  SnsDeliveryLog,
  type SnsSubscriber,
  smtpSubscriber,
  smtpTransportOptions,
  startLocalSns,
  terminalSubscriber,
  webhookSubscriber,
} from '../sns';
import type { StateLayout } from '../state/state-layout';
import type { CloseStack } from './close-stack';
import { HeldOutput } from './held-output';
import { localAccount, localRegion } from './local-aws';
import type { LocalPipelineOptions } from './local-pipeline';

/** The pipeline's notification topic on the local SNS endpoint, with its subscribers. */
export interface NotificationTopic {
  sns: LocalSns;
  topicArn: string;
  /** The terminal subscriber's output, which a run holds until its result line is printed. */
  output: HeldOutput | undefined;
}

/**
 * The subscribers the options ask for: always the outbox in the state folder; the terminal when
 * there is a notification stream; e-mail over SMTP and a webhook when their URLs are given.
 */
function createSubscribers(
  config: PipelineConfig,
  state: StateLayout,
  options: Pick<LocalPipelineOptions, 'smtp' | 'webhook'>,
  output: HeldOutput | undefined,
  closers: CloseStack,
): SnsSubscriber[] {
  const addresses = config.notificationEmail ? { to: config.notificationEmail } : {};
  const subscribers: SnsSubscriber[] = [outboxSubscriber(state.outbox, addresses)];
  if (output) subscribers.push(terminalSubscriber(output.stream));
  if (options.smtp) {
    const smtp = smtpSubscriber(smtpTransportOptions(options.smtp), {
      to: config.notificationEmail ?? 'shiftflow@localhost',
    });
    subscribers.push(smtp);
    closers.push(() => smtp.close());
  }
  if (options.webhook) subscribers.push(webhookSubscriber(options.webhook));
  return subscribers;
}

/**
 * Starts the local SNS endpoint with the pipeline's topic (`<pipeline>-notifications`) and the
 * subscribers the options ask for. Loaded while the engine opens: the mail libraries take a
 * noticeable part of a warm run's start.
 *
 * @example
 * const { sns, topicArn, output } = await openNotificationTopic(config, state, options, closers);
 */
export async function openNotificationTopic(
  config: PipelineConfig,
  state: StateLayout,
  options: Pick<LocalPipelineOptions, 'notificationStream' | 'smtp' | 'webhook' | 'snsPort'>,
  closers: CloseStack,
): Promise<NotificationTopic> {
  const output = options.notificationStream ? new HeldOutput(options.notificationStream) : undefined;
  const topicName = `${config.name}-notifications`;
  const sns = await startLocalSns({
    host: '127.0.0.1',
    port: options.snsPort ?? 0,
    region: localRegion,
    account: localAccount,
    subscribers: createSubscribers(config, state, options, output, closers),
    topics: [topicName],
    // Deliveries (e-mail, webhook) that fail every attempt are kept beside the functions' events.
    deadLetterDirectory: path.join(state.deadLetter, 'sns'),
    // Each attempt's outcome per subscriber, for the console's inbox (the outbox is its own record).
    deliveryLog: new SnsDeliveryLog(state.snsDeliveries),
  });
  closers.push(() => sns.close());
  return { sns, topicArn: sns.createTopic(topicName), output };
}
