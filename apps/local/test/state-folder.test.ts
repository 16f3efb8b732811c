import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repositoryRoot, runCliProcess, startCliProcess, testEnvironment } from './cli-process';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-state-folder-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('a --state-dir shiftflow did not create', () => {
  it('is refused by query, seed and serve, which write nothing into it, so reset can never delete it', async () => {
    const folder = path.join(directory, 'my-documents');
    await mkdir(folder);
    await writeFile(path.join(folder, 'thesis.tex'), 'years of work');

    const query = await runCliProcess(['query', 'select 1', '--state-dir', folder]);
    const seed = await runCliProcess(['seed', '--rows', '10', '--state-dir', folder]);
    const serve = await runCliProcess(['serve', '--state-dir', folder]);
    const reset = await runCliProcess(['reset', '--state-dir', folder]);

    for (const result of [query, seed, serve]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`refusing to use ${folder} as the state folder`);
      expect(result.stderr).toContain('Pass --state-dir a new or empty folder');
    }
    expect(reset.code).toBe(1);
    expect(await readdir(folder)).toEqual(['thesis.tex']);
  });
});

describe('shiftflow reset while serve has the engine open', () => {
  it('refuses even after engine.lock was deleted, and resets once serve was SIGKILLed', async () => {
    const state = path.join(directory, 'live');
    const serve = await startCliProcess(['serve', '--json', '--state-dir', state]);
    await rm(path.join(state, 'engine.lock'));

    const refused = await runCliProcess(['reset', '--state-dir', state]);
    const second = await runCliProcess(['serve', '--state-dir', state]);
    serve.child.kill('SIGKILL');
    await once(serve.child, 'close');
    const reset = await runCliProcess(['reset', '--state-dir', state]);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refusing to reset ${state}`);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`the local Redshift of ${state} is in use`);
    expect(reset.code).toBe(0);
    expect(existsSync(state)).toBe(false);
  });

  it('names the holder to a second process: command, pid and endpoint', async () => {
    const state = path.join(directory, 'held');
    const serve = await startCliProcess(['serve', '--json', '--state-dir', state]);
    const endpoint = (JSON.parse(serve.firstLine) as { environment: Record<string, string> }).environment
      .AWS_ENDPOINT_URL_REDSHIFT_DATA;

    const run = await runCliProcess(['run', '--state-dir', state]);
    await serve.stop();

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`is in use by "shiftflow serve" (pid ${serve.child.pid}, ${endpoint})`);
  });
});

describe('state files that cannot be used', () => {
  it('names the damaged engine folder and suggests shiftflow reset', async () => {
    const state = path.join(directory, 'damaged');
    await runCliProcess(['seed', '--rows', '10', '--state-dir', state]);
    await mkdir(path.join(state, 'engine'));
    await writeFile(path.join(state, 'engine', 'PG_VERSION'), 'garbage\n');

    const query = await runCliProcess(['query', 'select 1', '--state-dir', state]);

    expect(query.code).toBe(1);
    expect(query.stderr).toContain(`could not open data dir ${path.join(state, 'engine')}`);
    expect(query.stderr).toContain(`shiftflow reset --state-dir ${state}`);
  });

  it('says engine.lock is a folder instead of a bare EISDIR', async () => {
    const state = path.join(directory, 'lock-folder');
    await runCliProcess(['seed', '--rows', '10', '--state-dir', state]);
    await mkdir(path.join(state, 'engine.lock'));

    const query = await runCliProcess(['query', 'select 1', '--state-dir', state]);

    expect(query.code).toBe(1);
    expect(query.stderr).toContain(
      `${path.join(state, 'engine.lock')} is a folder, but shiftflow keeps a file there; remove that folder`,
    );
  });

  it('says "no space left on device" and the path when the disk is full', async () => {
    const mount = path.join(directory, 'full-disk');
    await mkdir(mount);
    // A private user and mount namespace with a 2 MiB tmpfs: a real full disk that vanishes with the process.
    const child = spawn(
      'unshare',
      [
        '--user',
        '--map-root-user',
        '--mount',
        'sh',
        '-c',
        'mount -t tmpfs -o size=2m tmpfs "$1" && exec "$2" "$3" query "select 1" --state-dir "$1/state"',
        'sh',
        mount,
        process.execPath,
        cliPath,
      ],
      { cwd: repositoryRoot, env: testEnvironment, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, 'close')) as [number | null];

    expect(code).toBe(1);
    expect(stderr).toContain('no space left on device');
    expect(stderr).toContain(path.join(mount, 'state'));
    expect(stderr).not.toContain('[object Object]');
  });
});

describe('shiftflow reset', () => {
  it('deletes only what shiftflow keeps and leaves a file of the user, saying so', async () => {
    const state = path.join(directory, 'mixed');
    await runCliProcess(['seed', '--rows', '10', '--state-dir', state]);
    await writeFile(path.join(state, 'notes.md'), 'mine');

    const reset = await runCliProcess(['reset', '--state-dir', state]);

    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('kept what shiftflow did not make there: notes.md');
    expect((await readdir(state)).sort()).toEqual(['.shiftflow-state', 'notes.md']);
    expect(await readFile(path.join(state, 'notes.md'), 'utf8')).toBe('mine');
  });
});
