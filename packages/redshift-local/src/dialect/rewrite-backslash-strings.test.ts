import { describe, expect, it } from 'vitest';
import { escapeLiteral, rewriteBackslashStrings } from './rewrite-backslash-strings';
import { splitStatements } from './split-statements';
import { tokenize } from './tokenize';

describe('rewriteBackslashStrings', () => {
  it("reads \\' as a quote and \\\\ as one backslash, as Redshift does, and writes PostgreSQL literals of the same value", () => {
    expect(rewriteBackslashStrings("select 'it\\'s', 'a\\\\b'")).toBe("select 'it''s', E'a\\\\b'");
  });

  it('keeps other backslashes as written (COPY options such as NULL AS \\N and DELIMITER \\t keep their text)', () => {
    const sql = "select 'C:\\temp', '\\N'";
    expect(rewriteBackslashStrings(sql)).toBe("select E'C:\\\\temp', E'\\\\N'");
    expect(
      tokenize(rewriteBackslashStrings(sql))
        .filter((token) => token.type === 'string')
        .map((token) => token.value),
    ).toEqual(['C:\\temp', '\\N']);
  });

  it('leaves SQL without backslashes, E strings, comments and dollar bodies alone', () => {
    for (const sql of ["select 'a''b'", "select E'x\\ny' -- it\\'s", 'select $$a\\b$$']) {
      expect(rewriteBackslashStrings(sql)).toBe(sql);
    }
  });

  it('separates the E prefix from a word written right before the literal', () => {
    expect(rewriteBackslashStrings("select'a\\\\b'")).toBe("select E'a\\\\b'");
  });

  it("splits statements where Redshift does: a ; after \\' is inside the string", () => {
    expect(splitStatements("select 'a\\'; b'; select 2")).toHaveLength(2);
  });
});

describe('escapeLiteral', () => {
  it('quotes a value as a standard literal, or an E literal when it holds a backslash', () => {
    expect(escapeLiteral("it's")).toBe("'it''s'");
    expect(escapeLiteral('a\\')).toBe("E'a\\\\'");
  });
});
