/**
 * An optional latency profile, so clients see a statement SUBMITTED, then PICKED, then STARTED as
 * on the service, instead of FINISHED at their first DescribeStatement. Off by default (statements
 * start at once). With `profile: 'realistic'` each statement waits in a queue (SUBMITTED), then
 * for its plan to compile (PICKED), before the engine runs it (STARTED).
 *
 * What the numbers rest on: the service reports the same split per query in SYS_QUERY_HISTORY
 * (`queue_time`, `compile_time`, `execution_time`;
 * https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html). Compiled code is cached,
 * so a query's first run compiles its segments and a repeated query finds them in the cache
 * (https://docs.aws.amazon.com/prescriptive-guidance/latest/query-lifecycle-redshift/query-processing.html,
 * "checks the compiled plan cache"). So: queue time is log-normal with a median of 150 ms; compile
 * time is log-normal with a median of 800 ms the first time a SQL text is seen and 10 ms after. The
 * medians are the order of magnitude a small Serverless workgroup shows for short queries, not a
 * measurement; each phase can be set. Draws come from a generator seeded with `seed`, so a run is
 * repeatable.
 */

/** One phase's delay: `minimum` + a log-normal draw (`median`, `spread` = σ of its log), at most `maximum`. */
export interface LatencyPhase {
  minimum: number;
  median: number;
  spread: number;
  maximum: number;
}

/** Options of the latency profile (all durations in milliseconds). */
export interface LatencyOptions {
  /** `realistic` turns the delays on; `fast` (the default) runs statements at once. */
  profile: 'fast' | 'realistic';
  /** Seed of the generator. Defaults to 1. */
  seed?: number | undefined;
  /** Time SUBMITTED, waiting in the queue. Defaults to `{ minimum: 0, median: 150, spread: 0.8, maximum: 5000 }`. */
  queue?: Partial<LatencyPhase> | undefined;
  /** Time PICKED, compiling, for a SQL text not seen before. Defaults to `{ minimum: 0, median: 800, spread: 0.5, maximum: 5000 }`. */
  compile?: Partial<LatencyPhase> | undefined;
  /** Time PICKED for a SQL text seen before (compiled code cached). Defaults to `{ minimum: 0, median: 10, spread: 0.5, maximum: 100 }`. */
  cachedCompile?: Partial<LatencyPhase> | undefined;
}

const defaults = {
  queue: { minimum: 0, median: 150, spread: 0.8, maximum: 5000 },
  compile: { minimum: 0, median: 800, spread: 0.5, maximum: 5000 },
  cachedCompile: { minimum: 0, median: 10, spread: 0.5, maximum: 100 },
} satisfies Record<string, LatencyPhase>;

/** mulberry32: a small, fast, seedable generator of numbers in [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The delays of the statements of one local Redshift.
 *
 * @example
 * const latency = new StatementLatency({ profile: 'realistic', seed: 7 });
 * const { queueMs, compileMs } = latency.next(['select 1']);
 */
export class StatementLatency {
  readonly #enabled: boolean;
  readonly #random: () => number;
  readonly #phases: { queue: LatencyPhase; compile: LatencyPhase; cachedCompile: LatencyPhase };
  readonly #compiled = new Set<string>();
  /** Per session, the pickup of its latest statement: a session's statements reach the engine in order. */
  readonly #sessionTails = new Map<string, Promise<unknown>>();
  /** Statements waiting out a delay, and how to end the wait early (CancelStatement). */
  readonly #waiting = new Map<string, () => void>();

  constructor(options: LatencyOptions = { profile: 'fast' }) {
    this.#enabled = options.profile === 'realistic';
    this.#random = generator(options.seed ?? 1);
    this.#phases = {
      queue: { ...defaults.queue, ...options.queue },
      compile: { ...defaults.compile, ...options.compile },
      cachedCompile: { ...defaults.cachedCompile, ...options.cachedCompile },
    };
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  /** The queue and compile delays of a statement of `sqls`; both 0 when the profile is `fast`. */
  next(sqls: readonly string[]): { queueMs: number; compileMs: number } {
    if (!this.#enabled) return { queueMs: 0, compileMs: 0 };
    const queueMs = this.#draw(this.#phases.queue);
    let compileMs = 0;
    for (const sql of sqls) {
      const key = sql.replace(/\s+/g, ' ').trim().toLowerCase();
      compileMs += this.#draw(this.#compiled.has(key) ? this.#phases.cachedCompile : this.#phases.compile);
      this.#compiled.add(key);
    }
    return { queueMs, compileMs };
  }

  /**
   * Runs `pickup` after the pickup of the session's previous statement has ended, so random delays
   * never hand a session's statements to the engine out of order. Without a session: at once.
   */
  inSessionOrder<T>(sessionId: string | undefined, pickup: () => Promise<T>): Promise<T> {
    if (sessionId === undefined) return pickup();
    const previous = this.#sessionTails.get(sessionId) ?? Promise.resolve();
    const mine = previous.then(pickup);
    // The tail only orders: its outcome is the statement's own, handled by its caller.
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.#sessionTails.set(sessionId, tail);
    void tail.then(() => {
      if (this.#sessionTails.get(sessionId) === tail) this.#sessionTails.delete(sessionId);
    });
    return mine;
  }

  /**
   * Waits `ms` for statement `id`; resolves true when the time is up, false when
   * {@link StatementLatency.cancelWaiting} ended the wait first.
   */
  wait(id: string, ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        resolve(true);
      }, ms);
      this.#waiting.set(id, () => {
        clearTimeout(timer);
        this.#waiting.delete(id);
        resolve(false);
      });
    });
  }

  /** Ends the wait of statement `id` (cancelled while SUBMITTED or PICKED); false when it is not waiting. */
  cancelWaiting(id: string): boolean {
    const cancel = this.#waiting.get(id);
    cancel?.();
    return cancel !== undefined;
  }

  /** A log-normal draw (Box–Muller) around the phase's median, shifted by its minimum, capped at its maximum. */
  #draw(phase: LatencyPhase): number {
    const u1 = Math.max(this.#random(), Number.MIN_VALUE);
    const u2 = this.#random();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const value = phase.minimum + phase.median * Math.exp(phase.spread * normal);
    return Math.round(Math.min(phase.maximum, Math.max(phase.minimum, value)));
  }
}
