import type { SnsDelivery, SnsProtocol } from './sns-notification';

/** Receives the notifications of the local SNS endpoint, in the variant of its protocol. */
export interface SnsSubscriber {
  /** Used in logs, dead-letter file names and errors. */
  readonly name: string;
  /** Picks the `MessageStructure=json` entry this subscriber receives. */
  readonly protocol: SnsProtocol;
  /**
   * Where it delivers, without secrets (an SMTP URL's password is `****`), for the delivery log.
   * Defaults to {@link SnsSubscriber.name}.
   */
  readonly endpoint?: string;
  /** Takes one message; a rejection is retried, then dead-lettered. */
  deliver(delivery: SnsDelivery): Promise<void>;
  /**
   * Publish answers only once this subscriber took the message, and fails when it could not: the
   * subscriber is where the message is stored (the outbox), as SNS stores a message before it
   * acknowledges it. Defaults to false (delivered after the answer, with retries).
   */
  readonly durable?: boolean;
  /** Releases resources (connections) when the endpoint closes. */
  close?(): Promise<void>;
}
