import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LambdaBundleError, LambdaInvocationError, LambdaTimeoutError } from '../errors';
import { LambdaHost } from './lambda-host';

let directory: string;
let host: LambdaHost;

async function bundle(name: string, source: string): Promise<string> {
  const file = path.join(directory, `${name}.mjs`);
  await writeFile(file, source);
  return file;
}

async function waitForFile(file: string): Promise<void> {
  for (let polls = 0; polls < 600; polls++) {
    try {
      await readFile(file);
      return;
    } catch {
      // Not there yet: the worker is still starting or running the handler.
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`${file} never appeared`);
}

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'lambda-host-'));
  host = new LambdaHost({ deadLetterDirectory: path.join(directory, 'dead-letter') });
});

afterEach(async () => {
  await host.close();
  await rm(directory, { recursive: true, force: true });
});

describe('LambdaHost', () => {
  it('invokes the handler with the event, a Lambda-shaped context and its own environment', async () => {
    const file = await bundle(
      'echo',
      `export const handler = async (event, context) => ({
        event, functionName: context.functionName, requestId: context.awsRequestId,
        arn: context.invokedFunctionArn, memory: context.memoryLimitInMB,
        remaining: context.getRemainingTimeInMillis(), greeting: process.env.GREETING,
        region: process.env.AWS_REGION, home: process.env.HOME ?? null });`,
    );
    host.register({ name: 'echo', bundle: file, environment: { GREETING: 'hello' }, timeoutMs: 5000 });

    const result = await host.invoke<Record<string, unknown>>('echo', { a: 1 }, 'request-1');

    expect(result).toMatchObject({
      event: { a: 1 },
      functionName: 'echo',
      requestId: 'request-1',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
      memory: '256',
      greeting: 'hello',
      region: 'us-east-1',
      home: null,
    });
    expect(result.remaining).toBeGreaterThan(4000);
    expect(result.remaining).toBeLessThanOrEqual(5000);
    expect(process.env.GREETING).toBeUndefined();
  });

  it('gives each function its own environment even when they run at the same time', async () => {
    const source = `export const handler = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return process.env.TOPIC_ARN; };`;
    host.register({
      name: 'one',
      bundle: await bundle('one', source),
      environment: { TOPIC_ARN: 'topic-1' },
    });
    host.register({
      name: 'two',
      bundle: await bundle('two', source),
      environment: { TOPIC_ARN: 'topic-2' },
    });

    const results = await Promise.all([
      host.invoke('one', {}),
      host.invoke('two', {}),
      host.invoke('one', {}),
    ]);

    expect(results).toEqual(['topic-1', 'topic-2', 'topic-1']);
  });

  it('keeps the sandbox warm between invocations', async () => {
    const file = await bundle('counter', 'let calls = 0; export const handler = async () => ++calls;');
    host.register({ name: 'counter', bundle: file, environment: {} });

    expect(await host.invoke('counter', {})).toBe(1);
    expect(await host.invoke('counter', {})).toBe(2);
  });

  it('throws LambdaInvocationError with the error type when the handler throws', async () => {
    const file = await bundle(
      'fails',
      `export const handler = async () => { throw new TypeError('bad input 42'); };`,
    );
    host.register({ name: 'fails', bundle: file, environment: {} });

    const error = await host.invoke('fails', {}).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LambdaInvocationError);
    expect(error).toMatchObject({ errorType: 'TypeError', functionName: 'fails' });
    expect((error as Error).message).toContain('bad input 42');
  });

  it('stops an invocation at its timeout and starts a fresh sandbox for the next one', async () => {
    const file = await bundle(
      'slow',
      `let calls = 0; export const handler = async (event) => { calls++;
        if (event.hang) await new Promise(() => setInterval(() => {}, 1000)); return calls; };`,
    );
    host.register({ name: 'slow', bundle: file, environment: {}, timeoutMs: 200 });

    const error = await host.invoke('slow', { hang: true }).catch((caught: unknown) => caught);
    const next = await host.invoke('slow', { hang: false });

    expect(error).toBeInstanceOf(LambdaTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200 });
    expect(next).toBe(1);
  });

  it('does not count the init phase (importing the bundle) against the function timeout, as Lambda does', async () => {
    const file = await bundle(
      'slow-init',
      `await new Promise((resolve) => setTimeout(resolve, 600));
       export const handler = async () => 'ready';`,
    );
    host.register({ name: 'slow-init', bundle: file, environment: {}, timeoutMs: 200 });

    await expect(host.invoke('slow-init', {})).resolves.toBe('ready');
  });

  it('retries a failed asynchronous invocation with backoff and returns the successful attempt', async () => {
    const counter = path.join(directory, 'attempts.txt');
    const file = await bundle(
      'flaky',
      `import { appendFileSync, readFileSync } from 'node:fs';
       export const handler = async () => {
         appendFileSync(${JSON.stringify(counter)}, String(Date.now()) + '\\n');
         const attempts = readFileSync(${JSON.stringify(counter)}, 'utf8').trim().split('\\n');
         if (attempts.length < 3) throw new Error('attempt ' + attempts.length + ' fails');
         return 'done';
       };`,
    );
    host.register({ name: 'flaky', bundle: file, environment: {}, retryDelaysMs: [100, 200] });

    const { outcome } = host.invokeAsync('flaky', { id: 7 });
    const result = await outcome;

    expect(result).toMatchObject({ status: 'succeeded', attempts: 3, value: 'done' });
    const times = (await readFile(counter, 'utf8')).trim().split('\n').map(Number);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(90);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(190);
  });

  it('writes the event to the dead-letter folder when every attempt fails', async () => {
    const file = await bundle(
      'broken',
      `export const handler = async () => { throw new RangeError('always'); };`,
    );
    host.register({
      name: 'broken',
      bundle: file,
      environment: {},
      maximumRetryAttempts: 1,
      retryDelaysMs: [10],
    });

    const { requestId, outcome } = host.invokeAsync('broken', { statementId: 'abc' });
    const result = await outcome;

    expect(result.status).toBe('dead-lettered');
    expect(result.attempts).toBe(2);
    const files = await readdir(path.join(directory, 'dead-letter', 'broken'));
    expect(files).toHaveLength(1);
    expect(files[0]).toContain(requestId);
    const record = JSON.parse(
      await readFile(path.join(directory, 'dead-letter', 'broken', files[0]!), 'utf8'),
    );
    expect(record).toMatchObject({
      functionName: 'broken',
      requestId,
      attempts: 2,
      errorCode: 'RangeError',
      event: { statementId: 'abc' },
    });
    expect(record.errorMessage).toContain('always');
  });

  it('keeps the event in the dead-letter folder when the host closes between attempts', async () => {
    // The first attempt leaves a marker and fails; the host then waits 5 s before the retry, and
    // closes in that wait (no fixed sleep: a loaded machine may start the worker slowly).
    const marker = path.join(directory, 'attempted');
    const file = await bundle(
      'closing',
      `import { writeFileSync } from 'node:fs';
export const handler = async () => { writeFileSync(${JSON.stringify(marker)}, '1'); throw new Error('not yet'); };`,
    );
    host.register({ name: 'closing', bundle: file, environment: {}, retryDelaysMs: [5000] });

    const { outcome } = host.invokeAsync('closing', { id: 'kept' });
    await waitForFile(marker);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await host.close();
    const result = await outcome;

    expect(result.status).toBe('dead-lettered');
    expect(result.status === 'dead-lettered' && result.error.message).toContain('closed');
    const files = await readdir(path.join(directory, 'dead-letter', 'closing'));
    expect(files).toHaveLength(1);
  });

  it('counts a timeout as a failed attempt of an asynchronous invocation', async () => {
    const file = await bundle(
      'hangs',
      `export const handler = () => new Promise(() => setInterval(() => {}, 1000));`,
    );
    host.register({ name: 'hangs', bundle: file, environment: {}, timeoutMs: 100, maximumRetryAttempts: 0 });

    const result = await host.invokeAsync('hangs', {}).outcome;

    expect(result.status).toBe('dead-lettered');
    expect(result.status === 'dead-lettered' && result.error).toBeInstanceOf(LambdaTimeoutError);
  });

  it('refuses a bundle that does not exist and names it', () => {
    const missing = path.join(directory, 'missing.mjs');

    expect(() => host.register({ name: 'missing', bundle: missing, environment: {} })).toThrow(
      LambdaBundleError,
    );
    expect(() => host.register({ name: 'missing', bundle: missing, environment: {} })).toThrow(missing);
  });

  it('fails with the exports it found when the handler export is missing', async () => {
    const file = await bundle('other', 'export const reconcile = async () => 1;');
    host.register({ name: 'other', bundle: file, environment: {} });

    const error = await host.invoke('other', {}).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LambdaInvocationError);
    expect((error as Error).message).toContain('exports no function "handler" (it exports reconcile)');
  });

  it('passes every log line of the function to onLog', async () => {
    const lines: string[] = [];
    const logging = new LambdaHost({
      deadLetterDirectory: path.join(directory, 'dead-letter'),
      onLog: (name, line) => lines.push(`${name}: ${line}`),
    });
    const file = await bundle(
      'logs',
      `export const handler = async () => { console.log(JSON.stringify({ level: 'INFO' })); return 1; };`,
    );
    logging.register({ name: 'logs', bundle: file, environment: {} });

    await logging.invoke('logs', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    await logging.close();

    expect(lines).toEqual(['logs: {"level":"INFO"}']);
  });
});
