import { describe, expect, it } from 'vitest';
import { SnsApiError } from './errors';
import { parsePublishRequest } from './parse-publish-request';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:shiftflow-notifications';

function parameters(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries({ TopicArn: topicArn, ...entries }));
}

describe('parsePublishRequest', () => {
  it('reads the flattened message attributes whatever the parameter order', () => {
    const request = parsePublishRequest(
      new Map([
        ['MessageAttributes.entry.2.Value.StringValue', '12'],
        ['Message', 'hello'],
        ['MessageAttributes.entry.1.Value.BinaryValue', 'AQID'],
        ['MessageAttributes.entry.2.Name', 'rows'],
        ['MessageAttributes.entry.1.Name', 'blob'],
        ['MessageAttributes.entry.2.Value.DataType', 'Number'],
        ['MessageAttributes.entry.1.Value.DataType', 'Binary'],
        ['TopicArn', topicArn],
        ['Action', 'Publish'],
      ]),
    );

    expect(request).toEqual({
      topicArn,
      message: 'hello',
      messageAttributes: {
        blob: { dataType: 'Binary', binaryValue: Buffer.from([1, 2, 3]) },
        rows: { dataType: 'Number', stringValue: '12' },
      },
    });
  });

  it('keeps only the string protocol entries of a MessageStructure=json message', () => {
    const request = parsePublishRequest(
      parameters({
        MessageStructure: 'json',
        Message: '{"default":"d","email":"e","sqs":{"x":1},"lambda":5}',
      }),
    );

    expect(request.messageVariants).toEqual({ default: 'd', email: 'e' });
  });

  it('does not mistake a repeated key in a nested object for a duplicate', () => {
    const message = JSON.stringify({ default: 'd', email: JSON.stringify({ default: 'x' }) });
    expect(() =>
      parsePublishRequest(parameters({ MessageStructure: 'json', Message: message })),
    ).not.toThrow();
    expect(() =>
      parsePublishRequest(
        parameters({ MessageStructure: 'json', Message: '{"default":"d","o":{"default":1}}' }),
      ),
    ).not.toThrow();
  });

  it('accepts a subject of 99 characters, counting code points', () => {
    expect(parsePublishRequest(parameters({ Message: 'm', Subject: '€'.repeat(99) })).subject).toHaveLength(
      99,
    );
  });

  it('counts the limit in UTF-8 bytes', () => {
    const call = () => parsePublishRequest(parameters({ Message: '€'.repeat(87_382) }));
    expect(call).toThrow(SnsApiError);
    expect(call).toThrow('Message too long: 262146 bytes');
  });

  it('refuses more than 10 attributes', () => {
    const entries: Record<string, string> = { Message: 'm' };
    for (let index = 1; index <= 11; index++) {
      entries[`MessageAttributes.entry.${index}.Name`] = `a${index}`;
      entries[`MessageAttributes.entry.${index}.Value.DataType`] = 'String';
      entries[`MessageAttributes.entry.${index}.Value.StringValue`] = 'v';
    }
    expect(() => parsePublishRequest(parameters(entries))).toThrow('at most 10 attributes, got 11');
  });

  it('answers a missing Message with a ValidationError', () => {
    let caught: unknown;
    try {
      parsePublishRequest(parameters({}));
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ awsErrorCode: 'ValidationError', status: 400, type: 'Sender' });
  });
});
