import { RedshiftSyntaxError } from './errors';

/**
 * How backslashes inside quotes are read. `standard`: they are plain characters (quoted identifiers, `N''`,
 * `B''`, `X''`, `U&''`). `escape`: PostgreSQL's `E''` escapes. `redshift`: a plain `'…'` literal as Redshift
 * reads it: `\'` is a quote and `\\` one backslash, any other backslash is kept as written (so COPY options
 * such as `NULL AS '\N'` and `DELIMITER '\t'` keep their text).
 */
export type BackslashMode = 'standard' | 'escape' | 'redshift';

/**
 * Reads the quoted text whose opening `quote` is at `open`: a doubled quote stands for one, and backslashes
 * are read as `mode` says. Returns the index after the closing quote and the value between the quotes.
 *
 * @throws RedshiftSyntaxError when the quote is not closed (unless `allowUnterminated`: then the value runs
 * to the end of the input).
 * @example
 * ```ts
 * readQuoted("x 'it''s'", 2, "'", 'redshift', false); // { end: 9, value: "it's" }
 * ```
 */
export function readQuoted(
  sql: string,
  open: number,
  quote: string,
  mode: BackslashMode,
  allowUnterminated: boolean,
): { end: number; value: string } {
  const backslashEscapes = mode === 'escape';
  let value = '';
  let index = open + 1;
  for (;;) {
    if (index >= sql.length) {
      if (allowUnterminated) return { end: sql.length, value };
      throw new RedshiftSyntaxError(
        quote === '"' ? 'unterminated quoted identifier' : 'unterminated string literal',
        sql,
        open,
      );
    }
    const character = sql[index]!;
    if (character === quote) {
      if (sql[index + 1] === quote) {
        value += quote;
        index += 2;
        continue;
      }
      return { end: index + 1, value };
    }
    if (mode === 'redshift' && character === '\\' && (sql[index + 1] === quote || sql[index + 1] === '\\')) {
      value += sql[index + 1];
      index += 2;
      continue;
    }
    if (backslashEscapes && character === '\\' && index + 1 < sql.length) {
      const escaped = sql[index + 1]!;
      const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (escaped in simple) {
        value += simple[escaped];
        index += 2;
      } else if (escaped === 'x') {
        const hex = /^[0-9A-Fa-f]{1,2}/.exec(sql.slice(index + 2, index + 4));
        if (hex) {
          value += String.fromCharCode(Number.parseInt(hex[0], 16));
          index += 2 + hex[0].length;
        } else {
          value += 'x';
          index += 2;
        }
      } else if (/[0-7]/.test(escaped)) {
        const octal = /^[0-7]{1,3}/.exec(sql.slice(index + 1, index + 4))!;
        value += String.fromCharCode(Number.parseInt(octal[0], 8));
        index += 1 + octal[0].length;
      } else {
        value += escaped;
        index += 2;
      }
      continue;
    }
    value += character;
    index++;
  }
}
