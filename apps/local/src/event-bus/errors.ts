import { LocalAppError, type LocalErrorCode } from '../errors';

/** Stable codes of the local event bus's errors (a part of {@link LocalErrorCode}). */
export type EventBusErrorCode = Extract<
  LocalErrorCode,
  'INVALID_EVENT_PATTERN' | 'INVALID_EVENT' | 'INVALID_RULE_NAME' | 'EVENT_DELIVERY_FAILED'
>;

/**
 * Base class of every error raised by the local event bus; a {@link LocalAppError} with a stable `code`.
 *
 * @example
 * ```ts
 * try { bus.putRule('', pattern, target); } catch (error) {
 *   if (error instanceof EventBusError) console.error(error.code); // 'INVALID_RULE_NAME'
 * }
 * ```
 */
export class EventBusError extends LocalAppError {
  /** Stable, machine-readable error code. */
  declare readonly code: EventBusErrorCode;

  constructor(code: EventBusErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * An event pattern EventBridge would reject (`InvalidEventPatternException`).
 *
 * @example
 * ```ts
 * try {
 *   validatePattern({ source: 'aws.redshift-data' });
 * } catch (error) {
 *   if (error instanceof InvalidEventPatternError) console.error(error.path, error.reason);
 * }
 * ```
 */
export class InvalidEventPatternError extends EventBusError {
  /** Where in the pattern the problem is, e.g. `detail.state[0]`; empty for the whole pattern. */
  readonly path: string;
  /** What is wrong there. */
  readonly reason: string;
  /** The pattern as given. */
  readonly pattern: unknown;

  constructor(pattern: unknown, path: string, reason: string) {
    super('INVALID_EVENT_PATTERN', `event pattern ${path === '' ? '' : `at "${path}" `}${reason}`);
    this.name = 'InvalidEventPatternError';
    this.path = path;
    this.reason = reason;
    this.pattern = pattern;
  }
}

/**
 * An event given to `EventBus.putEvents` that is not a JSON object.
 *
 * @example
 * ```ts
 * bus.putEvents('not an event'); // throws InvalidEventError
 * ```
 */
export class InvalidEventError extends EventBusError {
  /** The value given. */
  readonly event: unknown;

  constructor(event: unknown) {
    super('INVALID_EVENT', `event ${JSON.stringify(event) ?? String(event)} is not a JSON object`);
    this.name = 'InvalidEventError';
    this.event = event;
  }
}

/**
 * A rule's target threw or rejected while handling an event; given to `onDeliveryFailure`.
 *
 * @example
 * ```ts
 * new EventBus({ onDeliveryFailure: (error) => console.error(error.ruleName, error.event, error.cause) });
 * ```
 */
export class EventDeliveryError extends EventBusError {
  /** Rule whose target failed. */
  readonly ruleName: string;
  /** The event that was not delivered. */
  readonly event: Record<string, unknown>;

  constructor(ruleName: string, event: Record<string, unknown>, cause: unknown) {
    super(
      'EVENT_DELIVERY_FAILED',
      `rule "${ruleName}" target failed for event ${String(event.id ?? '(no id)')}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'EventDeliveryError';
    this.ruleName = ruleName;
    this.event = event;
  }
}
