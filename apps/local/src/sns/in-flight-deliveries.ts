import { SnsApiError } from './errors';
import type { SnsDelivery } from './sns-notification';
import type { SnsSubscriber } from './sns-subscriber';

/**
 * The deliveries a local SNS endpoint has started and not finished, so that `idle()` and `close()`
 * can wait for them.
 *
 * @example
 * ```ts
 * const deliveries = new InFlightDeliveries();
 * deliveries.track(deliverWithRetry(subscriber, delivery, policy));
 * await deliveries.idle();
 * ```
 */
export class InFlightDeliveries {
  readonly #inFlight = new Set<Promise<void>>();

  /** Keeps `delivery` until it settles. */
  track(delivery: Promise<void>): void {
    const tracked = delivery.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  /**
   * Delivers to a durable subscriber before Publish answers; its failure fails the Publish (an
   * `InternalError` naming the subscriber), so the returned promise is the caller's to await.
   */
  store(subscriber: SnsSubscriber, delivery: SnsDelivery): Promise<void> {
    const stored = subscriber.deliver(delivery).catch((error: unknown) => {
      throw new SnsApiError(
        'InternalError',
        `Internal error: the message was not stored by ${subscriber.name}: ${error instanceof Error ? error.message : String(error)}`,
        500,
        { cause: error },
      );
    });
    // The Publish that awaits `stored` reports its failure; the tracked copy only waits for it.
    this.track(stored.catch(() => undefined));
    return stored;
  }

  /** Resolves once every delivery started so far (and any started meanwhile) has settled. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
