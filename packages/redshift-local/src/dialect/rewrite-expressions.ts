import { NotEmulatedError, RedshiftSyntaxError } from './errors';
import { quoteLiteral } from './token-list';
import { isTrivia, type Token } from './tokenize';

/**
 * Deepest nesting of calls (and LISTAGG `WITHIN GROUP (…)`) that {@link rewriteExpressions} translates:
 * deeper expressions are refused with a RedshiftSyntaxError, well before the JavaScript stack runs out
 * (PostgreSQL likewise refuses expressions deeper than its `max_stack_depth`).
 *
 * @example
 * ```ts
 * translateRedshiftSql(`select ${'f('.repeat(maxExpressionDepth + 1)}1${')'.repeat(maxExpressionDepth + 1)}`);
 * // throws RedshiftSyntaxError: expression nested deeper than 500 levels at position …
 * ```
 */
export const maxExpressionDepth = 500;

/**
 * Longest translation {@link rewriteExpressions} produces (or 8 times the input, when that is more): DECODE
 * repeats its first argument once per search value, so nested DECODEs grow exponentially; past this
 * length the statement is refused with a NotEmulatedError.
 *
 * @example
 * ```ts
 * translateRedshiftSql(`select ${'decode('.repeat(30)}x${', 1, 2, 3, 4)'.repeat(30)}`);
 * // throws NotEmulatedError: an expression whose PostgreSQL translation exceeds 4194304 characters …
 * ```
 */
export const maxTranslationLength = 4 * 1024 * 1024;

/** Date parts whose first argument Redshift accepts as a bare keyword (`DATEADD(day, 1, d)`). */
const datePartFunctions = new Set(['dateadd', 'datediff', 'date_part', 'pgdate_part', 'date_trunc']);

/** Redshift date part names PostgreSQL's date_part/date_trunc/extract do not know. */
const datePartAliases = new Map([
  ['qtrs', 'quarter'],
  ['quarters', 'quarter'],
  ['dw', 'dow'],
  ['dayofweek', 'dow'],
  ['dy', 'doy'],
  ['dayofyear', 'doy'],
]);

/** Redshift types without a PostgreSQL counterpart. */
const notEmulatedTypes = new Set(['geometry', 'geography', 'hllsketch']);

const characterTypes = /^(n?varchar|varying|bpchar|n?char|character)$/;

/**
 * Rewrites Redshift expressions that PostgreSQL does not accept into equivalents:
 * `SYSDATE`, `NVL`, `NVL2`, `DECODE`, `LISTAGG … WITHIN GROUP`, bare date parts in
 * `DATEADD`/`DATEDIFF`/`DATE_PART`, `VARCHAR(MAX)` and Redshift type names after `::`.
 * Everything else, including whitespace and comments, is kept as written.
 *
 * Runs in time linear in the number of tokens: parentheses are matched and argument separators
 * indexed once, and each nested call is visited once.
 *
 * @throws RedshiftSyntaxError for an unbalanced parenthesis after a function name, or calls nested
 * deeper than {@link maxExpressionDepth}.
 * @throws NotEmulatedError for types without a PostgreSQL counterpart, or a translation longer than
 * {@link maxTranslationLength}.
 * @example
 * ```ts
 * const sql = 'select nvl(a, 0), sysdate';
 * rewriteExpressions(tokenize(sql), sql); // 'select coalesce(a, 0), localtimestamp'
 * ```
 */
export function rewriteExpressions(tokens: readonly Token[], sql: string, insideCast = false): string {
  return new ExpressionRewriter(tokens, sql).rewrite(0, tokens.length, insideCast, 0, false);
}

/** A half-open range of token indexes. */
interface TokenRange {
  from: number;
  to: number;
}

