/**
 * Which request PGlite's single connection runs next, so that Data API sessions stay apart.
 *
 * A kept-alive session that leaves a transaction open *holds* the connection: only its own requests
 * run until it commits, rolls back or ends, and every other request waits, as a client waits for a
 * lock on Redshift (there, only clients touching the same tables wait; here, all do). So that no
 * client can leave the engine unusable for the others (a session that opened a transaction and went
 * away), a hold that keeps others waiting longer than `holdMs` ends: the session's transaction is
 * rolled back and its next statement fails saying so, as PostgreSQL's
 * `idle_in_transaction_session_timeout` would end it. A transaction that already failed (a statement
 * after BEGIN failed: it can only be rolled back) is rolled back as soon as another request waits, so
 * `BEGIN` and a failing statement never hold up the scheduled ELT. Each session gets its own RedshiftPid.
 */

/** A request as the scheduler sees it. */
export interface ScheduledRequest {
  sessionKey?: string | undefined;
}

/** First RedshiftPid handed out: Redshift's process ids are around 2^30 (1073741824). */
const firstPid = 1_073_741_824 + 10_000;

/**
 * The scheduling state of one PGlite engine.
 *
 * @example
 * const scheduler = new PgliteSessionScheduler(60_000);
 * const index = scheduler.nextIndex(queue); // -1: the holder's session has nothing queued
 */
export class PgliteSessionScheduler {
  readonly #holdMs: number;
  #holder: string | undefined;
  #holdTimer: NodeJS.Timeout | undefined;
  /** The holder's transaction failed: nothing but a rollback can end it. */
  #holderFailed = false;
  readonly #pids = new Map<string, number>();
  #nextPid = firstPid;
  readonly #refusals = new Map<string, string>();

  constructor(holdMs: number) {
    this.#holdMs = holdMs;
  }

  /** The session whose open transaction holds the connection, if any. */
  get holder(): string | undefined {
    return this.#holder;
  }

  /** The RedshiftPid of a request: its session's, or a new one for a session-less request. */
  pidFor(request: ScheduledRequest): number {
    if (request.sessionKey === undefined) return this.#nextPid++;
    let pid = this.#pids.get(request.sessionKey);
    if (pid === undefined) {
      pid = this.#nextPid++;
      this.#pids.set(request.sessionKey, pid);
    }
    return pid;
  }

  /** Index in `queue` of the request to run next; -1 when only the holder's requests may run and none is queued. */
  nextIndex(queue: readonly ScheduledRequest[]): number {
    if (this.#holder === undefined) return queue.length > 0 ? 0 : -1;
    return queue.findIndex((pending) => pending.sessionKey === this.#holder);
  }

  /**
   * A request ran: its session holds the connection while its transaction is open; `failed`: a
   * statement of it failed, so the open transaction is a failed one.
   */
  ran(request: ScheduledRequest, inTransaction: boolean, failed: boolean): void {
    const holder = inTransaction && request.sessionKey !== undefined ? request.sessionKey : undefined;
    if (holder !== this.#holder) this.#clearTimer();
    this.#holder = holder;
    this.#holderFailed = holder !== undefined && failed;
  }

  /**
   * Others wait behind the holder: after `holdMs`, `expire(holder)` is called once (unless the holder
   * moved on first), to roll the holder's transaction back.
   */
  othersWaiting(expire: (holder: string) => void): void {
    const holder = this.#holder;
    if (holder === undefined || this.#holdTimer !== undefined) return;
    const failed = this.#holderFailed;
    const reason = failed
      ? 'it had failed (a statement in it failed) and other statements were waiting'
      : `it kept other statements waiting for ${this.#holdMs / 1000} s`;
    this.#holdTimer = setTimeout(
      () => {
        this.#holdTimer = undefined;
        if (this.#holder !== holder) return;
        this.#refusals.set(
          holder,
          `the session's open transaction was rolled back: ${reason} (the local Redshift's PGlite engine runs one ` +
            'transaction at a time; commit or roll back sooner, or use the PostgreSQL engine)',
        );
        expire(holder);
      },
      failed ? 0 : this.#holdMs,
    );
    this.#holdTimer.unref();
  }

  /** A request starts: the holder's own request stops its hold's clock (it is not idle). */
  picked(request: ScheduledRequest): void {
    if (request.sessionKey !== undefined && request.sessionKey === this.#holder) this.#clearTimer();
  }

  /** The refusal owed to the session's next statement (its transaction was rolled back), taken once. */
  takeRefusal(sessionKey: string | undefined): string | undefined {
    if (sessionKey === undefined) return undefined;
    const refusal = this.#refusals.get(sessionKey);
    this.#refusals.delete(sessionKey);
    return refusal;
  }

  /** The session ended: its pid and refusal are forgotten. */
  forget(sessionKey: string): void {
    this.#pids.delete(sessionKey);
    this.#refusals.delete(sessionKey);
    if (this.#holder === sessionKey) {
      this.#holder = undefined;
      this.#clearTimer();
    }
  }

  /** The connection was reopened (cancel, crash): no transaction is open any more. */
  restarted(): void {
    this.#holder = undefined;
    this.#clearTimer();
  }

  #clearTimer(): void {
    if (this.#holdTimer !== undefined) clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
  }
}
