import { RedshiftSyntaxError } from './errors';
import { isTrivia, type Token } from './tokenize';

/**
 * The significant tokens of one COPY statement (whitespace and comments left out) and the position of
 * the next one to read, shared by the readers of its table, source and options.
 *
 * @example
 * ```ts
 * const cursor = new CopyTokenCursor(tokenize(sql), sql, 1); // after COPY
 * if (cursor.isWord(cursor.peek(), 'from')) cursor.advance();
 * ```
 */
export class CopyTokenCursor {
  /** The tokens that are neither whitespace nor comments. */
  readonly significant: readonly Token[];
  readonly sql: string;
  /** Index in {@link significant} of the next token to read. */
  position: number;

  constructor(tokens: readonly Token[], sql: string, position: number) {
    this.significant = tokens.filter((token) => !isTrivia(token));
    this.sql = sql;
    this.position = position;
  }

  /** Throws a RedshiftSyntaxError pointing at the next token (or the last one, past the end). */
  fail(message: string): never {
    const significant = this.significant;
    throw new RedshiftSyntaxError(
      message,
      this.sql,
      significant[Math.min(this.position, significant.length - 1)]?.start ?? 0,
    );
  }

  /** The next token, or undefined past the end. */
  peek(): Token | undefined {
    return this.significant[this.position];
  }

  advance(): void {
    this.position++;
  }

  atEnd(): boolean {
    return this.position >= this.significant.length;
  }

  /** Whether `token` is one of the lowercase `words`. */
  isWord(token: Token | undefined, ...words: string[]): boolean {
    return token !== undefined && token.type === 'word' && words.includes(token.value);
  }

  /** Steps over an `AS` (`NULL AS '\N'`, `DELIMITER AS ','`), which options may leave out. */
  optionalAs(): void {
    if (this.isWord(this.peek(), 'as')) this.position++;
  }

  /** Reads the quoted value of `option` after an optional `AS`. */
  stringValue(option: string): string {
    this.optionalAs();
    const token = this.peek();
    if (token?.type !== 'string') this.fail(`COPY option ${option} needs a quoted value`);
    this.position++;
    return token!.value;
  }
}
