import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunnerDestinationHost } from './runner-destination-host';

let directory: string;
let host: RunnerDestinationHost;

async function bundle(name: string, source: string): Promise<string> {
  const file = path.join(directory, `${name}.mjs`);
  await writeFile(file, source);
  return file;
}

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'runner-destination-'));
  host = new RunnerDestinationHost(
    { deadLetterDirectory: path.join(directory, 'dead-letter') },
    { from: 'runner', to: 'reconciler' },
  );
  // The reconciler keeps what it received; a second invocation returns it.
  host.register({
    name: 'reconciler',
    bundle: await bundle(
      'reconciler',
      'const received = []; export const handler = async (event) => { if (event.read) return received; received.push(event); return { ok: true }; };',
    ),
    environment: {},
    timeoutMs: 5000,
  });
  host.register({
    name: 'runner',
    bundle: await bundle(
      'runner',
      "export const handler = async (event) => { if (event.fail) throw new Error('no'); return { status: 'started', statementId: 's-1', event }; };",
    ),
    environment: {},
    timeoutMs: 5000,
    maximumRetryAttempts: 0,
  });
  host.register({
    name: 'other',
    bundle: await bundle('other', 'export const handler = async () => ({ status: "started" });'),
    environment: {},
    timeoutMs: 5000,
  });
});

afterEach(async () => {
  await host.close();
  await rm(directory, { recursive: true, force: true });
});

describe('RunnerDestinationHost', () => {
  it('sends the record of a successful asynchronous runner invocation to the reconciler before the outcome settles', async () => {
    const outcome = await host.invokeAsync('runner', { source: 'shiftflow.manual' }).outcome;

    expect(outcome).toMatchObject({ status: 'succeeded', value: { status: 'started', statementId: 's-1' } });
    const received = await host.invoke<unknown[]>('reconciler', { read: true });
    expect(received).toEqual([
      expect.objectContaining({
        version: '1.0',
        requestContext: expect.objectContaining({
          condition: 'Success',
          functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:runner:$LATEST',
          approximateInvokeCount: 1,
        }),
        requestPayload: { source: 'shiftflow.manual' },
        responsePayload: { status: 'started', statementId: 's-1', event: { source: 'shiftflow.manual' } },
      }),
    ]);
  });

  it('sends nothing for a failed runner invocation, a synchronous one, or another function', async () => {
    const failed = await host.invokeAsync('runner', { fail: true }).outcome;
    await host.invoke('runner', { source: 'sync' });
    await host.invokeAsync('other', {}).outcome;

    expect(failed.status).toBe('dead-lettered');
    expect(await host.invoke('reconciler', { read: true })).toEqual([]);
  });
});
