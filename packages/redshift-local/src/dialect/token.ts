/** Kinds of token `tokenize` produces. */
export type TokenType =
  | 'whitespace'
  | 'line-comment'
  | 'block-comment'
  | 'word'
  | 'quoted-identifier'
  | 'string'
  | 'dollar-string'
  | 'number'
  | 'parameter'
  | 'operator'
  | 'punctuation';

/** One lexical token of SQL text; concatenating every token's `text` gives the input back. */
export interface Token {
  readonly type: TokenType;
  /** The exact source text of the token. */
  readonly text: string;
  /** Offset of the first character in the input. */
  readonly start: number;
  /**
   * For `word`: the lower-cased word. For `string`: the decoded value (escapes resolved).
   * For `quoted-identifier`: the identifier with `""` resolved. For `dollar-string`: the body.
   * Otherwise the text itself.
   */
  readonly value: string;
  /** For `dollar-string`: the tag between the dollars (empty for `$$`). For `string`: the prefix (`E`, `N`, `B`, `X`, `U&` or empty). */
  readonly tag?: string | undefined;
}
