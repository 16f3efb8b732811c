import { SnsApiError } from './errors';
import type { SnsSubscriber } from './sns-subscriber';

/** A topic of the local SNS endpoint: its kind, its http/https subscriptions and its FIFO deduplication window. */
export interface SnsTopic {
  readonly arn: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly subscriptions: Map<string, SnsSubscriber>;
  readonly deduplication: Map<string, { messageId: string; sequenceNumber: string; expiresAt: number }>;
}

/**
 * The topics of one local SNS endpoint, by ARN, and the sequence numbers of their FIFO messages.
 *
 * @example
 * ```ts
 * const topics = new SnsTopics('us-east-1', '123456789012');
 * const arn = topics.createByName('shiftflow-notifications');
 * topics.get(arn)?.subscriptions.size; // 0
 * ```
 */
export class SnsTopics {
  readonly #region: string;
  readonly #account: string;
  readonly #topics = new Map<string, SnsTopic>();
  #sequence = 0n;

  constructor(region: string, account: string) {
    this.#region = region;
    this.#account = account;
  }

  /**
   * Creates a topic (idempotent) and returns its ARN. `FifoTopic=true` makes a FIFO topic, whose name
   * must end with `.fifo`; `ContentBasedDeduplication=true` derives a missing deduplication id from the message.
   */
  create(name: string, attributes: ReadonlyMap<string, string> = new Map()): string {
    const fifo = attributes.get('FifoTopic') === 'true';
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(name.replace(/\.fifo$/, '')) || name.length > 256) {
      throw new SnsApiError(
        'InvalidParameter',
        `Invalid parameter: Topic Name ${JSON.stringify(name)}: use 1-256 of A-Z a-z 0-9 _ - (and ".fifo" for FIFO topics)`,
        400,
      );
    }
    if (fifo !== name.endsWith('.fifo')) {
      throw new SnsApiError(
        'InvalidParameter',
        `Invalid parameter: Topic Name ${JSON.stringify(name)}: FIFO topic names must end with ".fifo" and need the attribute FifoTopic=true, and only they`,
        400,
      );
    }
    const arn = `arn:aws:sns:${this.#region}:${this.#account}:${name}`;
    if (!this.#topics.has(arn)) {
      this.#topics.set(arn, {
        arn,
        fifo,
        contentBasedDeduplication: attributes.get('ContentBasedDeduplication') === 'true',
        subscriptions: new Map(),
        deduplication: new Map(),
      });
    }
    return arn;
  }

  /** Creates a topic by name alone: a FIFO topic when the name ends with `.fifo`. */
  createByName(name: string): string {
    return this.create(name, name.endsWith('.fifo') ? new Map([['FifoTopic', 'true']]) : undefined);
  }

  /** The topic with this ARN, if it exists. */
  get(arn: string): SnsTopic | undefined {
    return this.#topics.get(arn);
  }

  /** Every topic's ARN, in the order they were created. */
  arns(): string[] {
    return [...this.#topics.keys()];
  }

  /** Every subscription of every topic. */
  subscriptions(): SnsSubscriber[] {
    return [...this.#topics.values()].flatMap((topic) => [...topic.subscriptions.values()]);
  }

  /** The next FIFO sequence number (one counter for the whole endpoint), 20 digits. */
  nextSequenceNumber(): string {
    this.#sequence += 1n;
    return this.#sequence.toString().padStart(20, '0');
  }
}
