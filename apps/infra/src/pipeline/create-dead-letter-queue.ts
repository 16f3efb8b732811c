import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * The queue receiving undeliverable schedule and rule events and failed asynchronous
 * invocations: encrypted, SSL only, messages kept 14 days.
 *
 * @example
 * ```ts
 * const deadLetterQueue = createDeadLetterQueue(pipeline);
 * ```
 */
export function createDeadLetterQueue(scope: Construct): sqs.Queue {
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is the dead-letter queue of the schedules, the rule and the functions; it needs none of its own.',
  });
  return deadLetterQueue;
}
