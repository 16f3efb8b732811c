/**
 * `shiftflow run` starts its engine before it reads the configuration when the state folder is
 * already shiftflow's (issue 21: first notification sooner). A configuration error must still win,
 * leave a new folder untouched and release the engine of an existing one.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, runCliProcess } from './cli-process';

let workspace: string;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'shiftflow-early-engine-'));
  await mkdir(path.join(workspace, 'sql'), { recursive: true });
  await cp(path.join(repositoryRoot, 'sql', 'setup'), path.join(workspace, 'sql', 'setup'), {
    recursive: true,
  });
  await writeFile(
    path.join(workspace, 'shiftflow.config.json'),
    await readFile(path.join(repositoryRoot, 'shiftflow.config.json'), 'utf8'),
  );
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const configFile = () => path.join(workspace, 'shiftflow.config.json');

async function breakConfig(): Promise<string> {
  const good = await readFile(configFile(), 'utf8');
  const config = JSON.parse(good);
  await writeFile(configFile(), JSON.stringify({ ...config, notificationEmial: config.notificationEmail }));
  return good;
}

describe('shiftflow run, engine started before the configuration is read', () => {
  it('creates no state folder when the configuration is bad', async () => {
    const good = await breakConfig();
    const state = path.join(workspace, 'new-state');
    try {
      const result = await runCliProcess(['run', '--config', configFile(), '--state-dir', state]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('unknown key "notificationEmial"');
      expect(existsSync(state)).toBe(false);
    } finally {
      await writeFile(configFile(), good);
    }
  });

  it('reports a bad configuration in an existing state folder and releases its engine for the next command', async () => {
    const state = path.join(workspace, 'state');
    const first = await runCliProcess(['run', '--config', configFile(), '--state-dir', state]);
    expect(first.code, first.stderr).toBe(0);
    const good = await breakConfig();
    try {
      const broken = await runCliProcess(['run', '--config', configFile(), '--state-dir', state]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('unknown key "notificationEmial"');
    } finally {
      await writeFile(configFile(), good);
    }
    const again = await runCliProcess(['run', '--config', configFile(), '--state-dir', state]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('FINISHED');
  });
});
