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

  it('binds a placeholder right after an operator, a cast or a parenthesis, and one whose name starts with a digit', () => {
    const bound = bindParameters(
      'select x::int=:a, f(:n), :1::text',
      new Map([
        ['a', '7'],
        ['n', '2'],
        ['1', 'one'],
      ]),
    );
    expect(bound).toEqual({
      sql: 'select x::int=$1, f($2), $3::text',
      values: ['7', '2', 'one'],
      used: new Set(['a', 'n', '1']),
    });
  });

  it('leaves :name alone inside a tagged dollar body that holds $$ and quotes, and in nested comments', () => {
    const sql =
      "create procedure p() as $body$ begin select ':a', $$ :a $$; end $body$ /* a /* :a */ :a */ :a";
    const bound = bindParameters(sql, new Map([['a', '1']]));
    expect(bound.sql).toBe(
      "create procedure p() as $body$ begin select ':a', $$ :a $$; end $body$ /* a /* :a */ :a */ $1",
    );
  });

  it('binds up to an unterminated string or comment and leaves the rest for the engine to report', () => {
    const parameters = new Map([['a', '1']]);
    expect(bindParameters("select :a, 'open :a", parameters).sql).toBe("select $1, 'open :a");
    expect(bindParameters('select :a /* open :a', parameters).sql).toBe('select $1 /* open :a');
    expect(bindParameters('select :a, $$ open :a', parameters).sql).toBe('select $1, $$ open :a');
  });

  it('takes the Data API name ([0-9a-zA-Z_]+) of a placeholder and keeps what follows as SQL', () => {
    const bound = bindParameters('select :a$b, :é', new Map([['a', '1']]));
    expect(bound.sql).toBe('select $1$b, :é');
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
