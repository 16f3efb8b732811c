import { describe, expect, it } from 'vitest';
import type { EngineRequest, EngineStatementOutcome } from './engine';
import { PgliteRequestQueue, type PgliteRequestRunner } from './pglite-request-queue';
import { PgliteSessionScheduler } from './pglite-session-scheduler';
import type { PgliteRunMessage } from './pglite-worker-message';

/** A runner that keeps what it was sent, as the worker would receive it. */
function fakeRunner(): PgliteRequestRunner & { sent: PgliteRunMessage[] } {
  const sent: PgliteRunMessage[] = [];
  return { sent, ready: () => true, send: (message) => sent.push(message), backendPid: () => 42 };
}

function request(executionId: string, sessionKey?: string): EngineRequest {
  return { executionId, sessionKey, statements: [{ sql: 'SELECT 1', values: [] }], transaction: false };
}

const finished: EngineStatementOutcome[] = [
  { status: 'finished', fields: [], rows: [], rowCount: 0, command: 'SELECT', startedAt: 1, endedAt: 2 },
];

describe('PgliteRequestQueue', () => {
  it('sends one request at a time, the next once the worker reports the first done', async () => {
    const runner = fakeRunner();
    const requests = new PgliteRequestQueue(new PgliteSessionScheduler(60_000), runner);

    const first = requests.run(request('e1'));
    void requests.run(request('e2'));
    expect(runner.sent.map((message) => message.executionId)).toEqual(['e1']);
    requests.onWorkerMessage({ type: 'done', executionId: 'e1', outcomes: finished, inTransaction: false });

    await expect(first).resolves.toEqual(finished);
    expect(runner.sent.map((message) => message.executionId)).toEqual(['e1', 'e2']);
  });

  it('answers a queued request aborted when it is cancelled, and never sends it', async () => {
    const runner = fakeRunner();
    const requests = new PgliteRequestQueue(new PgliteSessionScheduler(60_000), runner);
    void requests.run(request('e1'));
    const queued = requests.run(request('e2'));

    expect(requests.cancelQueued('e2')).toBe(true);

    await expect(queued).resolves.toMatchObject([
      { status: 'aborted', message: 'cancelled before it started' },
    ]);
    expect(requests.cancelQueued('e2')).toBe(false);
    requests.onWorkerMessage({ type: 'done', executionId: 'e1', outcomes: finished, inTransaction: false });
    expect(runner.sent.map((message) => message.executionId)).toEqual(['e1']);
  });

  it('sends a control request ahead of the queued ones, with its session pid', () => {
    const runner = fakeRunner();
    const requests = new PgliteRequestQueue(new PgliteSessionScheduler(60_000), runner);
    void requests.run(request('e1', 'a'));
    void requests.run(request('e2'));

    void requests.control('a', 'end-session');
    requests.onWorkerMessage({ type: 'done', executionId: 'e1', outcomes: finished, inTransaction: false });

    const [first, control] = runner.sent;
    expect(control).toMatchObject({ type: 'run', sessionKey: 'a', control: 'end-session', statements: [] });
    expect(control?.sessionPid).toBe(first?.sessionPid);
  });

  it('fails the running and queued requests at close, but lets the control requests succeed', async () => {
    const requests = new PgliteRequestQueue(new PgliteSessionScheduler(60_000), fakeRunner());
    const running = requests.run(request('e1', 'a'));
    const queued = requests.run(request('e2'));
    const ended = requests.control('a', 'end-session');

    requests.closeAll(new Error('closed'));

    await expect(running).rejects.toThrow('closed');
    await expect(queued).rejects.toThrow('closed');
    await expect(ended).resolves.toBeUndefined();
    expect(requests.busy).toBe(false);
  });
});
