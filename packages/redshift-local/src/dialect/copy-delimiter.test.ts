import { describe, expect, it } from 'vitest';
import { copyDelimiter } from './copy-delimiter';
import { RedshiftSyntaxError } from './errors';

describe('copyDelimiter', () => {
  it('reads \\t as a tab and \\NNN as an octal byte', () => {
    expect(copyDelimiter('\\t', 'sql')).toBe('\t');
    expect(copyDelimiter('\\174', 'sql')).toBe('|');
    expect(copyDelimiter('\\011', 'sql')).toBe('\t');
  });

  it('keeps a single character as written', () => {
    expect(copyDelimiter(',', 'sql')).toBe(',');
    expect(copyDelimiter('\\', 'sql')).toBe('\\');
  });

  it('throws RedshiftSyntaxError naming the value when it is not one character', () => {
    expect(() => copyDelimiter('ab', 'sql')).toThrow(RedshiftSyntaxError);
    expect(() => copyDelimiter('\\18', 'sql')).toThrow('COPY DELIMITER must be one character, got "\\\\18"');
    expect(() => copyDelimiter('', 'sql')).toThrow(RedshiftSyntaxError);
  });
});
