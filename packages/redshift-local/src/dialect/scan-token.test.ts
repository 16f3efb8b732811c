import { describe, expect, it } from 'vitest';
import { RedshiftSyntaxError } from './errors';
import { scanToken } from './scan-token';
import type { Token } from './token';

/** Scans the one token at `position` and returns it with the index after it. */
function scanAt(sql: string, position: number, allowUnterminated = false): { token: Token; end: number } {
  const tokens: Token[] = [];
  const end = scanToken(tokens, sql, position, allowUnterminated);
  expect(tokens).toHaveLength(1);
  return { token: tokens[0]!, end };
}

describe('scanToken', () => {
  it('appends the one token at the position and returns the index after it', () => {
    expect(scanAt('select 1', 0)).toEqual({
      token: { type: 'word', text: 'select', start: 0, value: 'select' },
      end: 6,
    });
    expect(scanAt('a  \n b', 1)).toEqual({
      token: { type: 'whitespace', text: '  \n ', start: 1, value: '  \n ' },
      end: 5,
    });
  });

  it('reads a nested block comment whole', () => {
    expect(scanAt('/* a /* b */ c */ x', 0).end).toBe(17);
  });

  it('tells a dollar-quoted body, a $1 parameter and a lone $ apart', () => {
    expect(scanAt('$t$ a $t$', 0).token).toMatchObject({ type: 'dollar-string', value: ' a ', tag: 't' });
    expect(scanAt('$12 ', 0)).toMatchObject({ token: { type: 'parameter', text: '$12' }, end: 3 });
    expect(scanAt('$ ', 0).token.type).toBe('operator');
  });

  it('ends an operator before a comment or a :name parameter', () => {
    expect(scanAt('+-- c', 0).token.text).toBe('+');
    expect(scanAt('=:a', 0).token.text).toBe('=');
    expect(scanAt('x::int', 1).token.text).toBe('::');
  });

  it('reads string prefixes into the tag', () => {
    expect(scanAt("E'\\n'", 0).token).toMatchObject({ type: 'string', value: '\n', tag: 'E' });
    expect(scanAt("U&'a'", 0).token).toMatchObject({ type: 'string', value: 'a', tag: 'U&' });
    expect(scanAt('U&"a"', 0).token).toMatchObject({ type: 'quoted-identifier', value: 'a' });
  });

  it('throws RedshiftSyntaxError for an unterminated dollar-quoted body unless allowed', () => {
    expect(() => scanAt('$$ body', 0)).toThrow(RedshiftSyntaxError);
    expect(scanAt('$$ body', 0, true)).toMatchObject({ token: { value: ' body' }, end: 7 });
  });
});
