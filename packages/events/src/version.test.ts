import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { version } from './version';

describe('version', () => {
  it('is the version in package.json, so a release bump cannot leave it behind', () => {
    const packageJson: unknown = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    );
    expect(packageJson).toMatchObject({ version });
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
