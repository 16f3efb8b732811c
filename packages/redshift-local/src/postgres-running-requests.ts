/**
 * The PostgreSQL engine's requests that are running now: the backend each runs on (the one
 * `pg_cancel_backend` is sent to) and whether the user cancelled it, so that the statement PostgreSQL
 * then stops (SQLSTATE 57014) and those after it are reported aborted rather than failed.
 */

/**
 * Running requests by execution id.
 *
 * @example
 * running.start('e1', 4242);
 * const pid = running.cancel('e1'); // 4242: send pg_cancel_backend(4242)
 */
export class PostgresRunningRequests {
  readonly #pids = new Map<string, number>();
  readonly #cancelled = new Set<string>();

  /** The request runs on the backend `pid` from now on. */
  start(executionId: string, pid: number): void {
    this.#pids.set(executionId, pid);
  }

  /** The request is done: it is forgotten, with its cancel. */
  end(executionId: string): void {
    this.#pids.delete(executionId);
    this.#cancelled.delete(executionId);
  }

  /** Whether the user cancelled the running request. */
  isCancelled(executionId: string): boolean {
    return this.#cancelled.has(executionId);
  }

  /** Marks the request cancelled and returns its backend's pid; undefined (nothing marked) when it is not running. */
  cancel(executionId: string): number | undefined {
    const pid = this.#pids.get(executionId);
    if (pid === undefined) return undefined;
    this.#cancelled.add(executionId);
    return pid;
  }
}
