import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pack, shipsCommonJs } from './support/pack';
import { publishedPackages, repositoryRoot } from './support/workspace';

const bin = (name: string) => path.join(repositoryRoot, 'release/node_modules/.bin', name);
const destination = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-pack-'));
afterAll(() => rmSync(destination, { recursive: true, force: true }));

function run(command: string, args: string[]): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { status: failure.status, output: `${failure.stdout}${failure.stderr}` };
  }
}

describe.each(publishedPackages().map((entry) => [entry.manifest.name, entry] as const))(
  'the packed tarball of %s',
  (name, workspacePackage) => {
    const manifest = workspacePackage.manifest as Record<string, unknown>;

    it('has a complete package.json', () => {
      for (const field of [
        'description',
        'license',
        'repository',
        'keywords',
        'exports',
        'files',
        'engines',
      ]) {
        expect(manifest[field], `${name} package.json "${field}"`).toBeDefined();
      }
      expect(manifest.publishConfig).toMatchObject({ access: 'public' });
    });

    it('ships a README and a LICENSE', () => {
      for (const file of ['README.md', 'LICENSE']) {
        expect(
          existsSync(path.join(repositoryRoot, workspacePackage.directory, file)),
          `${name} ${file}`,
        ).toBe(true);
      }
    });

    it('passes publint and attw', { timeout: 120_000 }, () => {
      const tarball = pack(workspacePackage, destination);
      const publint = run(bin('publint'), ['run', tarball, '--strict']);
      expect(publint.status, publint.output).toBe(0);
      const profile = shipsCommonJs(workspacePackage) ? 'strict' : 'esm-only';
      const attw = run(bin('attw'), [tarball, '--profile', profile, '--format', 'ascii', '--no-color']);
      expect(attw.status, attw.output).toBe(0);
    });
  },
);
