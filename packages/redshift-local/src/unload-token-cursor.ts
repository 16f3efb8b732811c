/** A position in the tokens of an UNLOAD statement, read one token at a time (see unload-statement.ts). */
import { RedshiftSyntaxError } from './dialect/errors';
import type { Token } from './dialect/tokenize';

/**
 * The tokens of an UNLOAD (trivia dropped) and the position of the next one to read; its errors point
 * at the token the reading stopped on.
 *
 * @example
 * const cursor = new UnloadTokenCursor(sql, tokens, 1);
 * if (cursor.next()?.text !== '(') cursor.fail("UNLOAD needs ('select-statement')");
 */
export class UnloadTokenCursor {
  readonly sql: string;
  readonly #tokens: readonly Token[];
  #position: number;

  constructor(sql: string, tokens: readonly Token[], position: number) {
    this.sql = sql;
    this.#tokens = tokens;
    this.#position = position;
  }

  /** Whether every token has been read. */
  get done(): boolean {
    return this.#position >= this.#tokens.length;
  }

  /** Throws RedshiftSyntaxError with `message`, at the token the cursor is on (or the last one). */
  fail(message: string): never {
    const token = this.#tokens[Math.min(this.#position, this.#tokens.length - 1)];
    throw new RedshiftSyntaxError(message, this.sql, token?.start ?? 0);
  }

  /** The next token, moving past it; undefined at the end. */
  next(): Token | undefined {
    return this.#tokens[this.#position++];
  }

  /** Whether the next token is one of `words` (lower case), without moving. */
  nextIsWord(...words: string[]): boolean {
    return isWord(this.#tokens[this.#position], ...words);
  }

  /** Moves past the next token if it is one of `words`; says whether it did. */
  skipWord(...words: string[]): boolean {
    if (!this.nextIsWord(...words)) return false;
    this.#position++;
    return true;
  }

  /** The value of the next token, which must be a quoted string (`what` names it in the error). */
  stringArgument(what: string): string {
    const token = this.next();
    if (token?.type !== 'string') return this.fail(`UNLOAD ${what} needs a quoted string`);
    return token.value;
  }
}

/**
 * Whether `token` is a word among `words` (lower case).
 *
 * @example
 * isWord(cursor.next(), 'to');
 */
export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.type === 'word' && words.includes(token.value);
}