class ExpressionRewriter {
  private readonly tokens: readonly Token[];
  private readonly sql: string;
  /** For each `(`: the index of its `)`, or -1 when it is not closed. */
  private readonly closing: Int32Array;
  /** Nesting depth of `(`/`[` after each token, counted from the start, as argument splitting counts it. */
  private readonly depthAfter: Int32Array;
  /** Indexes of the `,` tokens, ascending, by their depth. */
  private readonly commasByDepth = new Map<number, number[]>();
  /** Longest output accepted: {@link maxTranslationLength}, or 8 times the input when that is more. */
  private readonly lengthLimit: number;

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
    this.lengthLimit = Math.max(maxTranslationLength, 8 * inputLength);
  }

  /**
   * Rewrites tokens `from`..`to` (exclusive), which sit `depth` calls deep. `typeAtStart`: the range
   * follows the `AS` of a cast, so a type name at its start is in type position.
   */
  rewrite(from: number, to: number, insideCast: boolean, depth: number, typeAtStart: boolean): string {
    const tokens = this.tokens;
    const sql = this.sql;
    const nextSignificant = (index: number): number => {
      let position = index;
      while (position < to && isTrivia(tokens[position]!)) position++;
      return position;
    };
    const previousSignificant = (index: number): number => {
      let position = index - 1;
      while (position >= from && isTrivia(tokens[position]!)) position--;
      return position;
    };
    const inRange = (index: number): Token | undefined =>
      index >= from && index < to ? tokens[index] : undefined;
    const isWord = (index: number, ...words: string[]): boolean => {
      const token = inRange(index);
      return token !== undefined && token.type === 'word' && words.includes(token.value);
    };
    const isPunctuation = (index: number, text: string): boolean => {
      const token = inRange(index);
      return token !== undefined && token.type === 'punctuation' && token.text === text;
    };
    // A word sits where a type name goes: after `::`, or after `AS` inside `CAST(`.
    const isTypePosition = (index: number): boolean => {
      const previous = previousSignificant(index);
      if (previous < from) return typeAtStart;
      const token = tokens[previous]!;
      if (token.type === 'operator' && token.text === '::') return true;
      return insideCast && token.type === 'word' && token.value === 'as';
    };

    let output = '';
    for (let index = from; index < to; index++) {
      const token = tokens[index]!;
      if (token.type !== 'word' || isPunctuation(previousSignificant(index), '.')) {
        output += token.text;
        continue;
      }
      const next = nextSignificant(index + 1);
      const isCall = isPunctuation(next, '(');

      if (token.value === 'approximate' && isWord(next, 'count')) {
        // APPROXIMATE COUNT(DISTINCT x) is exact locally: the same result without the estimate's error.
        index = next - 1;
        continue;
      }

      if (token.value === 'sysdate' && !isCall && !isPunctuation(next, '.')) {
        output += 'localtimestamp';
        continue;
      }
      if (isCall && characterTypes.test(token.value)) {
        const close = this.closeOf(next, to);
        const inner = this.argumentRanges(next, close);
        if (inner.length === 1 && this.singleSignificant(inner[0]!)?.value === 'max') {
          output += `${token.value === 'nvarchar' ? 'varchar' : token.text}(65535)`;
          index = close;
          continue;
        }
      }
      if (isWord(index, 'varbyte', 'varbinary') || (isWord(index, 'binary') && isWord(next, 'varying'))) {
        // VARBYTE[(n)] / VARBINARY[(n)] / BINARY VARYING[(n)] → bytea (no length in PostgreSQL).
        let end = token.value === 'binary' ? next : index;
        const afterType = nextSignificant(end + 1);
        if (isPunctuation(afterType, '(') && isTypePosition(index)) end = this.closeOf(afterType, to);
        if (isTypePosition(index)) {
          output += 'bytea';
          index = end;
          continue;
        }
      }
      if (isWord(index, 'nvarchar', 'nchar') && (isCall || isTypePosition(index))) {
        output += token.value === 'nvarchar' ? 'varchar' : 'char';
        continue;
      }
      if (isTypePosition(index)) {
        if (token.value === 'super') {
          output += 'jsonb';
          continue;
        }
        if ((token.value === 'numeric' || token.value === 'decimal') && !isCall) {
          // Redshift's NUMERIC without precision is NUMERIC(18,0).
          output += `${token.text}(18,0)`;
          continue;
        }
        if (notEmulatedTypes.has(token.value))
          throw new NotEmulatedError(`type ${token.value.toUpperCase()}`, sql);
      }
      if (!isCall) {
        output += token.text;
        continue;
      }

      const close = this.closeOf(next, to);
      if (depth + 1 > maxExpressionDepth) {
        throw new RedshiftSyntaxError(
          `expression nested deeper than ${maxExpressionDepth} levels`,
          sql,
          tokens[next]!.start,
        );
      }
      const { text, end } = this.rewriteCall(index, next, close, to, depth + 1);
      output += text;
      index = end;
      if (output.length > this.lengthLimit) this.tooLong();
    }
    return output;
  }

  /**
   * Rewrites the call of the word at `nameIndex` whose arguments are between `open` and `close`, in a
   * range that ends before `limit`; its arguments sit `depth` calls deep.
   */
  private rewriteCall(
    nameIndex: number,
    open: number,
    close: number,
    limit: number,
    depth: number,
  ): { text: string; end: number } {
    const token = this.tokens[nameIndex]!;
    const name = token.value;
    const argumentRanges = this.argumentRanges(open, close);
    const count = argumentRanges.length;
    const untrimmed = (argument: number, insideCast = name === 'cast'): string => {
      const range = argumentRanges[argument]!;
      return this.rewrite(range.from, range.to, insideCast, depth, false);
    };
    const trimmed = (argument: number): string => {
      const range = this.trim(argumentRanges[argument]!);
      return this.rewrite(range.from, range.to, name === 'cast', depth, false);
    };
    const trimmedFrom = (first: number): string[] => {
      const texts: string[] = [];
      for (let argument = first; argument < count; argument++) texts.push(trimmed(argument));
      return texts;
    };
    let text: string;
    const end = close;

    if (name === 'median' && count === 1) {
      text = `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${trimmed(0)})`;
    } else if (name === 'convert' && count === 2) {
      // Redshift's CONVERT(type, expression); PostgreSQL's convert(bytea, name, name) has three arguments.
      // Rewritten as the type of `CAST(… AS type)` so that Redshift type names are mapped.
      const typeRange = this.trim(argumentRanges[0]!);
      const type = this.rewrite(typeRange.from, typeRange.to, true, depth, true);
      text = `CAST(${trimmed(1)} AS ${type})`;
    } else if (name === 'nvl' && count >= 2) {
      text = `coalesce(${joinPieces(trimmedFrom(0), ', ')})`;
    } else if (name === 'nvl2' && count === 3) {
      const [value, ifNotNull, ifNull] = trimmedFrom(0);
      text = `(CASE WHEN (${value}) IS NOT NULL THEN ${ifNotNull} ELSE ${ifNull} END)`;
    } else if (name === 'decode' && count >= 3) {
      const [expression, ...pairs] = trimmedFrom(0);
      text = '(CASE';
      for (let pair = 0; pair + 1 < pairs.length; pair += 2) {
        text += ` WHEN (${expression}) IS NOT DISTINCT FROM (${pairs[pair]}) THEN ${pairs[pair + 1]}`;
        if (text.length > this.lengthLimit) this.tooLong();
      }
      if (pairs.length % 2 === 1) text += ` ELSE ${pairs.at(-1)}`;
      text += ' END)';
    } else if (name === 'listagg') {
      return this.rewriteListagg(argumentRanges, close, limit, depth);
    } else if (datePartFunctions.has(name) && count >= 2) {
      const single = this.singleSignificant(argumentRanges[0]!);
      const first =
        single !== undefined && (single.type === 'word' || (single.type === 'string' && single.tag === ''))
          ? quoteLiteral(datePartAliases.get(single.value.toLowerCase()) ?? single.value.toLowerCase())
          : trimmed(0);
      text = `${token.text}(${joinPieces([first, ...trimmedFrom(1)], ', ')})`;
    } else if (name === 'extract' && count === 1) {
      const range = argumentRanges[0]!;
      const firstIndex = this.firstSignificant(range);
      const first = firstIndex < range.to ? this.tokens[firstIndex]! : undefined;
      const alias = first?.type === 'word' ? datePartAliases.get(first.value) : undefined;
      text =
        alias === undefined
          ? `${token.text}(${untrimmed(0)})`
          : `${token.text}(${this.text(range.from, firstIndex)}${alias}${this.rewrite(firstIndex + 1, range.to, false, depth, false)})`;
    } else {
      const pieces: string[] = [];
      for (let argument = 0; argument < count; argument++) pieces.push(untrimmed(argument));
      text = `${token.text}${this.text(nameIndex + 1, open)}(${joinPieces(pieces, ',')})`;
    }
    if (text.length > this.lengthLimit) this.tooLong();
    return { text, end };
  }

  /**
   * `LISTAGG(expr [, delim]) [WITHIN GROUP (ORDER BY …)]` → `string_agg((expr)::text, delim [ORDER BY …])`.
   */
  private rewriteListagg(
    argumentRanges: TokenRange[],
    close: number,
    limit: number,
    depth: number,
  ): { text: string; end: number } {
    if (argumentRanges.length > 2) {
      throw new NotEmulatedError(`LISTAGG with ${argumentRanges.length} arguments`, this.sql);
    }
    let expressionRange = argumentRanges[0]!;
    let distinct = '';
    const first = this.firstSignificant(expressionRange);
    if (first < expressionRange.to && this.isWord(first, 'distinct')) {
      distinct = 'DISTINCT ';
      expressionRange = { from: first + 1, to: expressionRange.to };
    }
    expressionRange = this.trim(expressionRange);
    const expression = this.rewrite(expressionRange.from, expressionRange.to, false, depth, false);
    let delimiter = "''";
    if (argumentRanges[1] !== undefined) {
      const range = this.trim(argumentRanges[1]);
      delimiter = this.rewrite(range.from, range.to, false, depth, false);
    }
    let end = close;
    let orderBy = '';
    const within = this.firstSignificant({ from: close + 1, to: limit });
    if (within < limit && this.isWord(within, 'within')) {
      const group = this.firstSignificant({ from: within + 1, to: limit });
      const open = this.firstSignificant({ from: group + 1, to: limit });
      if (
        open < limit &&
        this.isWord(group, 'group') &&
        this.tokens[open]!.type === 'punctuation' &&
        this.tokens[open]!.text === '('
      ) {
        const groupClose = this.closeOf(open, limit);
        const range = this.trim({ from: open + 1, to: groupClose });
        orderBy = ` ${this.rewrite(range.from, range.to, false, depth, false)}`;
        end = groupClose;
      }
    }
    if (distinct !== '' && orderBy !== '') {
      // PostgreSQL requires ORDER BY expressions of a DISTINCT aggregate to appear in its arguments.
      return { text: `string_agg(DISTINCT (${expression})::text, ${delimiter}${orderBy})`, end };
    }
    return { text: `string_agg(${distinct}(${expression})::text, ${delimiter}${orderBy})`, end };
  }

  /** The `)` closing the `(` at `open`, which must come before `limit`. */
  private closeOf(open: number, limit: number): number {
    const close = this.closing[open]!;
    if (close < 0 || close >= limit) {
      throw new RedshiftSyntaxError('unbalanced parenthesis', this.sql, this.tokens[open]?.start ?? 0);
    }
    return close;
  }

  /** The arguments strictly between `open` and `close`, split on the commas at their top level. */
  private argumentRanges(open: number, close: number): TokenRange[] {
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
  private trim(range: TokenRange): TokenRange {
    let { from, to } = range;
    while (from < to && this.tokens[from]!.type === 'whitespace') from++;
    while (to > from && this.tokens[to - 1]!.type === 'whitespace') to--;
    return { from, to };
  }

  /** The only significant token of the range, or undefined when it has none or several. */
  private singleSignificant(range: TokenRange): Token | undefined {
    const first = this.firstSignificant(range);
    if (first >= range.to) return undefined;
    for (let index = first + 1; index < range.to; index++) {
      if (!isTrivia(this.tokens[index]!)) return undefined;
    }
    return this.tokens[first];
  }

  private firstSignificant(range: TokenRange): number {
    let index = range.from;
    while (index < range.to && isTrivia(this.tokens[index]!)) index++;
    return index;
  }

  private isWord(index: number, word: string): boolean {
    const token = this.tokens[index];
    return token !== undefined && token.type === 'word' && token.value === word;
  }

  private text(from: number, to: number): string {
    let text = '';
    for (let index = from; index < to; index++) text += this.tokens[index]!.text;
    return text;
  }

  private tooLong(): never {
    throw new NotEmulatedError(
      `an expression whose PostgreSQL translation exceeds ${this.lengthLimit} characters (nested DECODE)`,
      this.sql,
    );
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

/** Joins with `+`, which keeps long strings as ropes instead of copying them at every nesting level. */
function joinPieces(pieces: readonly string[], separator: string): string {
  let text = '';
  for (const [index, piece] of pieces.entries()) text += index === 0 ? piece : separator + piece;
  return text;
}
