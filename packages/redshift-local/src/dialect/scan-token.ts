import { RedshiftSyntaxError } from './errors';
import { readQuoted } from './read-quoted';
import type { Token, TokenType } from './token';

const identifierStart = /[A-Za-z_\u0080-\uffff]/;
const identifierPart = /[A-Za-z0-9_$\u0080-\uffff]/;
/**
 * First character of a `:name` placeholder: a Data API parameter name is `[0-9a-zA-Z_]+`, so a digit
 * may start one (`:1`); non-ASCII letters are accepted here too and left to the binder to refuse.
 */
const placeholderStart = /[A-Za-z0-9_\u0080-\uffff]/;
const operatorCharacters = '+-*/<>=~!@#%^&|`?:';
const punctuationCharacters = '(),;[].';

/**
 * Reads the one token that starts at `position` of `sql`, appends it to `tokens` and returns the index
 * after it: the lexical rules of {@link tokenize}, tried in order (whitespace, comments, quoted forms,
 * dollar forms, words, numbers, `:name`, punctuation, operators).
 *
 * @throws RedshiftSyntaxError when a string, quoted identifier, comment or dollar-quoted body is not
 * terminated (unless `allowUnterminated`).
 * @example
 * ```ts
 * const tokens: Token[] = [];
 * scanToken(tokens, "x 'a'", 2, false); // 5; tokens[0] is the string token 'a'
 * ```
 */
export function scanToken(
  tokens: Token[],
  sql: string,
  position: number,
  allowUnterminated: boolean,
): number {
  const character = sql[position]!;
  const next = sql[position + 1];

  if (/\s/.test(character))
    return pushToken(tokens, sql, 'whitespace', position, whitespaceEnd(sql, position));
  if (character === '-' && next === '-') {
    return pushToken(tokens, sql, 'line-comment', position, lineCommentEnd(sql, position));
  }
  if (character === '/' && next === '*') {
    return pushToken(
      tokens,
      sql,
      'block-comment',
      position,
      blockCommentEnd(sql, position, allowUnterminated),
    );
  }
  if (character === "'") {
    const { end, value } = readQuoted(sql, position, "'", 'redshift', allowUnterminated);
    return pushToken(tokens, sql, 'string', position, end, value, '');
  }
  if ((character === 'E' || character === 'e') && next === "'") {
    const { end, value } = readQuoted(sql, position + 1, "'", 'escape', allowUnterminated);
    return pushToken(tokens, sql, 'string', position, end, value, 'E');
  }
  if (/[NnBbXx]/.test(character) && next === "'") {
    const { end, value } = readQuoted(sql, position + 1, "'", 'standard', allowUnterminated);
    return pushToken(tokens, sql, 'string', position, end, value, character.toUpperCase());
  }
  if (
    (character === 'U' || character === 'u') &&
    next === '&' &&
    (sql[position + 2] === "'" || sql[position + 2] === '"')
  ) {
    const quote = sql[position + 2]!;
    const { end, value } = readQuoted(sql, position + 2, quote, 'standard', allowUnterminated);
    if (quote === "'") return pushToken(tokens, sql, 'string', position, end, value, 'U&');
    return pushToken(tokens, sql, 'quoted-identifier', position, end, value);
  }
  if (character === '"') {
    const { end, value } = readQuoted(sql, position, '"', 'standard', allowUnterminated);
    return pushToken(tokens, sql, 'quoted-identifier', position, end, value);
  }
  if (character === '$') return scanDollar(tokens, sql, position, allowUnterminated);
  if (identifierStart.test(character)) {
    const end = identifierEnd(sql, position + 1);
    return pushToken(tokens, sql, 'word', position, end, sql.slice(position, end).toLowerCase());
  }
  if (/[0-9]/.test(character) || (character === '.' && next !== undefined && /[0-9]/.test(next))) {
    return pushToken(tokens, sql, 'number', position, numberEnd(sql, position));
  }
  if (character === ':' && startsPlaceholder(sql, position)) {
    return pushToken(tokens, sql, 'parameter', position, identifierEnd(sql, position + 2));
  }
  if (punctuationCharacters.includes(character))
    return pushToken(tokens, sql, 'punctuation', position, position + 1);
  if (operatorCharacters.includes(character)) {
    return pushToken(tokens, sql, 'operator', position, operatorEnd(sql, position));
  }
  return pushToken(tokens, sql, 'operator', position, position + 1);
}

/** Appends the token `start`..`end` of `sql` and returns `end`. */
function pushToken(
  tokens: Token[],
  sql: string,
  type: TokenType,
  start: number,
  end: number,
  value?: string,
  tag?: string,
): number {
  const text = sql.slice(start, end);
  tokens.push(
    tag === undefined
      ? { type, text, start, value: value ?? text }
      : { type, text, start, value: value ?? text, tag },
  );
  return end;
}

function whitespaceEnd(sql: string, start: number): number {
  const length = sql.length;
  let end = start + 1;
  while (end < length && /\s/.test(sql[end]!)) end++;
  return end;
}

/** A `--` comment runs to the end of its line (the newline is not part of it). */
function lineCommentEnd(sql: string, start: number): number {
  const length = sql.length;
  let end = start + 2;
  while (end < length && sql[end] !== '\n') end++;
  return end;
}

/** A `/* *\/` comment nests, as in PostgreSQL. */
function blockCommentEnd(sql: string, start: number, allowUnterminated: boolean): number {
  const length = sql.length;
  let depth = 1;
  let end = start + 2;
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
  return end;
}

/** A `$tag$…$tag$` body, a `$1` parameter, or else a lone `$` operator. */
function scanDollar(tokens: Token[], sql: string, start: number, allowUnterminated: boolean): number {
  const length = sql.length;
  const dollar = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(
    sql.slice(start, start + 200),
  );
  if (dollar) {
    const delimiter = dollar[0];
    const bodyStart = start + delimiter.length;
    const close = sql.indexOf(delimiter, bodyStart);
    if (close >= 0) {
      return pushToken(
        tokens,
        sql,
        'dollar-string',
        start,
        close + delimiter.length,
        sql.slice(bodyStart, close),
        dollar[1] ?? '',
      );
    }
    if (allowUnterminated) {
      return pushToken(tokens, sql, 'dollar-string', start, length, sql.slice(bodyStart), dollar[1] ?? '');
    }
    throw new RedshiftSyntaxError(`unterminated dollar-quoted string ${delimiter}`, sql, start);
  }
  const next = sql[start + 1];
  if (next !== undefined && /[0-9]/.test(next)) {
    let end = start + 1;
    while (end < length && /[0-9]/.test(sql[end]!)) end++;
    return pushToken(tokens, sql, 'parameter', start, end);
  }
  return pushToken(tokens, sql, 'operator', start, start + 1);
}

/** The index after the identifier characters from `from` on. */
function identifierEnd(sql: string, from: number): number {
  const length = sql.length;
  let end = from;
  while (end < length && identifierPart.test(sql[end]!)) end++;
  return end;
}

function numberEnd(sql: string, start: number): number {
  const number = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(start, start + 400));
  return start + (number?.[0].length ?? 1);
}

/** An operator runs over operator characters, but stops before a comment or a `:name` parameter. */
function operatorEnd(sql: string, start: number): number {
  const length = sql.length;
  let end = start + 1;
  while (
    end < length &&
    operatorCharacters.includes(sql[end]!) &&
    !(sql[end] === '-' && sql[end + 1] === '-') &&
    !(sql[end] === '/' && sql[end + 1] === '*') &&
    !(sql[end] === ':' && startsPlaceholder(sql, end))
  ) {
    end++;
  }
  return end;
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
