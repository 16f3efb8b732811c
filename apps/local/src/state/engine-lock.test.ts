import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineInUseError, StateFileError } from '../errors';
import { acquireEngineLock, engineLockHolder } from './engine-lock';
import { type StateLayout, stateLayout } from './state-layout';

let state: StateLayout;
const holders: ChildProcessByStdio<null, Readable, null>[] = [];

/** A process of its own holding the OS lock on the state folder, as another shiftflow would. */
async function holdFolderInAnotherProcess(): Promise<ChildProcessByStdio<null, Readable, null>> {
  const child = spawn(
    'perl',
    [
      '-e',
      'use Fcntl ":flock"; open(my $d, "<", $ARGV[0]) or die; flock($d, LOCK_EX) or die; $| = 1; print "locked\\n"; sleep 600',
      state.root,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  holders.push(child);
  await once(child.stdout, 'data');
  return child;
}

async function killed(child: ChildProcessByStdio<null, Readable, null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

beforeEach(async () => {
  state = stateLayout(await mkdtemp(path.join(tmpdir(), 'engine-lock-')));
});
afterEach(async () => {
  for (const child of holders.splice(0)) await killed(child);
  await rm(state.root, { recursive: true, force: true });
});

describe('acquireEngineLock', () => {
  it('records this process and its endpoint, and removes the record on release', async () => {
    const lock = await acquireEngineLock(state, 'dev');
    await lock.setEndpoint('http://127.0.0.1:5555');

    expect(JSON.parse(await readFile(state.engineLock, 'utf8'))).toEqual({
      pid: process.pid,
      command: 'dev',
      endpoint: 'http://127.0.0.1:5555',
    });
    await lock.release();
    await expect(readFile(state.engineLock, 'utf8')).rejects.toThrow();
    await (await acquireEngineLock(state, 'run')).release();
  });

  it('refuses while another process holds the folder, naming the holder its record names', async () => {
    await holdFolderInAnotherProcess();
    await writeFile(
      state.engineLock,
      JSON.stringify({ pid: 4242, command: 'serve', endpoint: 'http://127.0.0.1:1' }),
    );

    expect(await engineLockHolder(state)).toMatchObject({ pid: 4242, command: 'serve' });
    const refused = acquireEngineLock(state, 'run');
    await expect(refused).rejects.toThrow(EngineInUseError);
    await expect(acquireEngineLock(state, 'run')).rejects.toThrow(
      `the local Redshift of ${state.root} is in use by "shiftflow serve" (pid 4242, http://127.0.0.1:1)`,
    );
  });

  it('refuses while the OS lock is held even though the recorded pid does not exist here (another PID namespace)', async () => {
    await holdFolderInAnotherProcess();
    // 2^22 + 1 is above Linux's pid_max: no process here has it, as with a holder in a container.
    await writeFile(state.engineLock, JSON.stringify({ pid: 2 ** 22 + 1, command: 'dev' }));

    expect(await engineLockHolder(state)).toMatchObject({ pid: 2 ** 22 + 1 });
    await expect(acquireEngineLock(state, 'run')).rejects.toThrow(`"shiftflow dev" (pid ${2 ** 22 + 1})`);
  });

  it('refuses while the OS lock is held even though engine.lock was deleted', async () => {
    await holdFolderInAnotherProcess();

    expect(await engineLockHolder(state)).toEqual({ pid: 0, command: 'unknown' });
    await expect(acquireEngineLock(state, 'run')).rejects.toThrow(
      'its engine.lock record is missing or damaged',
    );
  });

  it('takes the engine when the recorded pid is alive but holds no lock (a reused pid, or one from another namespace)', async () => {
    await writeFile(state.engineLock, JSON.stringify({ pid: process.ppid, command: 'serve' }));

    expect(await engineLockHolder(state)).toBeUndefined();
    const lock = await acquireEngineLock(state, 'run');

    expect(JSON.parse(await readFile(state.engineLock, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('takes the engine once the process holding it was SIGKILLed', async () => {
    const holder = await holdFolderInAnotherProcess();
    await writeFile(state.engineLock, JSON.stringify({ pid: holder.pid, command: 'dev' }));
    await expect(acquireEngineLock(state, 'run')).rejects.toThrow(EngineInUseError);

    await killed(holder);
    const lock = await acquireEngineLock(state, 'run');

    await lock.release();
  });

  it('gives the engine to exactly one of two takers at once, and refuses the other', async () => {
    const attempts = await Promise.allSettled([
      acquireEngineLock(state, 'run'),
      acquireEngineLock(state, 'dev'),
    ]);

    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    const lost = attempts.find((attempt) => attempt.status === 'rejected');
    expect(String(lost?.reason)).toMatch(/in use by|already open in this process/);
    for (const attempt of attempts) if (attempt.status === 'fulfilled') await attempt.value.release();
  });

  it('says so when engine.lock is a folder, instead of a bare EISDIR', async () => {
    await mkdir(state.engineLock);

    const refused = acquireEngineLock(state, 'run');

    await expect(refused).rejects.toThrow(StateFileError);
    await expect(acquireEngineLock(state, 'run')).rejects.toThrow(
      `${state.engineLock} is a folder, but shiftflow keeps a file there; remove that folder`,
    );
  });
});
