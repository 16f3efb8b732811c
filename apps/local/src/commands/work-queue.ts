/**
 * Runs work one piece at a time, in the order it was given. A piece that fails goes to `onError`
 * and the pieces after it still run; the promise `enqueue` returns never rejects for it.
 *
 * @example
 * const queue = new WorkQueue((error) => console.error(error));
 * void queue.enqueue(async () => applySetup());
 * await queue.enqueue(async () => run());
 */
export class WorkQueue {
  #tail: Promise<unknown> = Promise.resolve();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Adds `work` after everything given so far; resolves once it has run (or failed and was reported). */
  enqueue(work: () => Promise<unknown>): Promise<unknown> {
    this.#tail = this.#tail.then(work).catch((error: unknown) => {
      this.#onError(error);
    });
    return this.#tail;
  }

  /** Resolves once everything given so far has run. */
  get settled(): Promise<unknown> {
    return this.#tail;
  }
}
