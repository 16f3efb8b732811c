import { scanToken } from './scan-token';
import type { Token } from './token';

export type { Token, TokenType } from './token';

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /**
   * When true, a string, quoted identifier, block comment or dollar-quoted body that is not terminated
   * becomes one token running to the end of the input instead of an error. For scanners that must not
   * refuse SQL the engine reports on later (parameter binding runs before the dialect). Defaults to false.
   */
  readonly allowUnterminated?: boolean | undefined;
}

/**
 * Splits SQL text into tokens the way Redshift lexes it: single-quoted strings with `''` and Redshift's `\'` and `\\`
 * (and `E''` with backslash escapes), `--` and nested `/* *\/` comments, `"quoted identifiers"`,
 * `$tag$` dollar-quoted bodies, numbers, `:name` and `$1` parameters, operators and punctuation.
 * This is the one place in redshift-local that knows these lexical rules (it reads each token with
 * `scanToken`, in scan-token.ts): the dialect, the statement
 * splitter and Data API parameter binding all read SQL through it.
 *
 * A `:` starts a `:name` parameter when a letter, digit or `_` follows and the colons before it pair
 * up into `::` casts (`x::int = :a`).
 *
 * @throws RedshiftSyntaxError when a string, quoted identifier, comment or dollar-quoted body is not
 * terminated (unless `options.allowUnterminated`).
 * @example
 * ```ts
 * tokenize("select 'it''s' -- note").map((token) => token.type);
 * // ['word', 'whitespace', 'string', 'whitespace', 'line-comment']
 * ```
 */
export function tokenize(sql: string, options?: TokenizeOptions): Token[] {
  const allowUnterminated = options?.allowUnterminated === true;
  const tokens: Token[] = [];
  const length = sql.length;
  let position = 0;
  while (position < length) position = scanToken(tokens, sql, position, allowUnterminated);
  return tokens;
}

/** Whether a token carries no meaning for the parser (whitespace or a comment). */
export function isTrivia(token: Token): boolean {
  return token.type === 'whitespace' || token.type === 'line-comment' || token.type === 'block-comment';
}
