import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { isRetryableAwsError } from '@shiftflow/data-api';
import type { Notification } from '@shiftflow/events';
import { NotificationPublishError } from './errors';
import { snsMessageFor } from './format-notification';

/**
 * Publishes a notification to an SNS topic with `MessageStructure: 'json'` (`default`, `email`
 * and `sms` variants) and message attributes subscribers can filter on (`pipeline`, `outcome`,
 * `state`); returns the SNS message id. A FIFO topic (`….fifo`) gets the pipeline as message group
 * and the statement id as deduplication id, so SNS itself drops a repeated announcement.
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
        // FIFO topics refuse a publish without a message group; they deduplicate by this id for 5 minutes.
        ...(topicArn.endsWith('.fifo')
          ? { MessageGroupId: notification.pipelineName, MessageDeduplicationId: notification.statementId }
          : {}),
      }),
    );
    return output.MessageId ?? '';
  } catch (error) {
    throw new NotificationPublishError(topicArn, notification.statementId, {
      cause: error,
      isRetryable: isRetryableAwsError(error),
    });
  }
}
