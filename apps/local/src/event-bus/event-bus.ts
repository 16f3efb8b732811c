import { type CompiledEventPattern, compileEventPattern } from './compile-event-pattern';
import { EventBusError, EventDeliveryError, InvalidEventError } from './errors';

/** An EventBridge event envelope (`version`, `id`, `detail-type`, `source`, `time`, `detail`, …). */
export type BusEvent = Record<string, unknown>;

/** What a rule delivers matching events to, e.g. a Lambda invoker. May be asynchronous. */
export type EventTarget = (event: BusEvent, context: { readonly ruleName: string }) => unknown;

/** Options of {@link EventBus}. */
export interface EventBusOptions {
  /**
   * Receives every event a target failed on, with the rule name and the cause.
   * Defaults to writing the error to standard error.
   */
  readonly onDeliveryFailure?: (failure: EventDeliveryError) => void;
}

interface Rule {
  readonly pattern: CompiledEventPattern;
  readonly target: EventTarget;
}

function reportToStandardError(failure: EventDeliveryError): void {
  process.stderr.write(`${failure.message}\n`);
}

/**
 * An in-process event bus with EventBridge rules: events that match a rule's pattern are delivered
 * to its target asynchronously, and failures go to `onDeliveryFailure`.
 *
 * @example
 * ```ts
 * const bus = new EventBus({ onDeliveryFailure: (failure) => console.error(failure.message) });
 * bus.putRule('notify', { source: ['aws.redshift-data'], detail: { state: ['FINISHED', 'FAILED', 'ABORTED'] } }, notify);
 * bus.putEvents(statusChangeEvent);
 * await bus.idle();
 * ```
 */
export class EventBus {
  readonly #rules = new Map<string, Rule>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #onDeliveryFailure: (failure: EventDeliveryError) => void;

  constructor(options: EventBusOptions = {}) {
    this.#onDeliveryFailure = options.onDeliveryFailure ?? reportToStandardError;
  }

  /** Names of the rules, in the order they were added. */
  get ruleNames(): string[] {
    return [...this.#rules.keys()];
  }

  /**
   * Adds a rule, or replaces the rule with the same name.
   *
   * @throws InvalidEventPatternError when the pattern is not valid.
   *
   * @example
   * ```ts
   * bus.putRule('failed-runs', { detail: { state: ['FAILED'] } }, (event) => console.log(event.id));
   * ```
   */
  putRule(name: string, pattern: unknown, target: EventTarget): void {
    if (typeof name !== 'string' || name === '') {
      throw new EventBusError(
        'INVALID_RULE_NAME',
        `rule name ${JSON.stringify(name)} must be a non-empty string`,
      );
    }
    this.#rules.set(name, { pattern: compileEventPattern(pattern), target });
  }

  /**
   * Removes a rule; returns whether it existed.
   *
   * @example
   * ```ts
   * bus.removeRule('failed-runs');
   * ```
   */
  removeRule(name: string): boolean {
    return this.#rules.delete(name);
  }

  /**
   * Matches events against every rule and schedules delivery to the matching targets; returns, for each
   * event, the names of the rules it matched. Delivery happens after this call returns.
   *
   * @throws InvalidEventError when an event is not a JSON object.
   *
   * @example
   * ```ts
   * const [matched] = bus.putEvents(event); // ['notify']
   * ```
   */
  putEvents(...events: BusEvent[]): string[][] {
    for (const event of events) {
      if (typeof event !== 'object' || event === null || Array.isArray(event))
        throw new InvalidEventError(event);
    }
    return events.map((event) => {
      const matched: string[] = [];
      for (const [ruleName, rule] of this.#rules) {
        if (!rule.pattern.matches(event)) continue;
        matched.push(ruleName);
        this.#deliver(ruleName, rule.target, event);
      }
      return matched;
    });
  }

  /**
   * Resolves once every delivery started so far (and any it caused) has settled.
   *
   * @example
   * ```ts
   * bus.putEvents(event);
   * await bus.idle();
   * ```
   */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) {
      await Promise.allSettled([...this.#inFlight]);
    }
  }

  #deliver(ruleName: string, target: EventTarget, event: BusEvent): void {
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => target(event, { ruleName }))
      .then(
        () => undefined,
        (cause: unknown) => {
          const failure = new EventDeliveryError(ruleName, event, cause);
          try {
            this.#onDeliveryFailure(failure);
          } catch (reportError) {
            // The failure handler itself failed: fall back to standard error so neither error is lost.
            reportToStandardError(failure);
            process.stderr.write(`onDeliveryFailure threw: ${String(reportError)}\n`);
          }
        },
      )
      .finally(() => {
        this.#inFlight.delete(delivery);
      });
    this.#inFlight.add(delivery);
  }
}
