import { describe, expect, it } from 'vitest';
import { DecodingError } from './errors';
import { parseCsvRecords } from './parse-csv-records';

describe('parseCsvRecords', () => {
  it('reads unquoted, quoted, escaped and multi-line values', () => {
    expect(parseCsvRecords('1,"a,b","say ""hi"""\n2,"line\nbreak",x\n')).toEqual([
      ['1', 'a,b', 'say "hi"'],
      ['2', 'line\nbreak', 'x'],
    ]);
  });

  it('reads an unquoted empty value as null and a quoted empty value as the empty string', () => {
    expect(parseCsvRecords(',"",x\n')).toEqual([[null, '', 'x']]);
    expect(parseCsvRecords('a,')).toEqual([['a', null]]);
  });

  it('accepts CRLF line ends and a missing final line end', () => {
    expect(parseCsvRecords('1,2\r\n3,4')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('gives no records for empty text', () => {
    expect(parseCsvRecords('')).toEqual([]);
  });

  it('throws DecodingError on an unterminated quote', () => {
    expect(() => parseCsvRecords('1,"abc\n')).toThrow(DecodingError);
    expect(() => parseCsvRecords('1,"abc\n')).toThrow(/unterminated quoted value at offset 2/);
  });

  it('throws DecodingError on text after a closing quote', () => {
    expect(() => parseCsvRecords('"a"b,c\n')).toThrow(
      /unexpected character after a quoted value at offset 3/,
    );
  });
});
