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
