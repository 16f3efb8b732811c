import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatNotification } from './format-notification';
import { publishNotification } from './publish-notification';

const notification = formatNotification({
  pipelineName: 'nyc-taxi',
  statementId: 'dd2e1ec9-2ee3-49a0-819f-905fa7d75a4a',
  state: 'FINISHED',
  consoleUrl: 'https://us-east-1.console.aws.amazon.com/redshiftv2/home?region=us-east-1',
});

describe('publishNotification', () => {
  const sns = mockClient(SNSClient);

  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  });

  it('publishes to a standard topic without FIFO fields', async () => {
    const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow';

    const messageId = await publishNotification({ sns: new SNSClient({}), topicArn, notification });

    expect(messageId).toBe('message-1');
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe(topicArn);
    expect(input?.MessageStructure).toBe('json');
    expect(input).not.toHaveProperty('MessageGroupId');
    expect(input).not.toHaveProperty('MessageDeduplicationId');
  });

  it('gives a FIFO topic the message group and deduplication id it requires', async () => {
    const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow.fifo';

    await publishNotification({ sns: new SNSClient({}), topicArn, notification });

    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.MessageGroupId).toBe('nyc-taxi');
    expect(input?.MessageDeduplicationId).toBe('dd2e1ec9-2ee3-49a0-819f-905fa7d75a4a');
  });
});
