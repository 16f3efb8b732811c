/**
 * What a starting pipeline has to stop again: each step pushes its closer as it starts something,
 * and `close` runs them the last pushed first (the engine lock, pushed first, is released last).
 *
 * @example
 * const closers = new CloseStack();
 * closers.push(() => lock.release());
 * closers.push(() => sns.close());
 * await closers.close(); // closes SNS, then releases the lock
 */
export class CloseStack {
  readonly #closers: (() => Promise<void>)[] = [];

  push(closer: () => Promise<void>): void {
    this.#closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.#closers.reverse()) await closer();
  }
}
