import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from './errors';
import { formatParameterValue, sql, toSqlParameters } from './sql';

describe('sql', () => {
  it('turns interpolated values into named parameters :p1, :p2 and keeps them out of the SQL text', () => {
    const vendor = "2'; drop table trips; --";
    const statement = sql`select * from trips where vendor = ${vendor} and fare > ${10}`;
    expect(statement.sql).toBe('select * from trips where vendor = :p1 and fare > :p2');
    expect(statement.parameters).toEqual([
      { name: 'p1', value: vendor },
      { name: 'p2', value: '10' },
    ]);
  });

  it('gives SQL without values and no parameters for a template without interpolations', () => {
    expect(sql`select 1`).toEqual({ sql: 'select 1', parameters: [] });
  });

  it('formats each supported type the way Redshift parses it', () => {
    const statement = sql`${'text'} ${42} ${-1.5} ${12345678901234567890n} ${true} ${false} ${new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))}`;
    expect(statement.parameters.map((parameter) => parameter.value)).toEqual([
      'text',
      '42',
      '-1.5',
      '12345678901234567890',
      'true',
      'false',
      '2024-01-02 03:04:05.678+00',
    ]);
  });

  it.each([
    ['null', null, /is null/],
    ['undefined', undefined, /is undefined/],
    ['the empty string', '', /is the empty string/],
    ['NaN', Number.NaN, /is NaN/],
    ['Infinity', Number.POSITIVE_INFINITY, /is Infinity/],
    ['-Infinity', Number.NEGATIVE_INFINITY, /is -Infinity/],
    ['an invalid Date', new Date('nope'), /invalid Date/],
    ['an object', { a: 1 }, /unsupported type Object/],
    ['an array', [1], /unsupported type array/],
    ['a symbol', Symbol('x'), /unsupported type symbol/],
  ])('rejects %s with InvalidParameterError naming the parameter', (_label, value, message) => {
    const build = () => sql`select ${1}, ${value as never}`;
    expect(build).toThrow(InvalidParameterError);
    expect(build).toThrow(message);
    try {
      build();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_PARAMETER', parameterName: 'p2' });
      expect((error as InvalidParameterError).value).toBe(value);
    }
  });
});

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
