import type { TokenRanges } from './token-ranges';
import { isTrivia, type Token } from './tokenize';

/**
 * The tokens `from`..`to` (exclusive) the expression rewriter is reading, with the cast context they sit
 * in: the look-around its rewrites need (the significant token before or after, whether a word is in
 * type position), never reading outside the range.
 *
 * @example
 * ```ts
 * const window = new ExpressionWindow(new TokenRanges(tokens, sql), 0, tokens.length, false, false);
 * window.isTypePosition(window.nextSignificant(2)); // true for the `int` of `x::int`
 * ```
 */
export class ExpressionWindow {
  readonly ranges: TokenRanges;
  readonly tokens: readonly Token[];
  readonly from: number;
  readonly to: number;
  /** The range is (inside) the argument of a `CAST(`, so a word after `AS` is a type name. */
  readonly insideCast: boolean;
  /** The range follows the `AS` of a cast, so a type name at its start is in type position. */
  readonly typeAtStart: boolean;

  constructor(ranges: TokenRanges, from: number, to: number, insideCast: boolean, typeAtStart: boolean) {
    this.ranges = ranges;
    this.tokens = ranges.tokens;
    this.from = from;
    this.to = to;
    this.insideCast = insideCast;
    this.typeAtStart = typeAtStart;
  }

  /** The first index from `index` on that is not whitespace or a comment (`to` when there is none). */
  nextSignificant(index: number): number {
    let position = index;
    while (position < this.to && isTrivia(this.tokens[position]!)) position++;
    return position;
  }

  /** The last index before `index` that is not whitespace or a comment (below `from` when there is none). */
  previousSignificant(index: number): number {
    let position = index - 1;
    while (position >= this.from && isTrivia(this.tokens[position]!)) position--;
    return position;
  }

  /** The token at `index`, or undefined outside the range. */
  inRange(index: number): Token | undefined {
    return index >= this.from && index < this.to ? this.tokens[index] : undefined;
  }

  /** Whether the token at `index` is in the range and one of the lowercase `words`. */
  isWord(index: number, ...words: string[]): boolean {
    const token = this.inRange(index);
    return token !== undefined && token.type === 'word' && words.includes(token.value);
  }

  /** Whether the token at `index` is in the range and the punctuation `text`. */
  isPunctuation(index: number, text: string): boolean {
    const token = this.inRange(index);
    return token !== undefined && token.type === 'punctuation' && token.text === text;
  }

  /** Whether a word at `index` sits where a type name goes: after `::`, or after `AS` inside `CAST(`. */
  isTypePosition(index: number): boolean {
    const previous = this.previousSignificant(index);
    if (previous < this.from) return this.typeAtStart;
    const token = this.tokens[previous]!;
    if (token.type === 'operator' && token.text === '::') return true;
    return this.insideCast && token.type === 'word' && token.value === 'as';
  }
}
