import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const probe = path.join(here, 'support', 'open-on-full-disk.mjs');
let mount: string;

/**
 * Runs the probe in a private user and mount namespace (`unshare`, as root or as a user allowed
 * user namespaces) on a tmpfs of `size`: a real full disk that disappears with the process.
 */
async function openOnFullDisk(
  size: string,
  scenario: 'fresh' | 'existing',
): Promise<Record<string, unknown>> {
  if (!existsSync(path.join(here, '..', 'dist', 'index.js'))) {
    throw new Error('dist/index.js is missing: run pnpm --filter @shiftflow/redshift-local build');
  }
  const child = spawn(
    'unshare',
    [
      '--user',
      '--map-root-user',
      '--mount',
      'sh',
      '-c',
      `mount -t tmpfs -o size=${size} tmpfs "$1" && exec "$2" "$3" "$1" "$4"`,
      'sh',
      mount,
      process.execPath,
      probe,
      scenario,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`the full-disk probe exited with ${code}: ${stderr}`);
  return JSON.parse(stdout.trim()) as Record<string, unknown>;
}

beforeEach(() => {
  mount = mkdtempSync(path.join(os.tmpdir(), 'full-disk-'));
});
afterEach(() => {
  rmSync(mount, { recursive: true, force: true });
});

describe('the PGlite engine on a full disk', () => {
  it('says "no space left on device" and names the data dir when the disk fills while it is created', async () => {
    const outcome = await openOnFullDisk('2m', 'fresh');

    expect(outcome).toMatchObject({
      name: 'EngineDataDirError',
      code: 'ENGINE_DATA_DIR',
      reason: 'no-space',
    });
    expect(outcome.message).toContain(path.join(mount, 'engine'));
    expect(outcome.message).toContain('no space left on device');
    expect(outcome.message).not.toContain('[object Object]');
  });

  it('says "no space left on device" and names the data dir when an existing one is reopened on a full disk', async () => {
    const outcome = await openOnFullDisk('64m', 'existing');

    expect(outcome).toMatchObject({ name: 'EngineDataDirError', reason: 'no-space' });
    expect(outcome.message).toContain(`could not open data dir ${path.join(mount, 'engine')}`);
    expect(outcome.message).toContain('no space left on device');
    expect(outcome.message).not.toContain('failed to initialize properly;');
  });
});
