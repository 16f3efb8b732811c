import { RedshiftSyntaxError } from './errors';
import { isTrivia, type Token } from './tokenize';

/** Helpers to walk a token array by its significant (non-whitespace, non-comment) tokens. */
export class TokenList {
  readonly tokens: readonly Token[];
  readonly sql: string;

  constructor(tokens: readonly Token[], sql: string) {
    this.tokens = tokens;
    this.sql = sql;
  }

  /** Index of the first significant token at or after `index`, or `tokens.length`. */
  nextSignificant(index: number): number {
    let position = index;
    while (position < this.tokens.length && isTrivia(this.tokens[position]!)) position++;
    return position;
  }

  /** Index of the last significant token before `index`, or -1. */
  previousSignificant(index: number): number {
    let position = index - 1;
    while (position >= 0 && isTrivia(this.tokens[position]!)) position--;
    return position;
  }

  /** Whether the token at `index` is the word `word` (lower case). */
  isWord(index: number, ...words: string[]): boolean {
    const token = this.tokens[index];
    return token !== undefined && token.type === 'word' && words.includes(token.value);
  }

  /** Whether the token at `index` is the punctuation `text`. */
  isPunctuation(index: number, text: string): boolean {
    const token = this.tokens[index];
    return token !== undefined && token.type === 'punctuation' && token.text === text;
  }

  /** Index of the `)` that closes the `(` at `open`. */
  matchParenthesis(open: number): number {
    let depth = 0;
    for (let index = open; index < this.tokens.length; index++) {
      const token = this.tokens[index]!;
      if (token.type !== 'punctuation') continue;
      if (token.text === '(') depth++;
      else if (token.text === ')') {
        depth--;
        if (depth === 0) return index;
      }
    }
    throw new RedshiftSyntaxError('unbalanced parenthesis', this.sql, this.tokens[open]?.start ?? 0);
  }

  /** Splits the tokens strictly between `open` and `close` on top-level commas. */
  splitArguments(open: number, close: number): Token[][] {
    const parts: Token[][] = [[]];
    let depth = 0;
    for (let index = open + 1; index < close; index++) {
      const token = this.tokens[index]!;
      if (token.type === 'punctuation' && (token.text === '(' || token.text === '[')) depth++;
      if (token.type === 'punctuation' && (token.text === ')' || token.text === ']')) depth--;
      if (depth === 0 && token.type === 'punctuation' && token.text === ',') parts.push([]);
      else parts.at(-1)!.push(token);
    }
    return parts;
  }

  /** The source text of tokens `from` (inclusive) to `to` (exclusive). */
  text(from: number, to: number): string {
    return this.tokens
      .slice(from, to)
      .map((token) => token.text)
      .join('');
  }
}

/**
 * Quotes a value as an SQL string literal that Redshift and PostgreSQL read alike: a standard literal, or an
 * `E'…'` literal with doubled backslashes when the value holds a backslash (a plain literal's backslashes are
 * escapes on Redshift and plain characters on PostgreSQL), so translated SQL reads the same when translated again.
 */
export function quoteLiteral(value: string): string {
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}
