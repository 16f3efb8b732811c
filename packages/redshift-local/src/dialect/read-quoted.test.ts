import { describe, expect, it } from 'vitest';
import { RedshiftSyntaxError } from './errors';
import { readQuoted } from './read-quoted';

describe('readQuoted', () => {
  it('reads a doubled quote as one and ends after the closing quote', () => {
    expect(readQuoted("x 'it''s' y", 2, "'", 'standard', false)).toEqual({ end: 9, value: "it's" });
    expect(readQuoted('"a""b"', 0, '"', 'standard', false)).toEqual({ end: 6, value: 'a"b' });
  });

  it("reads Redshift's \\' and \\\\ in a plain literal and keeps other backslashes", () => {
    expect(readQuoted("'a\\'b\\\\c\\N'", 0, "'", 'redshift', false)).toEqual({ end: 11, value: "a'b\\c\\N" });
    expect(readQuoted("'a\\'b'", 0, "'", 'standard', false)).toEqual({ end: 4, value: 'a\\' });
  });

  it("resolves E'' escapes: simple, hexadecimal and octal", () => {
    expect(readQuoted("'\\n\\t\\x41\\101\\q'", 0, "'", 'escape', false).value).toBe('\n\tAAq');
    expect(readQuoted("'\\xg'", 0, "'", 'escape', false).value).toBe('xg');
  });

  it('throws RedshiftSyntaxError at the opening quote when the quote is not closed', () => {
    expect(() => readQuoted("x 'abc", 2, "'", 'standard', false)).toThrow(RedshiftSyntaxError);
    expect(() => readQuoted('x "abc', 2, '"', 'standard', false)).toThrow(
      'unterminated quoted identifier at position 2',
    );
  });

  it('runs an unterminated quote to the end of the input when allowed', () => {
    expect(readQuoted("x 'ab''c", 2, "'", 'standard', true)).toEqual({ end: 8, value: "ab'c" });
  });
});
