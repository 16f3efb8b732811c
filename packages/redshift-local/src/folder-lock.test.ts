import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderLockError } from './errors';
import { type FolderLock, tryLockFolder } from './folder-lock';

let folder: string;
const held: FolderLock[] = [];

async function lock(options: Parameters<typeof tryLockFolder>[1] = {}) {
  const attempt = await tryLockFolder(folder, options);
  if (attempt.status === 'locked') held.push(attempt.lock);
  return attempt;
}

beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'folder-lock-'));
});
afterEach(() => {
  for (const each of held.splice(0)) each.release();
  rmSync(folder, { recursive: true, force: true });
});

describe('tryLockFolder', () => {
  it('gives the folder to one holder at a time, even within one process, until it is released', async () => {
    const first = await lock();
    const second = await lock();

    expect(first.status).toBe('locked');
    expect(second.status).toBe('busy');
    if (first.status === 'locked') first.lock.release();
    expect((await lock()).status).toBe('locked');
  });

  it('lets shared holders in together but keeps an exclusive one out', async () => {
    const probes = [await lock({ shared: true }), await lock({ shared: true })];

    expect(probes.map((probe) => probe.status)).toEqual(['locked', 'locked']);
    expect((await lock()).status).toBe('busy');
  });

  it('takes the same lock through perl as through flock, so the two tools exclude each other', async () => {
    const byPerl = await lock({ lockers: ['perl'] });

    expect(byPerl).toMatchObject({ status: 'locked', lock: { locker: 'perl' } });
    expect((await lock({ lockers: ['flock'] })).status).toBe('busy');
    if (byPerl.status === 'locked') byPerl.lock.release();
    expect((await lock({ lockers: ['flock'] })).status).toBe('locked');
    expect((await lock({ lockers: ['perl'] })).status).toBe('busy');
  });

  it('is busy while another process holds the folder and free once that process is SIGKILLed', async () => {
    // perl holding the folder in a process of its own: the kernel's lock, no shiftflow code.
    const holder = spawn(
      'perl',
      [
        '-e',
        'use Fcntl ":flock"; open(my $d, "<", $ARGV[0]) or die; flock($d, LOCK_EX) or die; $| = 1; print "locked\n"; sleep 600',
        folder,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(holder.stdout, 'data');

    expect((await lock()).status).toBe('busy');
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect((await lock()).status).toBe('locked');
  });

  it('says unsupported when no locking tool is available', async () => {
    expect(await lock({ lockers: [] })).toEqual({
      status: 'unsupported',
      reason: 'no locking tool found on the PATH (tried: none)',
    });
  });

  it('refuses a path that is not a folder, naming it', async () => {
    const file = path.join(folder, 'file');
    writeFileSync(file, 'x');

    await expect(tryLockFolder(file)).rejects.toThrow(FolderLockError);
    await expect(tryLockFolder(file)).rejects.toThrow(`could not lock ${file}: it is not a folder`);
  });
});
