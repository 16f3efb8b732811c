import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors';
import { integerOption, urlOption } from './command-options';

describe('integerOption', () => {
  it('returns the fallback when the flag is absent and the number when valid', () => {
    expect(integerOption({}, 'rows', 20_000, 1)).toBe(20_000);
    expect(integerOption({ rows: '250' }, 'rows', 20_000, 1)).toBe(250);
  });

  it('shows the flag and the bad value', () => {
    expect(() => integerOption({ rows: '2.5' }, 'rows', 1, 1)).toThrow(
      '--rows must be a whole number at least 1, got "2.5"',
    );
    expect(() => integerOption({ port: '70000' }, 'port', 0, 0, 65535)).toThrow(
      'from 0 to 65535, got "70000"',
    );
  });
});

describe('urlOption', () => {
  it('accepts a URL of an allowed protocol and names a bad one', () => {
    expect(urlOption({ smtp: 'smtp://127.0.0.1:2525' }, 'smtp', ['smtp:'])).toBe('smtp://127.0.0.1:2525');
    expect(urlOption({}, 'smtp', ['smtp:'])).toBeUndefined();
    expect(() => urlOption({ smtp: 'mail.example.com' }, 'smtp', ['smtp:', 'smtps:'])).toThrow(
      '--smtp must be a URL starting with smtp:// or smtps://, got "mail.example.com"',
    );
    expect(() => urlOption({ webhook: 'ftp://x' }, 'webhook', ['http:', 'https:'])).toThrow(UsageError);
  });
});
