/**
 * Deterministic fault injection for the local endpoint: throttling and 5xx answers on chosen Data
 * API operations, and dropped or duplicated status-change events. Faults fire on the first `count`
 * matching occurrences, or on a seeded pseudo-random `rate` of them, so a test run is repeatable.
 */
import { DataApiException, InvalidOptionError } from './errors';
import type { StatementStatusChangeEnvelope } from './status-change-event';

/** Which requests of a request fault are hit: the first `count` matching ones, or a seeded share. */
export interface RequestFaultRule {
  /** Data API operations hit (wire names such as `ExecuteStatement`). Defaults to every operation. */
  operations?: string[] | undefined;
  /** Fault the first `count` matching requests, then none. Give `count` or `rate`. */
  count?: number | undefined;
  /** Fault this share (0 to 1) of matching requests, drawn from the seeded generator. */
  rate?: number | undefined;
}

/** A 5xx fault: like {@link RequestFaultRule}, plus the status and when the answer is replaced. */
export interface ServerErrorFaultRule extends RequestFaultRule {
  /** 500 (`InternalServerException`, the default) or 503 (`ServiceUnavailableException`). */
  status?: 500 | 503 | undefined;
  /**
   * `before` (default): the request is refused before the operation runs. `after`: the operation
   * runs (an ExecuteStatement submits its statement) and its answer is lost, replaced by the error:
   * what a client sees when a response goes missing.
   */
  when?: 'before' | 'after' | undefined;
}

/** Which status-change events an event fault hits. */
export interface EventFaultRule {
  /** Terminal states hit. Defaults to all three. */
  states?: ('FINISHED' | 'FAILED' | 'ABORTED')[] | undefined;
  /** Only events whose statement name starts with this. Defaults to every event. */
  statementNamePrefix?: string | undefined;
  /** Fault the first `count` matching events, then none. Give `count` or `rate`. */
  count?: number | undefined;
  /** Fault this share (0 to 1) of matching events, drawn from the seeded generator. */
  rate?: number | undefined;
}

/**
 * The `faults` option of `startLocalRedshift`: what to break, deterministically.
 *
 * @example
 * const faults: FaultOptions = {
 *   throttle: { operations: ['ExecuteStatement'], count: 2 },
 *   serverErrors: { operations: ['ExecuteStatement'], count: 1, when: 'after' },
 *   dropEvents: { rate: 0.5 },
 *   seed: 7,
 * };
 */
export interface FaultOptions {
  /** Answer `ThrottlingException` (HTTP 400), which the AWS SDKs retry with back-off. */
  throttle?: RequestFaultRule | undefined;
  /** Answer a 5xx, which the AWS SDKs retry. */
  serverErrors?: ServerErrorFaultRule | undefined;
  /** Never deliver these status-change events to `onStatusChange` listeners. */
  dropEvents?: EventFaultRule | undefined;
  /** Deliver these status-change events twice. */
  duplicateEvents?: EventFaultRule | undefined;
  /** Seed of the generator behind `rate`. Defaults to 1. */
  seed?: number | undefined;
}

/**
 * How many faults of each kind have fired so far.
 *
 * @example
 * const counts: FaultCounts = redshift.faultCounts();
 * console.log(counts.throttle, counts.droppedEvents);
 */
export interface FaultCounts {
  throttle: number;
  serverErrors: number;
  droppedEvents: number;
  duplicatedEvents: number;
}

type FaultKind = 'throttle' | 'serverErrors' | 'dropEvents' | 'duplicateEvents';

/** mulberry32: a small seeded generator, enough for reproducible fault choices. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function validateRule(name: string, rule: RequestFaultRule | EventFaultRule | undefined): void {
  if (rule === undefined) return;
  if (typeof rule !== 'object' || rule === null) {
    throw new InvalidOptionError(`faults.${name}`, rule, 'must be an object');
  }
  const { count, rate } = rule;
  if ((count === undefined) === (rate === undefined)) {
    throw new InvalidOptionError(`faults.${name}`, rule, 'must give exactly one of count or rate');
  }
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
    throw new InvalidOptionError(`faults.${name}.count`, count, 'must be a whole number ≥ 0');
  }
  if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) {
    throw new InvalidOptionError(`faults.${name}.rate`, rate, 'must be a number from 0 to 1');
  }
  if ('operations' in rule && rule.operations !== undefined) {
    if (!Array.isArray(rule.operations) || rule.operations.some((item) => typeof item !== 'string')) {
      throw new InvalidOptionError(`faults.${name}.operations`, rule.operations, 'must be a list of names');
    }
  }
  if ('states' in rule && rule.states !== undefined) {
    const states = new Set(['FINISHED', 'FAILED', 'ABORTED']);
    if (!Array.isArray(rule.states) || rule.states.some((item) => !states.has(item))) {
      throw new InvalidOptionError(
        `faults.${name}.states`,
        rule.states,
        'must list FINISHED, FAILED or ABORTED',
      );
    }
  }
}

/**
 * Decides, request by request and event by event, which faults fire.
 *
 * @example
 * const faults = new FaultInjector({ throttle: { operations: ['ExecuteStatement'], count: 1 } });
 * faults.beforeOperation('ExecuteStatement'); // throws the ThrottlingException
 * faults.beforeOperation('ExecuteStatement'); // passes
 */
