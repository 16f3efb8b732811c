import { type FSWatcher, watch } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SetupFolderWatch, watchSetupFolders } from './watch-setup-folders';

let directory: string;
let watching: SetupFolderWatch | undefined;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'watch-setup-'));
});
afterEach(async () => {
  watching?.close();
  watching = undefined;
  await rm(directory, { recursive: true, force: true });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

describe('watchSetupFolders', () => {
  it('calls onChange once for a burst of .sql saves', async () => {
    let changes = 0;
    // A quiet time far longer than the three writes take, even on a busy machine, so that they are one burst.
    watching = watchSetupFolders({
      directories: [directory],
      debounceMs: 1500,
      onChange: () => changes++,
      onError: (error) => {
        throw error;
      },
    });

    await writeFile(path.join(directory, '001_a.sql'), 'select 1;');
    await writeFile(path.join(directory, '002_b.sql'), 'select 2;');
    await writeFile(path.join(directory, '001_a.sql'), 'select 3;');
    await waitUntil(() => changes > 0, 30_000);
    await sleep(400);

    expect(changes).toBe(1);
  });

  it('ignores files that are not SQL', async () => {
    let changes = 0;
    watching = watchSetupFolders({
      directories: [directory],
      debounceMs: 50,
      onChange: () => changes++,
      onError: () => undefined,
    });

    await writeFile(path.join(directory, 'notes.txt'), 'not sql');
    await sleep(400);

    expect(changes).toBe(0);
  });

  it('reports a watcher error to onError instead of throwing it', async () => {
    const watchers: FSWatcher[] = [];
    const errors: { message: string; directory: string }[] = [];
    watching = watchSetupFolders({
      directories: [directory],
      onChange: () => undefined,
      onError: (error, failed) => errors.push({ message: error.message, directory: failed }),
      watchFolder: (folder, listener) => {
        const watcher = watch(folder, listener);
        watchers.push(watcher);
        return watcher;
      },
    });

    // An 'error' event without a listener would throw here.
    watchers[0]!.emit('error', new Error('EPERM: the folder went away'));

    expect(errors).toEqual([{ message: 'EPERM: the folder went away', directory }]);
  });

  it('drops a pending change when closed before the quiet time ends', async () => {
    let changes = 0;
    let saw = false;
    // Closed in the same tick as the change arrives, so the quiet time cannot have ended first,
    // however late a busy machine runs the test's own code.
    watching = watchSetupFolders({
      directories: [directory],
      debounceMs: 300,
      onChange: () => changes++,
      onError: () => undefined,
      watchFolder: (folder, listener) =>
        watch(folder, (event, file) => {
          listener(event, file);
          if (!saw) watching?.close();
          saw = true;
        }),
    });

    await writeFile(path.join(directory, '001_a.sql'), 'select 1;');
    await waitUntil(() => saw, 30_000);
    await sleep(500);

    expect(changes).toBe(0);
  });
});
