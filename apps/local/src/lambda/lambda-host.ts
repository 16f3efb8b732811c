import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LambdaBundleError, LambdaInvocationError, LambdaTimeoutError, LocalAppError } from '../errors';
import type { LambdaFunctionDefinition, LambdaHostOptions } from './lambda-function-definition';
import { LambdaSandbox } from './lambda-sandbox';

export type { LambdaFunctionDefinition, LambdaHostOptions } from './lambda-function-definition';

/** The result of an asynchronous invocation once every attempt is done. */
export type AsyncInvocationOutcome =
  | { status: 'succeeded'; requestId: string; attempts: number; value: unknown }
  | {
      status: 'dead-lettered';
      requestId: string;
      attempts: number;
      error: LambdaInvocationError | LambdaTimeoutError;
      deadLetterFile: string;
    };

/**
 * Runs Lambda handler bundles locally the way Lambda does: each function in its own warm
 * worker thread with its own environment, a Lambda-shaped context, a timeout, and for
 * asynchronous invocations retries with backoff and a dead-letter folder.
 *
 * @example
 * const host = new LambdaHost({ deadLetterDirectory: '.shiftflow/dead-letter' });
 * host.register({ name: 'runner', bundle: 'packages/elt-runner/dist/lambda/index.mjs', environment });
 * const result = await host.invoke('runner', event);
 * await host.close();
 */
export class LambdaHost {
  readonly #options: Required<Omit<LambdaHostOptions, 'onLog'>> & Pick<LambdaHostOptions, 'onLog'>;
  readonly #definitions = new Map<string, LambdaFunctionDefinition>();
  readonly #sandboxes = new Map<string, LambdaSandbox>();
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly #inFlight = new Set<Promise<AsyncInvocationOutcome>>();
  #closed = false;

  constructor(options: LambdaHostOptions) {
    this.#options = { region: 'us-east-1', account: '123456789012', ...options };
  }

  /** Adds a function; its bundle must exist. */
  register(definition: LambdaFunctionDefinition): void {
    if (!existsSync(definition.bundle)) {
      throw new LambdaBundleError(
        definition.bundle,
        `the bundle of ${definition.name} does not exist: ${definition.bundle} (build its package first)`,
      );
    }
    const retries = definition.maximumRetryAttempts ?? 2;
    if (!Number.isInteger(retries) || retries < 0 || retries > 2) {
      throw new LocalAppError(
        'LAMBDA_CONFIG',
        `maximumRetryAttempts of ${definition.name} must be 0, 1 or 2, got ${retries}`,
      );
    }
    this.#definitions.set(definition.name, definition);
  }

