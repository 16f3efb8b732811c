/**
 * What the local Lambda host runs and how: shared by the host and its sandbox (a worker thread per
 * function), kept apart from both so neither imports the other back.
 */

/** One function the host can invoke: a handler bundle, its export and its environment. */
export interface LambdaFunctionDefinition {
  /** The function's name, as `context.functionName` and in the dead-letter folder. */
  name: string;
  /** Path of the ESM bundle, e.g. `packages/elt-runner/dist/lambda/index.mjs`. */
  bundle: string;
  /** Export to call. Defaults to `handler`. */
  handler?: string;
  /** The function's environment variables: exactly what the handler sees in `process.env`. */
  environment: Record<string, string>;
  /** Stop an invocation after this long. Defaults to 30 000 ms. */
  timeoutMs?: number;
  /** Reported as `context.memoryLimitInMB`. Defaults to 256. */
  memoryMb?: number;
  /** Retries of a failed asynchronous invocation, 0–2 like Lambda. Defaults to 2. */
  maximumRetryAttempts?: number;
  /** Wait before each retry. Defaults to 1 000 ms then 2 000 ms (Lambda waits 1 then 2 minutes). */
  retryDelaysMs?: readonly number[];
}

/** Options of {@link LambdaHost}. */
export interface LambdaHostOptions {
  /** Where events of asynchronous invocations that failed every attempt are written. */
  deadLetterDirectory: string;
  /** Defaults to `us-east-1`. */
  region?: string;
  /** Defaults to `123456789012`. */
  account?: string;
  /** Receives every line a function writes to stdout or stderr (its logs). Defaults to dropping them. */
  onLog?: (functionName: string, line: string, stream: 'stdout' | 'stderr') => void;
}
