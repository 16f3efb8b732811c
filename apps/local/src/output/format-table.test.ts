import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table';

describe('formatTable', () => {
  it('aligns text left and numbers right under a header rule', () => {
    const text = formatTable([
      { month: '2015-01', trips: 1702, fare: 12.5 },
      { month: '2015-12', trips: 23, fare: null },
    ]);

    expect(text.split('\n')).toEqual([
      'month    trips  fare',
      '-------  -----  ----',
      '2015-01   1702  12.5',
      '2015-12     23',
      '(2 rows)',
    ]);
  });

  it('keeps the given column order and prints dates as ISO text', () => {
    const text = formatTable([{ b: 'x', a: new Date('2015-01-01T00:00:00Z') }], ['a', 'b']);

    expect(text.split('\n')[2]).toBe('2015-01-01T00:00:00.000Z  x');
  });

  it('shows control characters in values and column names escaped', () => {
    const text = formatTable([{ 'name\u001b[2J': 'a\u001b]0;x\u0007b', note: 'one\rtwo\nthree' }]);

    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that no control character is left.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n')[0]).toBe('name\\u001b[2J       note');
    expect(text.split('\n')[2]).toBe('a\\u001b]0;x\\u0007b  one\\rtwo\\nthree');
  });

  it('formats 200,000 rows (no spread of every row into one call)', () => {
    const rows = Array.from({ length: 200_000 }, (_, index) => ({ n: index }));

    const lines = formatTable(rows).split('\n');

    expect(lines).toHaveLength(200_003);
    expect(lines[200_001]).toBe('199999');
    expect(lines[200_002]).toBe('(200000 rows)');
  });
});
