import { RedshiftSyntaxError } from './errors';

/** Kinds of token {@link tokenize} produces. */
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

const identifierStart = /[A-Za-z_\u0080-\uffff]/;
const identifierPart = /[A-Za-z0-9_$\u0080-\uffff]/;
/**
 * First character of a `:name` placeholder: a Data API parameter name is `[0-9a-zA-Z_]+`, so a digit
 * may start one (`:1`); non-ASCII letters are accepted here too and left to the binder to refuse.
 */
const placeholderStart = /[A-Za-z0-9_\u0080-\uffff]/;
const operatorCharacters = '+-*/<>=~!@#%^&|`?:';
const punctuationCharacters = '(),;[].';

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
 * This is the one place in redshift-local that knows these lexical rules: the dialect, the statement
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
  let position = 0;
  const length = sql.length;
  const push = (type: TokenType, start: number, end: number, value?: string, tag?: string): void => {
    const text = sql.slice(start, end);
    tokens.push(
      tag === undefined
        ? { type, text, start, value: value ?? text }
        : { type, text, start, value: value ?? text, tag },
    );
    position = end;
  };

  while (position < length) {
    const start = position;
    const character = sql[position]!;
    const next = sql[position + 1];

    if (/\s/.test(character)) {
      let end = position + 1;
      while (end < length && /\s/.test(sql[end]!)) end++;
      push('whitespace', start, end);
    } else if (character === '-' && next === '-') {
      let end = position + 2;
      while (end < length && sql[end] !== '\n') end++;
      push('line-comment', start, end);
    } else if (character === '/' && next === '*') {
      let depth = 1;
      let end = position + 2;
      while (depth > 0) {
        if (end >= length) {
          if (allowUnterminated) break;
          throw new RedshiftSyntaxError('unterminated /* comment', sql, start);
        }
        if (sql[end] === '/' && sql[end + 1] === '*') {
          depth++;
          end += 2;
        } else if (sql[end] === '*' && sql[end + 1] === '/') {
          depth--;
          end += 2;
        } else end++;
      }
      push('block-comment', start, end);
    } else if (character === "'") {
      const { end, value } = readQuoted(sql, position, "'", 'redshift', allowUnterminated);
      push('string', start, end, value, '');
    } else if ((character === 'E' || character === 'e') && next === "'") {
      const { end, value } = readQuoted(sql, position + 1, "'", 'escape', allowUnterminated);
      push('string', start, end, value, 'E');
    } else if (/[NnBbXx]/.test(character) && next === "'") {
      const { end, value } = readQuoted(sql, position + 1, "'", 'standard', allowUnterminated);
      push('string', start, end, value, character.toUpperCase());
    } else if (
      (character === 'U' || character === 'u') &&
      next === '&' &&
      (sql[position + 2] === "'" || sql[position + 2] === '"')
    ) {
      const quote = sql[position + 2]!;
      const { end, value } = readQuoted(sql, position + 2, quote, 'standard', allowUnterminated);
      if (quote === "'") push('string', start, end, value, 'U&');
      else push('quoted-identifier', start, end, value);
    } else if (character === '"') {
      const { end, value } = readQuoted(sql, position, '"', 'standard', allowUnterminated);
      push('quoted-identifier', start, end, value);
    } else if (character === '$') {
      const dollar = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(
        sql.slice(position, position + 200),
      );
      if (dollar) {
        const delimiter = dollar[0];
        const bodyStart = position + delimiter.length;
        const close = sql.indexOf(delimiter, bodyStart);
        if (close >= 0) {
          push(
            'dollar-string',
            start,
            close + delimiter.length,
            sql.slice(bodyStart, close),
            dollar[1] ?? '',
          );
        } else if (allowUnterminated) {
          push('dollar-string', start, length, sql.slice(bodyStart), dollar[1] ?? '');
        } else {
          throw new RedshiftSyntaxError(`unterminated dollar-quoted string ${delimiter}`, sql, start);
        }
      } else if (next !== undefined && /[0-9]/.test(next)) {
        let end = position + 1;
        while (end < length && /[0-9]/.test(sql[end]!)) end++;
        push('parameter', start, end);
      } else {
        push('operator', start, position + 1);
      }
    } else if (identifierStart.test(character)) {
      let end = position + 1;
      while (end < length && identifierPart.test(sql[end]!)) end++;
      push('word', start, end, sql.slice(start, end).toLowerCase());
    } else if (/[0-9]/.test(character) || (character === '.' && next !== undefined && /[0-9]/.test(next))) {
      const number = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(
        sql.slice(position, position + 400),
      );
      push('number', start, position + (number?.[0].length ?? 1));
    } else if (character === ':' && startsPlaceholder(sql, position)) {
      let end = position + 2;
      while (end < length && identifierPart.test(sql[end]!)) end++;
      push('parameter', start, end);
    } else if (punctuationCharacters.includes(character)) {
      push('punctuation', start, position + 1);
    } else if (operatorCharacters.includes(character)) {
      let end = position + 1;
      while (
        end < length &&
        operatorCharacters.includes(sql[end]!) &&
        !(sql[end] === '-' && sql[end + 1] === '-') &&
        !(sql[end] === '/' && sql[end + 1] === '*') &&
        !(sql[end] === ':' && startsPlaceholder(sql, end))
      ) {
        end++;
      }
      push('operator', start, end);
    } else {
      push('operator', start, position + 1);
    }
  }
  return tokens;
}

/**
 * Whether the `:` at `position` starts a `:name` parameter: a name character follows, and the colons
 * before it pair up into `::` casts (`x::int`, `a:::b` is `a` `::` `:b`).
 */
function startsPlaceholder(sql: string, position: number): boolean {
  const next = sql[position + 1];
  if (next === undefined || !placeholderStart.test(next)) return false;
  let colonsBefore = 0;
  while (sql[position - 1 - colonsBefore] === ':') colonsBefore++;
  return colonsBefore % 2 === 0;
}

/**
 * How backslashes inside quotes are read. `standard`: they are plain characters (quoted identifiers, `N''`,
 * `B''`, `X''`, `U&''`). `escape`: PostgreSQL's `E''` escapes. `redshift`: a plain `'…'` literal as Redshift
 * reads it: `\'` is a quote and `\\` one backslash, any other backslash is kept as written (so COPY options
 * such as `NULL AS '\N'` and `DELIMITER '\t'` keep their text).
 */
type BackslashMode = 'standard' | 'escape' | 'redshift';

function readQuoted(
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

/** Whether a token carries no meaning for the parser (whitespace or a comment). */
export function isTrivia(token: Token): boolean {
  return token.type === 'whitespace' || token.type === 'line-comment' || token.type === 'block-comment';
}
