import { quoteLiteral } from './token-list';
import { isTrivia, type Token, tokenize } from './tokenize';

/**
 * Redshift reads a backslash in a plain string literal as an escape: `'it\'s'` is `it's` and `'a\\b'` is
 * `a\b` (the way AWS's own stored procedures quote). PostgreSQL (standard_conforming_strings on) reads
 * backslashes literally, so every plain literal with a backslash is written as an `E'…'` literal of the
 * same value; other literals, comments and bodies are kept as written.
 *
 * @example
 * ```ts
 * rewriteBackslashStrings("select 'it\\'s'"); // "select E'it''s'"
 * ```
 */
export function rewriteBackslashStrings(sql: string): string {
  if (!sql.includes('\\')) return sql;
  const tokens = tokenize(sql);
  let output = '';
  let previous: Token | undefined;
  for (const token of tokens) {
    if (token.type === 'string' && token.tag === '' && token.text.includes('\\')) {
      // A word, number or identifier right before would swallow the E prefix: keep them apart.
      const glued = previous !== undefined && !isTrivia(previous) && /[A-Za-z0-9_$"]$/.test(previous.text);
      output += `${glued ? ' ' : ''}${escapeLiteral(token.value)}`;
    } else {
      output += token.text;
    }
    previous = token;
  }
  return output;
}

/** `value` as a literal both dialects read alike (see {@link quoteLiteral}). */
export const escapeLiteral = quoteLiteral;
