import { describe, expect, it } from 'vitest';
import { formatParameterValue, toSqlParameters } from './format-parameter-value';

describe('formatParameterValue', () => {
  it('writes -0 as 0 and large numbers in a form Redshift reads', () => {
    expect(formatParameterValue('x', -0)).toBe('0');
    expect(formatParameterValue('x', 1e21)).toBe('1e+21');
    expect(formatParameterValue('x', -5n)).toBe('-5');
  });
});

describe('toSqlParameters', () => {
  it('turns a record into Data API parameters in order', () => {
    expect(toSqlParameters({ vendor: 2, since: new Date(Date.UTC(2024, 0, 1)), active: true })).toEqual([
      { name: 'vendor', value: '2' },
      { name: 'since', value: '2024-01-01 00:00:00.000+00' },
      { name: 'active', value: 'true' },
    ]);
  });

  it('rejects a name the Data API does not accept', () => {
    expect(() => toSqlParameters({ 'bad-name': 1 })).toThrow(/parameter name "bad-name" is invalid/);
  });

  it('rejects a value it cannot bind, naming the parameter', () => {
    expect(() => toSqlParameters({ since: null as never })).toThrow(/parameter "since" is null/);
  });
});
