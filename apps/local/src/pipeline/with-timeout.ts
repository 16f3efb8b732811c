/**
 * The promise's value, or undefined after `milliseconds`; the timer never outlives the promise.
 *
 * @example
 * const outcome = await withTimeout(announced.promise, 5000); // undefined when it did not come
 */
export async function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), milliseconds);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
