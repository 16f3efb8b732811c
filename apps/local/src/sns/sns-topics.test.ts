import { describe, expect, it } from 'vitest';
import { SnsApiError } from './errors';
import { SnsTopics } from './sns-topics';

describe('SnsTopics', () => {
  it('creates a topic once and returns the same ARN for the same name', () => {
    const topics = new SnsTopics('eu-west-1', '111122223333');

    const first = topics.create('alerts');
    const second = topics.create('alerts');

    expect(first).toBe('arn:aws:sns:eu-west-1:111122223333:alerts');
    expect(second).toBe(first);
    expect(topics.arns()).toEqual([first]);
  });

  it('makes a FIFO topic from a name ending with .fifo', () => {
    const topics = new SnsTopics('us-east-1', '123456789012');

    const arn = topics.createByName('runs.fifo');

    expect(topics.get(arn)?.fifo).toBe(true);
    expect(topics.get(topics.createByName('runs'))?.fifo).toBe(false);
  });

  it('refuses a FIFO attribute on a name without .fifo, and a .fifo name without it', () => {
    const topics = new SnsTopics('us-east-1', '123456789012');

    expect(() => topics.create('runs', new Map([['FifoTopic', 'true']]))).toThrow(SnsApiError);
    expect(() => topics.create('runs.fifo')).toThrow(/FIFO topic names must end with "\.fifo"/);
    expect(topics.arns()).toEqual([]);
  });

  it('refuses a name with characters outside A-Z a-z 0-9 _ -', () => {
    const topics = new SnsTopics('us-east-1', '123456789012');

    expect(() => topics.create('my topic')).toThrow(/Topic Name "my topic"/);
  });

  it('numbers FIFO messages with one 20-digit counter for the whole endpoint', () => {
    const topics = new SnsTopics('us-east-1', '123456789012');

    expect([topics.nextSequenceNumber(), topics.nextSequenceNumber()]).toEqual([
      '00000000000000000001',
      '00000000000000000002',
    ]);
  });
});