  /**
   * Invokes a function and waits for its result (invocation type RequestResponse).
   * Invocations of one function run one after another, like a function with reserved concurrency 1.
   *
   * @throws LambdaInvocationError when the handler throws; LambdaTimeoutError after its timeout.
   */
  invoke<Result = unknown>(
    functionName: string,
    event: unknown,
    requestId: string = randomUUID(),
  ): Promise<Result> {
    const definition = this.#definition(functionName);
    const previous = this.#queues.get(functionName) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined) // the previous invocation's failure belongs to its own caller
      .then(() => {
        if (this.#closed) throw new LocalAppError('LAMBDA_HOST_CLOSED', `the Lambda host is closed`);
        return this.#sandbox(definition).invoke(event, requestId, definition.timeoutMs ?? 30_000);
      });
    this.#queues.set(functionName, run);
    // The handler's JSON result, typed as the caller declares it and not checked here: a caller that
    // reads fields of a handler it does not own parses the result with that package's schema.
    return run as Promise<Result>;
  }

  /**
   * Invokes a function asynchronously (invocation type Event): returns at once; a failed attempt
   * is retried after a delay up to `maximumRetryAttempts` times, then the event is written to the
   * dead-letter folder. `outcome` settles when all of that is done and never rejects.
   */
  invokeAsync(
    functionName: string,
    event: unknown,
  ): { requestId: string; outcome: Promise<AsyncInvocationOutcome> } {
    const definition = this.#definition(functionName);
    const requestId = randomUUID();
    const retries = definition.maximumRetryAttempts ?? 2;
    const delays = definition.retryDelaysMs ?? [1000, 2000];
    const attempt = async (): Promise<AsyncInvocationOutcome> => {
      let lastError: LambdaInvocationError | LambdaTimeoutError | undefined;
      for (let attempts = 1; attempts <= retries + 1; attempts++) {
        if (attempts > 1) await sleep(delays[attempts - 2] ?? delays[delays.length - 1] ?? 1000);
        try {
          const value = await this.invoke(functionName, event, requestId);
          return { status: 'succeeded', requestId, attempts, value };
        } catch (error) {
          // Whatever failed the attempt (also a host closed meanwhile), the event is kept, not lost.
          lastError =
            error instanceof LambdaInvocationError || error instanceof LambdaTimeoutError
              ? error
              : new LambdaInvocationError(
                  functionName,
                  requestId,
                  error instanceof Error ? error.name : 'Error',
                  error instanceof Error ? error.message : String(error),
                  { cause: error },
                );
          if (this.#closed) break;
        }
      }
      const deadLetterFile = await this.#deadLetter(functionName, requestId, event, lastError!, retries + 1);
      return { status: 'dead-lettered', requestId, attempts: retries + 1, error: lastError!, deadLetterFile };
    };
    const outcome = attempt();
    this.#inFlight.add(outcome);
    const forget = () => this.#inFlight.delete(outcome);
    // Both paths handled here; the caller gets the outcome (or the dead-letter write's error) itself.
    outcome.then(forget, forget);
    return { requestId, outcome };
  }

  /** Waits until every asynchronous invocation started so far has finished all its attempts. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Starts every registered function's sandbox now, so their bundles load before the first invocation. */
  prewarm(): void {
    for (const definition of this.#definitions.values()) this.#sandbox(definition);
  }

  /** Stops every worker. Invocations still running fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const sandboxes = [...this.#sandboxes.values()];
    this.#sandboxes.clear();
    await Promise.all(sandboxes.map((sandbox) => sandbox.worker.terminate()));
  }

  #definition(functionName: string): LambdaFunctionDefinition {
    const definition = this.#definitions.get(functionName);
    if (!definition) {
      const known = [...this.#definitions.keys()].join(', ') || 'none';
      throw new LocalAppError(
        'LAMBDA_UNKNOWN_FUNCTION',
        `no function "${functionName}" (registered: ${known})`,
      );
    }
    return definition;
  }

  #sandbox(definition: LambdaFunctionDefinition): LambdaSandbox {
    const existing = this.#sandboxes.get(definition.name);
    if (existing && !existing.broken) return existing;
    if (existing) void existing.worker.terminate();
    const sandbox = new LambdaSandbox(
      { ...definition, handler: definition.handler ?? 'handler' },
      this.#options,
    );
    // Worker threads keep the process alive; a warm sandbox should not.
    sandbox.worker.unref();
    this.#sandboxes.set(definition.name, sandbox);
    return sandbox;
  }

  async #deadLetter(
    functionName: string,
    requestId: string,
    event: unknown,
    error: LambdaInvocationError | LambdaTimeoutError,
    attempts: number,
  ): Promise<string> {
    const directory = path.join(this.#options.deadLetterDirectory, functionName);
    await mkdir(directory, { recursive: true });
    const failedAt = new Date().toISOString();
    const file = path.join(directory, `${failedAt.replaceAll(':', '-')}-${requestId}.json`);
    const errorType = error instanceof LambdaInvocationError ? error.errorType : 'Sandbox.Timedout';
    const record = {
      functionName,
      requestId,
      failedAt,
      attempts,
      errorCode: errorType,
      errorMessage: error.message,
      event,
    };
    await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
    return file;
  }
}
