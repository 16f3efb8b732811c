/**
 * The subscribers to a local Redshift's status-change events (`onStatusChange` callers and `/events`
 * streams), and the events owed to them from before a restart.
 */
import type { FaultInjector } from './fault-injector';
import type { StatementStatusChangeEnvelope } from './status-change-event';

type StatusChangeListener = (event: StatementStatusChangeEnvelope) => void;

/**
 * Hands each status-change event to every listener, as often as the fault injector says (dropped,
 * once, or twice). Events owed from before a restart go to the first subscriber(s), oldest first.
 *
 * @example
 * const listeners = new StatusChangeListeners(faults);
 * const stop = listeners.subscribe((event) => console.log(event.detail.state));
 * listeners.deliver(event);
 */
export class StatusChangeListeners {
  readonly #faults: Pick<FaultInjector, 'deliveries'>;
  readonly #listeners = new Set<StatusChangeListener>();
  #owed: StatementStatusChangeEnvelope[] = [];
  #delivered: (event: StatementStatusChangeEnvelope) => Promise<void> = async () => {};
  #owedDelivery: Promise<void> | undefined;

  constructor(faults: Pick<FaultInjector, 'deliveries'>) {
    this.#faults = faults;
  }

  /** The delivery of owed events under way, if one is. */
  get owedDelivery(): Promise<void> | undefined {
    return this.#owedDelivery;
  }

  /** Hands `event` to every listener; one that throws is reported on stderr and the others still get it. */
  deliver(event: StatementStatusChangeEnvelope): void {
    const deliveries = this.#faults.deliveries(event);
    for (let delivery = 0; delivery < deliveries; delivery++) {
      for (const listener of this.#listeners) {
        try {
          listener(event);
        } catch (error) {
          console.error(`redshift-local: a status-change listener threw: ${String(error)}`);
        }
      }
    }
  }

  /** Events owed from before a restart, for the first subscriber(s); `delivered` is awaited after each one. */
  owe(
    events: StatementStatusChangeEnvelope[],
    delivered: (event: StatementStatusChangeEnvelope) => Promise<void>,
  ): void {
    this.#owed = events;
    this.#delivered = delivered;
  }

  /** Subscribes a listener (an `onStatusChange` caller or an `/events` stream); owed events go out first. */
  subscribe(listener: StatusChangeListener): () => void {
    this.#listeners.add(listener);
    if (this.#owed.length > 0 && this.#owedDelivery === undefined) {
      this.#owedDelivery = this.#deliverOwed()
        .catch((error: unknown) => {
          console.error(
            `redshift-local: owed status-change events: ${error instanceof Error ? error.message : String(error)}`,
          );
        })
        .finally(() => {
          this.#owedDelivery = undefined;
        });
    }
    return () => this.#listeners.delete(listener);
  }

  /** Drops every listener. */
  clear(): void {
    this.#listeners.clear();
  }

  async #deliverOwed(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#owed.length > 0 && this.#listeners.size > 0) {
      const event = this.#owed.shift()!;
      this.deliver(event);
      await this.#delivered(event);
    }
  }
}
