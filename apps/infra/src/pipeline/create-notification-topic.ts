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
  /** SNS topic the run notifications are published to (alarms go to the operations topic). */
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
  return createEncryptedTopic(scope, {
    keyId: 'TopicKey',
    topicId: 'Topic',
    what: 'notification topic',
    displayName: `shiftflow ${config.name}`,
    email: config.notificationEmail,
  });
}

/**
 * A KMS-encrypted topic (its own key, rotated yearly) that refuses requests without TLS and that
 * CloudWatch alarms of this account may publish to, with an optional e-mail subscription.
 *
 * @example
 * ```ts
 * const ops = createEncryptedTopic(pipeline, { keyId: 'OperationsTopicKey', topicId: 'OperationsTopic', what: 'operations topic', displayName: 'shiftflow nyc-taxi operations', email: undefined });
 * ```
 */
export function createEncryptedTopic(scope: Construct, options: EncryptedTopicOptions): NotificationTopic {
  const stack = Stack.of(scope);
  const topicKey = new kms.Key(scope, options.keyId, {
    description: `${options.displayName}: encrypts the ${options.what}`,
    enableKeyRotation: true,
  });
  // CloudWatch alarms publish to an encrypted topic only with these key rights
  // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
  topicKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  );
  const topic = new sns.Topic(scope, options.topicId, {
    displayName: options.displayName,
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
  if (options.email !== undefined) {
    topic.addSubscription(new snsSubscriptions.EmailSubscription(options.email));
  }
  return { topicKey, topic };
}

/**
 * What {@link createEncryptedTopic} makes.
 *
 * @example
 * ```ts
 * const options: EncryptedTopicOptions = { keyId: 'TopicKey', topicId: 'Topic', what: 'notification topic', displayName: 'shiftflow nyc-taxi', email: 'data-team@example.com' };
 * ```
 */
export interface EncryptedTopicOptions {
  /** Construct ID of the key. */
  readonly keyId: string;
  /** Construct ID of the topic. */
  readonly topicId: string;
  /** What the topic is, for the key's description. */
  readonly what: string;
  /** The topic's display name (the sender name of its e-mails). */
  readonly displayName: string;
  /** Address subscribed by e-mail, if any. */
  readonly email: string | undefined;
}
