import { describe, expect, it } from 'vitest';
import { RedshiftSyntaxError } from './dialect/errors';
import { isTrivia, tokenize } from './dialect/tokenize';
import { isWord, UnloadTokenCursor } from './unload-token-cursor';

function cursorOver(sql: string): UnloadTokenCursor {
  return new UnloadTokenCursor(
    sql,
    tokenize(sql).filter((token) => !isTrivia(token)),
    0,
  );
}

describe('UnloadTokenCursor', () => {
  it('reads tokens in order and says when it is done', () => {
    const cursor = cursorOver("to 's3://b'");

    expect(cursor.next()?.value).toBe('to');
    expect(cursor.done).toBe(false);
    expect(cursor.stringArgument('TO')).toBe('s3://b');
    expect(cursor.done).toBe(true);
    expect(cursor.next()).toBeUndefined();
  });

  it('skips a word only when it is one of those given', () => {
    const cursor = cursorOver('as csv');

    expect(cursor.skipWord('to')).toBe(false);
    expect(cursor.nextIsWord('as')).toBe(true);
    expect(cursor.skipWord('on', 'as')).toBe(true);
    expect(cursor.nextIsWord('csv')).toBe(true);
  });

  it('refuses a token that is not a quoted string where one is needed, at that token', () => {
    const sql = 'delimiter x';
    const cursor = cursorOver(sql);
    cursor.next();

    expect(() => cursor.stringArgument('DELIMITER')).toThrow(RedshiftSyntaxError);
    expect(() => cursorOver(sql).fail('at the start')).toThrow(expect.objectContaining({ position: 0 }));
    const again = cursorOver(sql);
    again.next();
    expect(() => again.stringArgument('DELIMITER')).toThrow(
      expect.objectContaining({
        position: sql.indexOf('x'),
        message: expect.stringContaining('UNLOAD DELIMITER needs a quoted string'),
      }),
    );
  });

  it('points an error past the end at the last token', () => {
    const sql = 'unload (';
    const cursor = cursorOver(sql);
    cursor.next();
    cursor.next();

    expect(() => cursor.fail('needs more')).toThrow(expect.objectContaining({ position: sql.indexOf('(') }));
  });
});

describe('isWord', () => {
  it('matches words by their lower-cased value only', () => {
    const [word, string] = tokenize("TO 'to'");

    expect(isWord(word, 'to')).toBe(true);
    expect(isWord(word, 'from')).toBe(false);
    expect(isWord(string, 'to')).toBe(false);
    expect(isWord(undefined, 'to')).toBe(false);
  });
});
