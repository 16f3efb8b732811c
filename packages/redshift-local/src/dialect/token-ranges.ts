import { RedshiftSyntaxError } from './errors';
import { isTrivia, type Token } from './tokenize';

/** A half-open range of token indexes. */
export interface TokenRange {
  from: number;
  to: number;
}

/**
 * The tokens of one statement with their parentheses matched and their argument separators indexed once,
 * so that finding a call's `)` and splitting its arguments takes no rescan (the expression rewriter's
 * linear time depends on it).
 *
 * @example
 * ```ts
 * const ranges = new TokenRanges(tokenize(sql), sql);
 * const close = ranges.closeOf(open, tokens.length);
 * const argumentRanges = ranges.argumentRanges(open, close);
 * ```
 */
export class TokenRanges {
  readonly tokens: readonly Token[];
  readonly sql: string;
  /** Total length of the tokens' text. */
  readonly inputLength: number;
  /** For each `(`: the index of its `)`, or -1 when it is not closed. */
  private readonly closing: Int32Array;
  /** Nesting depth of `(`/`[` after each token, counted from the start, as argument splitting counts it. */
  private readonly depthAfter: Int32Array;
  /** Indexes of the `,` tokens, ascending, by their depth. */
  private readonly commasByDepth = new Map<number, number[]>();

  constructor(tokens: readonly Token[], sql: string) {
    this.tokens = tokens;
    this.sql = sql;
    this.closing = new Int32Array(tokens.length).fill(-1);
    this.depthAfter = new Int32Array(tokens.length);
    const open: number[] = [];
    let depth = 0;
    let inputLength = 0;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      inputLength += token.text.length;
      if (token.type === 'punctuation') {
        if (token.text === '(') open.push(index);
        else if (token.text === ')') {
          const opening = open.pop();
          if (opening !== undefined) this.closing[opening] = index;
        }
        if (token.text === '(' || token.text === '[') depth++;
        else if (token.text === ')' || token.text === ']') depth--;
        else if (token.text === ',') {
          const commas = this.commasByDepth.get(depth);
          if (commas === undefined) this.commasByDepth.set(depth, [index]);
          else commas.push(index);
        }
      }
      this.depthAfter[index] = depth;
    }
    this.inputLength = inputLength;
  }

  /** The `)` closing the `(` at `open`, which must come before `limit`. */
  closeOf(open: number, limit: number): number {
    const close = this.closing[open]!;
    if (close < 0 || close >= limit) {
      throw new RedshiftSyntaxError('unbalanced parenthesis', this.sql, this.tokens[open]?.start ?? 0);
    }
    return close;
  }

  /** The arguments strictly between `open` and `close`, split on the commas at their top level. */
  argumentRanges(open: number, close: number): TokenRange[] {
    const ranges: TokenRange[] = [];
    let from = open + 1;
    const commas = this.commasByDepth.get(this.depthAfter[open]!);
    if (commas !== undefined) {
      for (let position = firstAfter(commas, open); position < commas.length; position++) {
        const comma = commas[position]!;
        if (comma >= close) break;
        ranges.push({ from, to: comma });
        from = comma + 1;
      }
    }
    ranges.push({ from, to: close });
    return ranges;
  }

  /** The range without the whitespace tokens at its ends (comments are kept, as `String#trim` keeps them). */
  trim(range: TokenRange): TokenRange {
    let { from, to } = range;
    while (from < to && this.tokens[from]!.type === 'whitespace') from++;
    while (to > from && this.tokens[to - 1]!.type === 'whitespace') to--;
    return { from, to };
  }

  /** The only significant token of the range, or undefined when it has none or several. */
  singleSignificant(range: TokenRange): Token | undefined {
    const first = this.firstSignificant(range);
    if (first >= range.to) return undefined;
    for (let index = first + 1; index < range.to; index++) {
      if (!isTrivia(this.tokens[index]!)) return undefined;
    }
    return this.tokens[first];
  }

  firstSignificant(range: TokenRange): number {
    let index = range.from;
    while (index < range.to && isTrivia(this.tokens[index]!)) index++;
    return index;
  }

  isWord(index: number, word: string): boolean {
    const token = this.tokens[index];
    return token !== undefined && token.type === 'word' && token.value === word;
  }

  text(from: number, to: number): string {
    let text = '';
    for (let index = from; index < to; index++) text += this.tokens[index]!.text;
    return text;
  }
}

/** Index of the first element of the ascending `values` greater than `value`. */
function firstAfter(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
