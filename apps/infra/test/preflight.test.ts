import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const appDirectory = fileURLToPath(new URL('..', import.meta.url));

/** Runs the preflight script in a clean environment: an empty HOME and only the variables given. */
function preflight(
  environment: Record<string, string>,
  home = mkdtempSync(join(tmpdir(), 'shiftflow-home-')),
) {
  const result = spawnSync(process.execPath, ['scripts/preflight.ts'], {
    cwd: appDirectory,
    env: { PATH: process.env.PATH ?? '', HOME: home, ...environment },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('deploy preflight', () => {
  it('fails with a clear message and nothing deployed when there are no credentials and no region', () => {
    const result = preflight({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no AWS credentials found');
    expect(result.stderr).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(result.stderr).toContain('no AWS region set');
    expect(result.stderr).toContain('Nothing was deployed.');
  });

  it('fails on a region without credentials', () => {
    const result = preflight({ AWS_REGION: 'eu-west-1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no AWS credentials found');
    expect(result.stderr).not.toContain('no AWS region set');
  });

  it('passes with access keys and a region', () => {
    const result = preflight({
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'eu-west-1',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('using AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  });

  it('passes with a named profile whose config sets the region', () => {
    const home = mkdtempSync(join(tmpdir(), 'shiftflow-home-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile analytics]\nregion = eu-west-1\nsso_session = corp\n',
    );
    const result = preflight({ AWS_PROFILE: 'analytics' }, home);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('profile "analytics"');
  });

  it('says how to deploy with an EC2 instance profile, and lets SHIFTFLOW_SKIP_PREFLIGHT=1 through', () => {
    expect(preflight({}).stderr).toContain('SHIFTFLOW_SKIP_PREFLIGHT=1');

    const skipped = preflight({ SHIFTFLOW_SKIP_PREFLIGHT: '1' });

    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toContain('preflight skipped');
  });

  it('runs before cdk in the deploy, diff and destroy scripts', () => {
    const { scripts } = JSON.parse(readFileSync(join(appDirectory, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const name of ['bootstrap', 'deploy', 'diff', 'destroy']) {
      expect(scripts[name]).toMatch(/^node scripts\/preflight\.ts && .*cdk /);
    }
  });

  it('bootstraps before every deploy, after turbo built the bundles the synth needs (cdk bootstrap is idempotent)', () => {
    const { scripts } = JSON.parse(readFileSync(join(appDirectory, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.deploy).toMatch(/cdk bootstrap && .*cdk deploy /);
    const turbo = JSON.parse(readFileSync(join(appDirectory, '../../turbo.json'), 'utf8')) as {
      tasks: Record<string, { dependsOn?: string[] }>;
    };
    expect(turbo.tasks.deploy?.dependsOn).toContain('^build');
  });
});
