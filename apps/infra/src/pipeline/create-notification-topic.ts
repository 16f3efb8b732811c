import type { PipelineConfig } from '@shiftflow/events';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/**
 * The notification topic and the key that encrypts it.
 *
 * @example
 * ```ts
 * const { topic, topicKey } = createNotificationTopic(pipeline, config);
 * ```
 */
export interface NotificationTopic {
  /** KMS key (rotated yearly) that encrypts the topic. */
  readonly topicKey: kms.Key;
  /** SNS topic every notification and alarm is published to. */
  readonly topic: sns.Topic;
}

/**
 * The topic every notification and alarm goes to: encrypted with a rotated key of its own, SSL
 * only, open to this account's CloudWatch alarms, and subscribed by `config.notificationEmail`.
 *
 * @example
 * ```ts
 * const { topic } = createNotificationTopic(pipeline, config);
 * topic.grantSubscribe(someRole);
 * ```
 */
export function createNotificationTopic(scope: Construct, config: PipelineConfig): NotificationTopic {
  const stack = Stack.of(scope);
  const topicKey = new kms.Key(scope, 'TopicKey', {
    description: `shiftflow ${config.name}: encrypts the notification topic`,
    enableKeyRotation: true,
  });
  topicKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  );
  const topic = new sns.Topic(scope, 'Topic', {
    displayName: `shiftflow ${config.name}`,
    masterKey: topicKey,
    enforceSSL: true,
  });
  // The topic policy that enforceSSL creates replaces SNS's default policy: allow the alarms explicitly.
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  );
  if (config.notificationEmail !== undefined) {
    topic.addSubscription(new snsSubscriptions.EmailSubscription(config.notificationEmail));
  }
  return { topicKey, topic };
}
