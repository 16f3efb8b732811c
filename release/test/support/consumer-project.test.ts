import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consumerEnvironment, isolatedDirectory, pathOutsideRepository, resultOf } from './consumer-project';
import { repositoryRoot } from './workspace';

const created: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const directory of created.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('isolatedDirectory', () => {
  it('creates a folder in the system temp directory, outside the repository', () => {
    const directory = isolatedDirectory('shiftflow-isolated-');
    created.push(directory);
    expect(existsSync(directory)).toBe(true);
    expect(directory.startsWith(realpathSync(os.tmpdir()))).toBe(true);
    expect(path.relative(realpathSync(repositoryRoot), directory).startsWith('..')).toBe(true);
  });

  it('refuses a temp directory inside the repository, where resolution would find the workspace', () => {
    const inside = mkdtempSync(path.join(repositoryRoot, 'release', '.tmp-isolated-'));
    created.push(inside);
    vi.stubEnv('TMPDIR', inside);
    expect(() => isolatedDirectory('shiftflow-isolated-')).toThrow(/is inside the repository/);
  });

  it('refuses a folder with a node_modules above it', () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-parent-'));
    created.push(parent);
    mkdirSync(path.join(parent, 'node_modules'));
    vi.stubEnv('TMPDIR', parent);
    expect(() => isolatedDirectory('shiftflow-isolated-')).toThrow(/node_modules exists/);
  });
});

describe('consumerEnvironment', () => {
  it("drops the repository's Node and package-manager settings and sets dummy AWS credentials", () => {
    vi.stubEnv('NODE_OPTIONS', '--require /work/hook.js');
    vi.stubEnv('NODE_PATH', path.join(repositoryRoot, 'node_modules'));
    vi.stubEnv('npm_config_user_agent', 'pnpm/10');
    vi.stubEnv('AWS_PROFILE', 'production');
    vi.stubEnv('PATH', [path.join(repositoryRoot, 'node_modules/.bin'), '/usr/bin'].join(path.delimiter));

    const environment = consumerEnvironment('/scratch', { EXTRA: '1' });

    for (const name of ['NODE_OPTIONS', 'NODE_PATH', 'npm_config_user_agent', 'AWS_PROFILE']) {
      expect(environment[name], name).toBeUndefined();
    }
    expect(environment).toMatchObject({
      PATH: '/usr/bin',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_SHARED_CREDENTIALS_FILE: path.join('/scratch', 'no-aws-credentials'),
      EXTRA: '1',
    });
    expect(pathOutsideRepository()).toBe('/usr/bin');
  });
});

describe('resultOf', () => {
  it('reads the JSON of the RESULT line among log lines', () => {
    const stdout = '{"level":"INFO"}\nRESULT {"rows":[1,2]}\n';
    expect(resultOf({ stdout, stderr: '' })).toEqual({ rows: [1, 2] });
  });

  it('throws with the output when the consumer reported nothing', () => {
    expect(() => resultOf({ stdout: 'started\n', stderr: 'boom' })).toThrow(/no RESULT line[\s\S]*boom/);
  });
});
