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
});
