import nodeModule from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { LambdaInvocationError, LambdaTimeoutError } from '../errors';
import type { LambdaFunctionDefinition, LambdaHostOptions } from './lambda-function-definition';
import { lambdaWorkerSource } from './lambda-worker-source';

interface PendingInvocation {
  requestId: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const serialisedErrorSchema = z.object({
  type: z.string(),
  message: z.string(),
  stack: z.string().optional(),
});

/** What the worker program ({@link lambdaWorkerSource}) posts: it is plain JavaScript, so its messages are checked. */
const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('load-error'), error: serialisedErrorSchema }),
  z.object({
    type: z.literal('result'),
    requestId: z.string(),
    ok: z.boolean(),
    value: z.unknown().optional(),
    error: serialisedErrorSchema.optional(),
  }),
]);

type WorkerMessage = z.infer<typeof workerMessageSchema>;

/** Why a sandbox's init phase failed, in Lambda's error type and message. */
interface InitFailure {
  errorType: string;
  message: string;
}

/** The function a sandbox runs: {@link LambdaFunctionDefinition} with its handler export resolved. */
export type SandboxFunction = Pick<
  LambdaFunctionDefinition,
  'name' | 'bundle' | 'environment' | 'memoryMb'
> & {
  handler: string;
};

/** The account, region and log sink every sandbox of a host shares. */
export type SandboxRuntime = Required<Pick<LambdaHostOptions, 'region' | 'account'>> &
  Pick<LambdaHostOptions, 'onLog'>;

/**
 * A warm sandbox: one worker thread per function running {@link lambdaWorkerSource}, with the function's
 * environment and Lambda's reserved variables, reused until it fails or times out.
 *
 * @example
 * const sandbox = new LambdaSandbox({ name: 'runner', bundle, handler: 'handler', environment }, runtime);
 * const value = await sandbox.invoke(event, randomUUID(), 30_000);
 * await sandbox.worker.terminate();
 */
export class LambdaSandbox {
  readonly worker: Worker;
  readonly exited: Promise<void>;
  pending: PendingInvocation | undefined;
  broken = false;
  /** Resolves when the bundle is imported (Lambda's init phase), with why it could not be if it failed. */
  readonly #initialised: Promise<InitFailure | undefined>;
  #settleInit: (failure?: InitFailure) => void = () => {};

  constructor(
    private readonly definition: SandboxFunction,
    options: SandboxRuntime,
  ) {
    const { name } = definition;
    // Nobody may be waiting yet: a failed init is kept and reported to the next invocation.
    this.#initialised = new Promise((resolve) => {
      this.#settleInit = resolve;
    });
    const environment: Record<string, string> = {
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb ?? 256),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...definition.environment,
    };
    this.worker = new Worker(lambdaWorkerSource, {
      eval: true,
      env: environment,
      stdout: true,
      stderr: true,
      workerData: {
        functionName: name,
        handlerName: definition.handler,
        bundleUrl: pathToFileURL(path.resolve(definition.bundle)).href,
        region: options.region,
        account: options.account,
        memoryMb: definition.memoryMb ?? 256,
        // Node 22.8 and later; undefined when the host runs without the compile cache.
        compileCacheDir:
          typeof nodeModule.getCompileCacheDir === 'function' ? nodeModule.getCompileCacheDir() : undefined,
      },
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const lines = createInterface({ input: this.worker[stream], crlfDelay: Number.POSITIVE_INFINITY });
      lines.on('line', (line) => options.onLog?.(name, line, stream));
    }
    this.worker.on('message', (message: unknown) => {
      const parsed = workerMessageSchema.safeParse(message);
      if (parsed.success) this.#onMessage(parsed.data);
      else
        this.#fail(
          'Runtime.InvalidMessage',
          `the runtime sent a message the host cannot read: ${parsed.error.message}`,
        );
    });
    this.worker.on('error', (error) => this.#fail(error.name, error.message, error));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        this.#fail('Runtime.ExitError', `the runtime exited with code ${code}`);
        resolve();
      });
    });
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === 'ready') {
      this.#settleInit();
      return;
    }
    if (message.type === 'load-error') {
      this.#fail('Runtime.ImportModuleError', message.error.message);
      return;
    }
    const pending = this.pending;
    if (!pending || pending.requestId !== message.requestId) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.value);
    else {
      const error = message.error ?? { type: 'Error', message: 'unknown error' };
      pending.reject(
        new LambdaInvocationError(this.definition.name, pending.requestId, error.type, error.message),
      );
    }
  }

  #fail(errorType: string, message: string, cause?: unknown): void {
    this.broken = true;
    this.#settleInit({ errorType, message });
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.reject(
      new LambdaInvocationError(this.definition.name, pending.requestId, errorType, message, { cause }),
    );
  }

  /**
   * Invokes the handler once the sandbox is initialised. As in Lambda, the function's timeout
   * covers the invocation only; the init phase (importing the bundle) has its own 10-second limit.
   */
  async invoke(event: unknown, requestId: string, timeoutMs: number): Promise<unknown> {
    await this.#waitForInit(requestId);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending?.requestId !== requestId) return;
        this.pending = undefined;
        this.broken = true;
        reject(new LambdaTimeoutError(this.definition.name, requestId, timeoutMs));
        // Like Lambda after a timeout: the sandbox is thrown away, whatever it was doing.
        void this.worker.terminate();
      }, timeoutMs);
      this.pending = { requestId, resolve, reject, timer };
      this.worker.postMessage({ type: 'invoke', requestId, event, deadline: Date.now() + timeoutMs });
    });
  }

  async #waitForInit(requestId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const initLimit = new Promise<InitFailure>((resolve) => {
      timer = setTimeout(() => {
        this.broken = true;
        void this.worker.terminate();
        resolve({
          errorType: 'Runtime.InitError',
          message: `init did not finish within ${initTimeoutMs} ms`,
        });
      }, initTimeoutMs);
    });
    const failure = await Promise.race([this.#initialised, initLimit]);
    clearTimeout(timer);
    if (failure) {
      throw new LambdaInvocationError(this.definition.name, requestId, failure.errorType, failure.message);
    }
  }
}

/** Lambda's limit on the init phase of an on-demand function. */
const initTimeoutMs = 10_000;
