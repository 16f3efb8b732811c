import { describe, expect, it } from 'vitest';
import type { EngineRequest, EngineStatementOutcome } from './engine';
import { PostgresSessionLanes, type PostgresSessionRunner } from './postgres-session-lanes';

interface FakeConnection {
  id: number;
  released: boolean[];
  release(destroy?: boolean | Error): void;
}

/** A runner whose requests finish when the test says so; it keeps the order they started in. */
function fakeRunner() {
  const started: string[] = [];
  const connections: FakeConnection[] = [];
  const finishers = new Map<string, () => void>();
  const runner: PostgresSessionRunner<FakeConnection> = {
    async connect() {
      const released: boolean[] = [];
      const connection = {
        id: connections.length + 1,
        released,
        release: (destroy?: boolean | Error) => released.push(destroy === true),
      };
      connections.push(connection);
      return connection;
    },
    run(connection, request) {
      started.push(`${request.executionId}@${connection.id}`);
      return new Promise<EngineStatementOutcome[]>((resolve) => {
        finishers.set(request.executionId, () => resolve(finished));
      });
    },
  };
  const finish = async (executionId: string) => {
    await expect.poll(() => finishers.has(executionId)).toBe(true);
    finishers.get(executionId)?.();
  };
  return { runner, started, connections, finish };
}

function request(executionId: string): EngineRequest {
  return { executionId, statements: [{ sql: 'SELECT 1', values: [] }], transaction: false };
}

const finished: EngineStatementOutcome[] = [
  { status: 'finished', fields: [], rows: [], rowCount: 0, command: 'SELECT', startedAt: 1, endedAt: 2 },
];

describe('PostgresSessionLanes', () => {
  it("runs a session's requests one after the other on one connection", async () => {
    const { runner, started, connections, finish } = fakeRunner();
    const sessions = new PostgresSessionLanes(runner);

    const first = sessions.run('s1', request('e1'));
    const second = sessions.run('s1', request('e2'));
    await expect.poll(() => started).toEqual(['e1@1']);
    // A turn of the event loop: time enough for a second request that did not wait to start.
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['e1@1']);
    await finish('e1');
    await expect(first).resolves.toEqual(finished);
    await finish('e2');

    await expect(second).resolves.toEqual(finished);
    expect(started).toEqual(['e1@1', 'e2@1']);
    expect(connections).toHaveLength(1);
  });

  it('gives each session a connection of its own', async () => {
    const { runner, started, finish } = fakeRunner();
    const sessions = new PostgresSessionLanes(runner);

    const first = sessions.run('s1', request('e1'));
    const second = sessions.run('s2', request('e2'));
    await finish('e1');
    await finish('e2');
    await Promise.all([first, second]);

    expect(started).toHaveLength(2);
    expect(new Set(started.map((entry) => entry.split('@')[1])).size).toBe(2);
  });

  it('answers a queued request aborted when it is cancelled, and never runs it', async () => {
    const { runner, started, finish } = fakeRunner();
    const sessions = new PostgresSessionLanes(runner);
    const first = sessions.run('s1', request('e1'));
    const queued = sessions.run('s1', request('e2'));

    expect(sessions.cancelQueued('e2')).toBe(true);

    await expect(queued).resolves.toMatchObject([
      { status: 'aborted', message: 'cancelled before it started' },
    ]);
    await finish('e1');
    await first;
    await sessions.end('s1');
    expect(started).toEqual(['e1@1']);
  });

  it('does not cancel a request that is already running', async () => {
    const { runner, started, finish } = fakeRunner();
    const sessions = new PostgresSessionLanes(runner);
    const first = sessions.run('s1', request('e1'));
    await expect.poll(() => started).toEqual(['e1@1']);

    expect(sessions.cancelQueued('e1')).toBe(false);
    await finish('e1');

    await expect(first).resolves.toEqual(finished);
  });

  it("destroys a session's connection when the session ends, after its running request", async () => {
    const { runner, connections, finish } = fakeRunner();
    const sessions = new PostgresSessionLanes(runner);
    const first = sessions.run('s1', request('e1'));
    await expect.poll(() => connections.length).toBe(1);

    const ended = sessions.end('s1');
    expect(connections[0]?.released).toEqual([]);
    await finish('e1');
    await ended;
    await first;

    expect(connections[0]?.released).toEqual([true]);
  });
});
