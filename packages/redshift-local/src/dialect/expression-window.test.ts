import { describe, expect, it } from 'vitest';
import { ExpressionWindow } from './expression-window';
import { TokenRanges } from './token-ranges';
import { tokenize } from './tokenize';

function windowOver(sql: string, from = 0, to?: number, insideCast = false, typeAtStart = false) {
  const tokens = tokenize(sql);
  const window = new ExpressionWindow(
    new TokenRanges(tokens, sql),
    from,
    to ?? tokens.length,
    insideCast,
    typeAtStart,
  );
  return { tokens, window, at: (text: string) => tokens.findIndex((token) => token.text === text) };
}

describe('ExpressionWindow', () => {
  it('steps over whitespace and comments to the neighbouring significant tokens', () => {
    const { window, at } = windowOver('a /* c */ , -- d\n b');
    expect(window.nextSignificant(at('a') + 1)).toBe(at(','));
    expect(window.previousSignificant(at('b'))).toBe(at(','));
  });

  it('reads nothing outside its range', () => {
    const { window, at } = windowOver('x::int', 1, 3);
    expect(window.inRange(at('x'))).toBeUndefined();
    expect(window.isWord(at('x'), 'x')).toBe(false);
    expect(window.isWord(at('int'), 'int')).toBe(true);
    expect(window.previousSignificant(at('::'))).toBe(0);
  });

  it('puts a word after :: in type position, and after AS only inside a cast', () => {
    const cast = windowOver('x::int');
    expect(cast.window.isTypePosition(cast.at('int'))).toBe(true);
    expect(cast.window.isTypePosition(cast.at('x'))).toBe(false);
    const outside = windowOver('x as int');
    expect(outside.window.isTypePosition(outside.at('int'))).toBe(false);
    const inside = windowOver('x as int', 0, undefined, true);
    expect(inside.window.isTypePosition(inside.at('int'))).toBe(true);
  });

  it('puts the first word in type position when the range follows the AS of a cast', () => {
    expect(windowOver(' int', 0, undefined, false, true).window.isTypePosition(1)).toBe(true);
    expect(windowOver(' int', 0, undefined, false, false).window.isTypePosition(1)).toBe(false);
  });

  it('matches punctuation by its text', () => {
    const { window, at } = windowOver('f(a)');
    expect(window.isPunctuation(at('('), '(')).toBe(true);
    expect(window.isPunctuation(at('a'), '(')).toBe(false);
  });
});
