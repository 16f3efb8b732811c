import { describe, expect, it } from 'vitest';
import { NotEmulatedError } from './errors';
import { ExpressionWindow } from './expression-window';
import { rewriteTypeName } from './rewrite-type-name';
import { TokenRanges } from './token-ranges';
import { tokenize } from './tokenize';

/** Rewrites the first word spelled `word` in `sql`, as the expression rewriter would reach it. */
function rewriteWord(sql: string, word: string) {
  const tokens = tokenize(sql);
  const window = new ExpressionWindow(new TokenRanges(tokens, sql), 0, tokens.length, false, false);
  const index = tokens.findIndex((token) => token.type === 'word' && token.value === word);
  const next = window.nextSignificant(index + 1);
  const rewritten = rewriteTypeName(window, index, next, window.isPunctuation(next, '('));
  return rewritten && { text: rewritten.text, endText: tokens[rewritten.end]!.text };
}

describe('rewriteTypeName', () => {
  it('gives VARCHAR(MAX) the longest PostgreSQL length and consumes its parentheses', () => {
    expect(rewriteWord('x::varchar(max)', 'varchar')).toEqual({ text: 'varchar(65535)', endText: ')' });
    expect(rewriteWord('x::nvarchar( max )', 'nvarchar')).toEqual({ text: 'varchar(65535)', endText: ')' });
  });

  it('turns VARBYTE(n) and BINARY VARYING in type position into bytea', () => {
    expect(rewriteWord('x::varbyte(8)', 'varbyte')).toEqual({ text: 'bytea', endText: ')' });
    expect(rewriteWord('x::varbyte(8)$$a$$', 'varbyte')).toEqual({ text: 'bytea ', endText: ')' });
    expect(rewriteWord('x::binary varying', 'binary')).toEqual({ text: 'bytea', endText: 'varying' });
    expect(rewriteWord('select varbyte from t', 'varbyte')).toBeUndefined();
  });

  it('rewrites SUPER, a bare NUMERIC and NCHAR in type position only', () => {
    expect(rewriteWord('x::super', 'super')).toEqual({ text: 'jsonb', endText: 'super' });
    expect(rewriteWord('x::numeric', 'numeric')).toEqual({ text: 'numeric(18,0)', endText: 'numeric' });
    expect(rewriteWord('x::numeric(5,2)', 'numeric')).toBeUndefined();
    expect(rewriteWord('x::nchar', 'nchar')).toEqual({ text: 'char', endText: 'nchar' });
    expect(rewriteWord('select super from t', 'super')).toBeUndefined();
  });

  it('qualifies DATE as a type but keeps a column named date', () => {
    expect(rewriteWord('x::date', 'date')).toEqual({ text: 'pg_catalog.date', endText: 'date' });
    expect(rewriteWord('select date from t', 'date')).toBeUndefined();
  });

  it('throws NotEmulatedError for a type without a PostgreSQL counterpart', () => {
    expect(() => rewriteWord('x::geometry', 'geometry')).toThrow(NotEmulatedError);
    expect(() => rewriteWord('x::geometry', 'geometry')).toThrow('type GEOMETRY');
  });
});
