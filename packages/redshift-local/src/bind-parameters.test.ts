import { describe, expect, it } from 'vitest';
import { bindParameters, validateParameters } from './bind-parameters';
import { DataApiException } from './errors';

describe('bindParameters', () => {
  it('replaces :name with $n bind placeholders and reuses the number of a repeated name', () => {
    const bound = bindParameters(
      'select :a, :b, :a',
      new Map([
        ['a', '1'],
        ['b', 'x'],
      ]),
    );
    expect(bound).toEqual({ sql: 'select $1, $2, $1', values: ['1', 'x'], used: new Set(['a', 'b']) });
  });

  it('leaves :name in strings, quoted identifiers, comments, dollar bodies and :: casts alone', () => {
    const sql = `select ':a', "x:a", e'\\':a', 1::int, $$ :a $$, $tag$ :a $tag$ -- :a
      /* :a /* :a */ */ , :a`;
    const bound = bindParameters(sql, new Map([['a', '7']]));
    expect(bound.values).toEqual(['7']);
    expect(bound.sql.endsWith(', $1')).toBe(true);
    expect(bound.sql.match(/\$1/g)).toHaveLength(1);
  });

  it('throws ValidationException naming a referenced parameter that is not supplied', () => {
    expect(() => bindParameters('select :missing', new Map([['a', '1']]))).toThrow(/:missing/);
  });

  it('returns the SQL unchanged when there are no parameters', () => {
    expect(bindParameters('select arr[1:2]', new Map()).sql).toBe('select arr[1:2]');
  });
});

describe('validateParameters', () => {
  it('rejects a bad name, an empty value and a duplicate with ValidationException', () => {
    for (const parameters of [
      [{ name: 'a-b', value: '1' }],
      [{ name: 'a', value: '' }],
      [
        { name: 'a', value: '1' },
        { name: 'a', value: '2' },
      ],
    ]) {
      let caught: unknown;
      try {
        validateParameters(parameters);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DataApiException);
      expect((caught as DataApiException).exceptionName).toBe('ValidationException');
    }
  });
});
