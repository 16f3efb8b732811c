import { describe, expect, it } from 'vitest';
import { version } from './index';

describe('version', () => {
  it('runs tests on the Node the repository pins', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
