import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireEngineLock, engineLockHolder } from './engine-lock';
import { type StateLayout, stateLayout } from './state-layout';

let state: StateLayout;

beforeEach(async () => {
  state = stateLayout(await mkdtemp(path.join(tmpdir(), 'engine-lock-')));
});
afterEach(async () => {
  await rm(state.root, { recursive: true, force: true });
});

describe('acquireEngineLock', () => {
  it('records this process and its endpoint, and removes the lock on release', async () => {
    const lock = await acquireEngineLock(state, 'dev');
    await lock.setEndpoint('http://127.0.0.1:5555');

    expect(JSON.parse(await readFile(state.engineLock, 'utf8'))).toEqual({
      pid: process.pid,
      command: 'dev',
      endpoint: 'http://127.0.0.1:5555',
    });
    await lock.release();
    await expect(readFile(state.engineLock, 'utf8')).rejects.toThrow();
  });

  it('refuses while another live process holds the engine, naming it', async () => {
    await writeFile(
      state.engineLock,
      JSON.stringify({ pid: process.ppid, command: 'serve', endpoint: 'http://127.0.0.1:1' }),
    );

    expect(await engineLockHolder(state)).toMatchObject({ pid: process.ppid, command: 'serve' });
    await expect(acquireEngineLock(state, 'run')).rejects.toThrow(
      `in use by "shiftflow serve" (pid ${process.ppid}`,
    );
  });

  it('takes over a lock left by a process that died', async () => {
    await writeFile(state.engineLock, JSON.stringify({ pid: 2 ** 22 + 12345, command: 'dev' }));

    expect(await engineLockHolder(state)).toBeUndefined();
    const lock = await acquireEngineLock(state, 'run');
    await lock.release();
  });
});

describe('acquireEngineLock taken by two processes at once', () => {
  it('gives the engine to exactly one of them and refuses the other, naming the winner', async () => {
    const alive = () => true;

    const attempts = await Promise.allSettled([
      acquireEngineLock(state, 'run', { pid: 1_000_001, isAlive: alive }),
      acquireEngineLock(state, 'dev', { pid: 1_000_002, isAlive: alive }),
    ]);

    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const lost = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const holder = JSON.parse(await readFile(state.engineLock, 'utf8')) as { pid: number; command: string };
    expect(String((lost[0] as PromiseRejectedResult).reason)).toContain(
      `in use by "shiftflow ${holder.command}" (pid ${holder.pid}`,
    );
  });

  it('never shows another process a lock without its holder while the endpoint is recorded', async () => {
    const lock = await acquireEngineLock(state, 'dev', { pid: 1_000_003, isAlive: () => true });
    const other = { pid: 1_000_004, isAlive: () => true };

    const holders = await Promise.all([
      lock.setEndpoint('http://127.0.0.1:5555'),
      ...Array.from({ length: 20 }, () => engineLockHolder(state, other)),
    ]);

    for (const holder of holders.slice(1)) expect(holder).toMatchObject({ pid: 1_000_003, command: 'dev' });
  });
});
