import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

const steps = (file: string): Step[] =>
  Object.values((parse(read(file)) as Workflow).jobs).flatMap((job) => job.steps);

describe('GitHub workflows', () => {
  it.each(['.github/workflows/ci.yml', '.github/workflows/release.yml'])(
    '%s is valid against the workflow schema',
    (file) => {
      const result = validateWorkflow(read(file)) as { errors: unknown[] };
      expect(result.errors).toEqual([]);
    },
  );

  it('rejects a workflow with a misspelt key, so the schema check can fail', () => {
    const broken = read('.github/workflows/ci.yml').replace('steps:', 'stepz:');
    const result = validateWorkflow(broken) as { errors: unknown[] };
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('ci.yml runs exactly what CI runs: .ci/run', () => {
    const runs = steps('.github/workflows/ci.yml').flatMap((step) => (step.run ? [step.run] : []));
    expect(runs).toEqual(['bash .ci/run']);
  });

  it('.ci/run installs with the frozen lockfile and runs typecheck, lint and the README test command', () => {
    const script = read('.ci/run');
    const readme = read('README.md');
    expect(readme).toContain('pnpm test');
    const order = [
      'corepack enable pnpm',
      'pnpm install --frozen-lockfile',
      'pnpm typecheck',
      'pnpm lint',
      'pnpm test',
    ];
    // Each command starts a line of its own (it may be followed by arguments or a pipe).
    const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const positions = order.map((command) =>
      script.search(new RegExp(`^${escapeRegExp(command)}(\\s|$)`, 'm')),
    );
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('release.yml versions and publishes through root scripts that exist', () => {
    const action = steps('.github/workflows/release.yml').find((step) =>
      step.uses?.startsWith('changesets/action@'),
    );
    expect(action?.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm release' });
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['version-packages']).toContain('changeset version');
    expect(scripts.release).toContain('changeset publish');
  });
});
