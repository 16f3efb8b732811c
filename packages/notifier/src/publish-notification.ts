import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notification } from '@shiftflow/events';
import { NotificationPublishError } from './errors';
import { snsMessageFor } from './format-notification';

/**
 * Publishes a notification to an SNS topic with `MessageStructure: 'json'` (`default`, `email`
 * and `sms` variants) and message attributes subscribers can filter on (`pipeline`, `outcome`,
 * `state`); returns the SNS message id.
 *
 * @throws NotificationPublishError when SNS refuses or fails; its `cause` is the SDK error.
 * @example
 * ```ts
 * const messageId = await publishNotification({ sns: new SNSClient({}), topicArn, notification });
 * ```
 */
export async function publishNotification(options: {
  sns: SNSClient;
  topicArn: string;
  notification: Notification;
}): Promise<string> {
  const { sns, topicArn, notification } = options;
  try {
    const output = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: notification.subject,
        MessageStructure: 'json',
        Message: JSON.stringify(snsMessageFor(notification)),
        MessageAttributes: {
          pipeline: { DataType: 'String', StringValue: notification.pipelineName },
          outcome: { DataType: 'String', StringValue: notification.outcome },
          state: { DataType: 'String', StringValue: notification.state },
        },
      }),
    );
    return output.MessageId ?? '';
  } catch (error) {
    const retryable =
      !(error instanceof Error) ||
      ('$retryable' in error && Boolean(error.$retryable)) ||
      ('$fault' in error && error.$fault === 'server') ||
      /Throttl|InternalError|TimeoutError|ECONN|socket/i.test(`${error.name} ${error.message}`);
    throw new NotificationPublishError(topicArn, notification.statementId, {
      cause: error,
      isRetryable: retryable,
    });
  }
}
