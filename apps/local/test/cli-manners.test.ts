import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repositoryRoot, runCliProcess, testEnvironment } from './cli-process';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-manners-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Collects a child's exit code and both streams. */
async function finished(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** Runs the built CLI with extra environment variables (the test environment sets NO_COLOR=1). */
function runWithEnvironment(args: readonly string[], environment: NodeJS.ProcessEnv) {
  return finished(
    spawn(process.execPath, [cliPath, ...args], {
      cwd: repositoryRoot,
      env: { ...testEnvironment, NO_COLOR: undefined, FORCE_COLOR: undefined, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

describe('shiftflow CLI manners', () => {
  it('prints the version of apps/local/package.json for --version and -v, and lists them in the help', async () => {
    const packageJson = JSON.parse(
      await readFile(path.join(repositoryRoot, 'apps', 'local', 'package.json'), 'utf8'),
    ) as { version: string };

    const long = await runCliProcess(['--version']);
    const short = await runCliProcess(['-v']);
    const help = await runCliProcess(['--help']);

    expect(long).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    expect(short).toEqual(long);
    expect(packageJson.version).not.toBe('0.0.0');
    expect(help.stdout).toMatch(/-v, --version\s/);
  });

  it('shows the help of a command with help <command> and refuses help for an unknown command', async () => {
    const help = await runCliProcess(['help', 'seed']);
    const unknown = await runCliProcess(['help', 'deploy']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: shiftflow seed');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "deploy" for help');
  });

  it('colours a pipe with FORCE_COLOR, not with a non-empty NO_COLOR, and not by default', async () => {
    const forced = await runWithEnvironment(['deploy'], { FORCE_COLOR: '1' });
    const noColour = await runWithEnvironment(['deploy'], { NO_COLOR: '1' });
    const piped = await runWithEnvironment(['deploy'], { NO_COLOR: '' });

    expect(forced.stderr).toContain('\u001b[31merror:\u001b[39m');
    expect(noColour.stderr).toMatch(/^error: unknown command/);
    expect(piped.stderr).toMatch(/^error: unknown command/);
  });

  it('seed --json writes one JSON document on stdout and the text form keeps progress off stdout', async () => {
    const state = path.join(directory, 'seed');

    const json = await runCliProcess(['seed', '--rows', '50', '--json', '--state-dir', state]);
    const text = await runCliProcess(['seed', '--rows', '50', '--state-dir', state]);

    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ rows: 50, seed: 2015 });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Wrote 50 trips/);
  });

  it('run --json writes exactly one JSON document on stdout; its progress goes to stderr', async () => {
    const state = path.join(directory, 'run');

    const json = await runCliProcess(['run', '--rows', '200', '--json', '--state-dir', state]);
    const text = await runCliProcess(['run', '--rows', '200', '--state-dir', state]);

    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'FINISHED' });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toMatch(/submitted\s+nyc-taxi\/manual\//);
    expect(text.stderr).toMatch(/FINISHED\s+200 rows/);
    expect(text.stdout).not.toContain('submitted');
    expect(text.stdout).toContain('nyc_yellow_taxi_volume_analysis');
  });
});

describe('shiftflow under pnpm run', () => {
  /**
   * A package like the repository root, whose script runs the built CLI as `pnpm dev` does; pnpm
   * says "ELIFECYCLE Command failed" when its child exits non-zero or by a signal.
   */
  async function pnpmProject(name: string, script: string): Promise<string> {
    const project = path.join(directory, name);
    const root = JSON.parse(await readFile(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
      packageManager: string;
    };
    await rm(project, { recursive: true, force: true });
    await mkdir(project, { recursive: true });
    await writeFile(
      path.join(project, 'package.json'),
      JSON.stringify({ name, private: true, packageManager: root.packageManager, scripts: { dev: script } }),
    );
    return project;
  }

  /**
   * pnpm's script, run with this Node itself: through `pnpm exec` or turbo, the `node` on PATH is
   * the shell shim of the root devDependency `node`, and a shell between the test and pnpm would
   * itself end by Ctrl-C's SIGINT. A user's terminal runs pnpm directly.
   */
  function pnpmScript(): string {
    if (process.env.npm_execpath?.includes('pnpm')) return process.env.npm_execpath;
    const found = (process.env.PATH ?? '')
      .split(path.delimiter)
      .map((folder) => path.join(folder, 'pnpm'))
      .find((file) => existsSync(file) && !file.includes('node_modules'));
    if (found === undefined)
      throw new Error('pnpm is not on PATH: the test runs the dev script through pnpm');
    return found;
  }

  function startPnpm(project: string) {
    // Its own process group, as a terminal's foreground job: Ctrl-C is SIGINT to the whole group.
    return spawn(process.execPath, [pnpmScript(), 'dev'], {
      cwd: project,
      env: testEnvironment,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  }

  it('ends with exit 0 and no ELIFECYCLE line when the user presses Ctrl-C in dev', async () => {
    const state = path.join(directory, 'pnpm-dev-state');
    const config = path.join(repositoryRoot, 'shiftflow.config.json');
    const project = await pnpmProject(
      'pnpm-dev',
      // As the root package.json's dev script: `node` on a pnpm script's PATH may be a shell shim
      // (the root devDependency `node`) that keeps a shell between pnpm and Node; that shell exits
      // 130 on Ctrl-C whatever Node does, so the script execs the real binary.
      `exec "$(node -p process.execPath)" ${JSON.stringify(cliPath)} dev --no-first-run --rows 100 --config ${JSON.stringify(config)} --state-dir ${JSON.stringify(state)}`,
    );
    const child = startPnpm(project);
    let output = '';
    const ready = new Promise<void>((resolve) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops')) resolve();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
    });
    const closed = once(child, 'close') as Promise<[number | null]>;

    await Promise.race([ready, closed]);
    process.kill(-child.pid!, 'SIGINT');
    const [code] = await closed;

    expect(output).toContain('stopping…');
    expect(code, output).toBe(0);
    expect(output).not.toContain('ELIFECYCLE');
  });

  it('still exits non-zero through pnpm when the command fails', async () => {
    const project = await pnpmProject(
      'pnpm-fail',
      `exec "$(node -p process.execPath)" ${JSON.stringify(cliPath)} deploy`,
    );

    const result = await finished(startPnpm(project));

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "deploy"');
  });
});