export class FaultInjector {
  readonly #options: FaultOptions;
  readonly #random: () => number;
  readonly #seen = { throttle: 0, serverErrors: 0, dropEvents: 0, duplicateEvents: 0 };
  readonly #counts: FaultCounts = { throttle: 0, serverErrors: 0, droppedEvents: 0, duplicatedEvents: 0 };

  constructor(options: FaultOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidOptionError('faults', options, 'must be an object');
    }
    const known = new Set(['throttle', 'serverErrors', 'dropEvents', 'duplicateEvents', 'seed']);
    for (const key of Object.keys(options)) {
      if (!known.has(key))
        throw new InvalidOptionError(
          `faults.${key}`,
          options[key as keyof FaultOptions],
          'is not a known fault',
        );
    }
    validateRule('throttle', options.throttle);
    validateRule('serverErrors', options.serverErrors);
    validateRule('dropEvents', options.dropEvents);
    validateRule('duplicateEvents', options.duplicateEvents);
    const status = options.serverErrors?.status;
    if (status !== undefined && status !== 500 && status !== 503) {
      throw new InvalidOptionError('faults.serverErrors.status', status, 'must be 500 or 503');
    }
    const when = options.serverErrors?.when;
    if (when !== undefined && when !== 'before' && when !== 'after') {
      throw new InvalidOptionError('faults.serverErrors.when', when, "must be 'before' or 'after'");
    }
    const seed = options.seed ?? 1;
    if (!Number.isInteger(seed)) throw new InvalidOptionError('faults.seed', seed, 'must be an integer');
    this.#options = options;
    this.#random = generator(seed);
  }

  /** Faults fired so far. */
  counts(): FaultCounts {
    return { ...this.#counts };
  }

  #fires(kind: FaultKind, rule: { count?: number | undefined; rate?: number | undefined }): boolean {
    this.#seen[kind]++;
    if (rule.count !== undefined) return this.#seen[kind] <= rule.count;
    return this.#random() < (rule.rate ?? 0);
  }

  #requestFault(kind: 'throttle' | 'serverErrors', operation: string): boolean {
    const rule = this.#options[kind];
    if (rule === undefined) return false;
    if (rule.operations !== undefined && !rule.operations.includes(operation)) return false;
    return this.#fires(kind, rule);
  }

  #serverError(operation: string): never {
    this.#counts.serverErrors++;
    const status = this.#options.serverErrors?.status ?? 500;
    throw new DataApiException(
      status === 503 ? 'ServiceUnavailableException' : 'InternalServerException',
      `Injected fault: ${status} on ${operation}.`,
    );
  }

  /** Called before an operation runs; throws the injected throttling or `before` 5xx answer. */
  beforeOperation(operation: string): void {
    if (this.#requestFault('throttle', operation)) {
      this.#counts.throttle++;
      throw new DataApiException('ThrottlingException', `Injected fault: rate exceeded on ${operation}.`);
    }
    if (
      (this.#options.serverErrors?.when ?? 'before') === 'before' &&
      this.#requestFault('serverErrors', operation)
    ) {
      this.#serverError(operation);
    }
  }

  /** Called after an operation ran; throws the injected `after` 5xx answer (the operation's answer is lost). */
  afterOperation(operation: string): void {
    if (this.#options.serverErrors?.when === 'after' && this.#requestFault('serverErrors', operation)) {
      this.#serverError(operation);
    }
  }

  #eventFault(kind: 'dropEvents' | 'duplicateEvents', event: StatementStatusChangeEnvelope): boolean {
    const rule = this.#options[kind];
    if (rule === undefined) return false;
    if (rule.states !== undefined && !rule.states.includes(event.detail.state)) return false;
    const prefix = rule.statementNamePrefix;
    if (prefix !== undefined && !(event.detail.statementName ?? '').startsWith(prefix)) return false;
    return this.#fires(kind, rule);
  }

  /** How many times to deliver this event: 0 (dropped), 1, or 2 (duplicated). */
  deliveries(event: StatementStatusChangeEnvelope): 0 | 1 | 2 {
    if (this.#eventFault('dropEvents', event)) {
      this.#counts.droppedEvents++;
      return 0;
    }
    if (this.#eventFault('duplicateEvents', event)) {
      this.#counts.duplicatedEvents++;
      return 2;
    }
    return 1;
  }
}
