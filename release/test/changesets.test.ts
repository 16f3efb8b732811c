import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages, repositoryRoot, workspacePackages } from './support/workspace';

// A documented dry run of the release flow: `changeset version` on a copy of the workspace's
// manifests with one sample changeset for @shiftflow/data-api.
describe('changeset version', () => {
  let copy: string;
  const packages = workspacePackages();
  const version = (directory: string) =>
    JSON.parse(readFileSync(path.join(copy, directory, 'package.json'), 'utf8')).version as string;

  beforeAll(() => {
    copy = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-changeset-'));
    for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) {
      mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      cpSync(path.join(repositoryRoot, file), path.join(copy, file));
    }
    for (const { directory } of packages) {
      mkdirSync(path.join(copy, directory), { recursive: true });
      cpSync(
        path.join(repositoryRoot, directory, 'package.json'),
        path.join(copy, directory, 'package.json'),
      );
    }
    writeFileSync(
      path.join(copy, '.changeset/sample-fix.md'),
      '---\n"@shiftflow/data-api": patch\n---\n\nDecode FLOAT4 columns as numbers.\n',
    );
    execFileSync(path.join(repositoryRoot, 'node_modules/.bin/changeset'), ['version'], {
      cwd: copy,
      stdio: 'pipe',
    });
  });

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('bumps the changed package and writes its CHANGELOG with the changeset text', () => {
    const dataApi = packages.find((entry) => entry.manifest.name === '@shiftflow/data-api')!;
    const [major, minor, patch] = dataApi.manifest.version.split('.').map(Number);
    expect(version(dataApi.directory)).toBe(`${major}.${minor}.${(patch ?? 0) + 1}`);
    const changelog = readFileSync(path.join(copy, dataApi.directory, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('Decode FLOAT4 columns as numbers.');
    expect(existsSync(path.join(copy, '.changeset/sample-fix.md'))).toBe(false);
  });

  // Published packages take each other by caret range (workspace:^, issue 16), so a patch of data-api is
  // inside the range its dependents already declare: only data-api is bumped and republished.
  it('bumps only the changed package when its dependents take it by caret range, and leaves the rest alone', () => {
    const published = publishedPackages();
    const bumped = published.filter((entry) => version(entry.directory) !== entry.manifest.version);
    expect(bumped.map((entry) => entry.manifest.name)).toEqual(['@shiftflow/data-api']);
    const dependents = published.filter((entry) =>
      Object.keys(entry.manifest.dependencies ?? {}).includes('@shiftflow/data-api'),
    );
    expect(dependents.length).toBeGreaterThan(0);
    for (const entry of dependents) {
      const declared = JSON.parse(readFileSync(path.join(copy, entry.directory, 'package.json'), 'utf8'))
        .dependencies['@shiftflow/data-api'] as string;
      expect(declared, entry.manifest.name).toMatch(/^(workspace:)?\^/);
    }
    for (const entry of packages.filter((candidate) => candidate.manifest.private)) {
      expect(version(entry.directory), entry.manifest.name).toBe(entry.manifest.version);
    }
  });
});
