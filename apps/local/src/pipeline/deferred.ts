/** A promise with its resolve function, for values that arrive from elsewhere. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T | PromiseLike<T>): void;
}

/**
 * Creates a {@link Deferred}.
 *
 * @example
 * const ended = deferred<string>();
 * setTimeout(() => ended.resolve('FINISHED'), 10);
 * await ended.promise;
 */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T | PromiseLike<T>) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** A map of deferred values created on first use by either side: the producer or the consumer. */
export class DeferredMap<T> {
  readonly #entries = new Map<string, Deferred<T>>();

  get(key: string): Deferred<T> {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = deferred<T>();
      this.#entries.set(key, entry);
    }
    return entry;
  }
}
