import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedshiftSyntaxError } from './errors';
import { tokenize } from './tokenize';

const significant = (sql: string) =>
  tokenize(sql)
    .filter((token) => token.type !== 'whitespace')
    .map((token) => [token.type, token.text]);

describe('tokenize', () => {
  it('splits words, numbers, operators and punctuation', () => {
    expect(significant('select a.b, 1.5e3 from t where x<>2;')).toEqual([
      ['word', 'select'],
      ['word', 'a'],
      ['punctuation', '.'],
      ['word', 'b'],
      ['punctuation', ','],
      ['number', '1.5e3'],
      ['word', 'from'],
      ['word', 't'],
      ['word', 'where'],
      ['word', 'x'],
      ['operator', '<>'],
      ['number', '2'],
      ['punctuation', ';'],
    ]);
  });

  it("reads '' inside strings and decodes the value", () => {
    const [token] = tokenize("'it''s; -- not a comment'");
    expect(token).toMatchObject({ type: 'string', value: "it's; -- not a comment", tag: '' });
  });

  it("reads E'' strings with backslash escapes", () => {
    const [token] = tokenize("E'a\\'b\\n\\x41\\101'");
    expect(token).toMatchObject({ type: 'string', value: "a'b\nAA", tag: 'E' });
    expect(tokenize("e'x'")[0]).toMatchObject({ type: 'string', tag: 'E' });
  });

  it('keeps a backslash literal in standard strings', () => {
    expect(tokenize("'\\N'")[0]).toMatchObject({ type: 'string', value: '\\N' });
  });

  it('reads line comments and nested block comments', () => {
    expect(significant("a -- x ' y\n/* outer /* inner */ still ' comment */ b")).toEqual([
      ['word', 'a'],
      ['line-comment', "-- x ' y"],
      ['block-comment', "/* outer /* inner */ still ' comment */"],
      ['word', 'b'],
    ]);
  });

  it('reads quoted identifiers with "" escapes', () => {
    expect(tokenize('"My ""Table"""')[0]).toMatchObject({ type: 'quoted-identifier', value: 'My "Table"' });
  });

  it('reads dollar-quoted bodies with and without tags, keeping inner quotes and semicolons', () => {
    const tokens = tokenize("$$ select ';' $$ $body$ a $$ b $body$");
    expect(tokens.filter((token) => token.type === 'dollar-string')).toMatchObject([
      { value: " select ';' ", tag: '' },
      { value: ' a $$ b ', tag: 'body' },
    ]);
  });

  it('tells parameters from casts', () => {
    expect(significant('x::text = :name and y = $1')).toEqual([
      ['word', 'x'],
      ['operator', '::'],
      ['word', 'text'],
      ['operator', '='],
      ['parameter', ':name'],
      ['word', 'and'],
      ['word', 'y'],
      ['operator', '='],
      ['parameter', '$1'],
    ]);
  });

  it('reads a :name parameter after an operator or a cast, and one that starts with a digit', () => {
    expect(significant('a=:b::int, c[1:2], x:::y')).toEqual([
      ['word', 'a'],
      ['operator', '='],
      ['parameter', ':b'],
      ['operator', '::'],
      ['word', 'int'],
      ['punctuation', ','],
      ['word', 'c'],
      ['punctuation', '['],
      ['number', '1'],
      ['parameter', ':2'],
      ['punctuation', ']'],
      ['punctuation', ','],
      ['word', 'x'],
      ['operator', '::'],
      ['parameter', ':y'],
    ]);
  });

  it('with allowUnterminated, reads an open string, identifier, comment or body to the end of the input', () => {
    for (const [sql, type, start] of [
      ["select 'open", 'string', 7],
      ["select E'open\\", 'string', 7],
      ['select "open', 'quoted-identifier', 7],
      ['select /* /* */', 'block-comment', 7],
      ['do $x$ begin', 'dollar-string', 3],
    ] as const) {
      const tokens = tokenize(sql, { allowUnterminated: true });
      expect(tokens.map((token) => token.text).join('')).toBe(sql);
      expect(tokens.at(-1)).toMatchObject({ type, start });
    }
  });

  it('lower-cases word values and keeps the text', () => {
    expect(tokenize('SELECT')[0]).toMatchObject({ text: 'SELECT', value: 'select' });
  });

  it.each([
    ["select 'open", 'unterminated string literal', 7],
    ['select "open', 'unterminated quoted identifier', 7],
    ['select /* /* */', 'unterminated /* comment', 7],
    ['do $x$ begin', 'unterminated dollar-quoted string $x$', 3],
  ])('throws RedshiftSyntaxError for %j', (sql, message, position) => {
    const error = (() => {
      try {
        tokenize(sql);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(RedshiftSyntaxError);
    expect((error as RedshiftSyntaxError).message).toContain(message);
    expect((error as RedshiftSyntaxError).position).toBe(position);
    expect((error as RedshiftSyntaxError).code).toBe('REDSHIFT_SYNTAX');
  });

  it('gives the input back when the token texts are joined', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab1 .,;:$\'"-/*\nE()'.split('')), maxLength: 40 }),
        (sql) => {
          let tokens: ReturnType<typeof tokenize>;
          try {
            tokens = tokenize(sql);
          } catch (error) {
            // Unterminated constructs are rejected with a typed error; that is the only allowed failure.
            expect(error).toBeInstanceOf(RedshiftSyntaxError);
            return;
          }
          expect(tokens.map((token) => token.text).join('')).toBe(sql);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
