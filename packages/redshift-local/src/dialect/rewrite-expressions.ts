import type { CallRewrite, CallRewriter, CallSite } from './call-site';
import { NotEmulatedError, RedshiftSyntaxError } from './errors';
import { ExpressionWindow } from './expression-window';
import { joinPieces } from './join-pieces';
import { partiqlConstruct } from './refuse-partiql';
import { rewriteAverage } from './rewrite-average';
import { rewriteConvert } from './rewrite-convert';
import { datePartFunctions, rewriteDatePart, rewriteExtract } from './rewrite-date-part';
import { rewriteDecode } from './rewrite-decode';
import { rewriteNvl, rewriteNvl2 } from './rewrite-nvl';
import { refusedSuperFunctions, rewriteSuperCall } from './rewrite-super';
import { rewriteTypeName } from './rewrite-type-name';
import { rewriteWindowFunction } from './rewrite-window-functions';
import { TokenRanges } from './token-ranges';
import type { Token } from './tokenize';

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

/** The rewriter of each Redshift function family, by lowercase function name. */
const callRewriters = new Map<string, CallRewriter>([
  ['avg', rewriteAverage],
  ['median', rewriteWindowFunction],
  ['convert', rewriteConvert],
  ['nvl', rewriteNvl],
  ['nvl2', rewriteNvl2],
  ['decode', rewriteDecode],
  ['listagg', rewriteWindowFunction],
  ...['percentile_cont', 'percentile_disc', 'ratio_to_report', 'first_value', 'last_value', 'nth_value'].map(
    (name): [string, CallRewriter] => [name, rewriteWindowFunction],
  ),
  ...datePartFunctions.map((name): [string, CallRewriter] => [name, rewriteDatePart]),
  ['extract', rewriteExtract],
  ...['array', 'json_serialize', ...refusedSuperFunctions].map((name): [string, CallRewriter] => [
    name,
    rewriteSuperCall,
  ]),
]);

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

class ExpressionRewriter {
  private readonly tokens: readonly Token[];
  private readonly sql: string;
  private readonly ranges: TokenRanges;
  /** Longest output accepted: {@link maxTranslationLength}, or 8 times the input when that is more. */
  private readonly lengthLimit: number;

  constructor(tokens: readonly Token[], sql: string) {
    this.tokens = tokens;
    this.sql = sql;
    this.ranges = new TokenRanges(tokens, sql);
    this.lengthLimit = Math.max(maxTranslationLength, 8 * this.ranges.inputLength);
  }

  /**
   * Rewrites tokens `from`..`to` (exclusive), which sit `depth` calls deep. `typeAtStart`: the range
   * follows the `AS` of a cast, so a type name at its start is in type position.
   */
  rewrite(from: number, to: number, insideCast: boolean, depth: number, typeAtStart: boolean): string {
    const tokens = this.tokens;
    const window = new ExpressionWindow(this.ranges, from, to, insideCast, typeAtStart);
    let output = '';
    for (let index = from; index < to; index++) {
      const token = tokens[index]!;
      if (token.type === 'word' || (token.type === 'punctuation' && token.text === ']')) {
        this.refusePartiql(window, index);
      }
      if (token.type !== 'word' || window.isPunctuation(window.previousSignificant(index), '.')) {
        output += token.text;
        continue;
      }
      const next = window.nextSignificant(index + 1);
      const isCall = window.isPunctuation(next, '(');

      if (token.value === 'approximate' && window.isWord(next, 'count')) {
        // APPROXIMATE COUNT(DISTINCT x) is exact locally: the same result without the estimate's error.
        index = next - 1;
        continue;
      }
      if (token.value === 'sysdate' && !isCall && !window.isPunctuation(next, '.')) {
        output += 'localtimestamp';
        continue;
      }
      const typeName = rewriteTypeName(window, index, next, isCall);
      if (typeName !== undefined) {
        output += typeName.text;
        index = typeName.end;
        continue;
      }
      if (!isCall) {
        output += token.text;
        continue;
      }

      const close = this.ranges.closeOf(next, to);
      if (depth + 1 > maxExpressionDepth) {
        throw new RedshiftSyntaxError(
          `expression nested deeper than ${maxExpressionDepth} levels`,
          this.sql,
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

  /** Throws NotEmulatedError when the word or `]` at `index` starts or ends a PartiQL construct. */
  private refusePartiql(window: ExpressionWindow, index: number): void {
    const before = window.previousSignificant(index);
    const after = window.nextSignificant(index + 1);
    const construct = partiqlConstruct(
      this.tokens[index]!,
      window.inRange(before),
      window.inRange(window.previousSignificant(before)),
      window.inRange(after),
      window.inRange(window.nextSignificant(after + 1)),
      after === index + 1 && window.nextSignificant(after + 1) === after + 1,
    );
    if (construct !== undefined) throw new NotEmulatedError(construct, this.sql);
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
  ): CallRewrite {
    const token = this.tokens[nameIndex]!;
    const name = token.value;
    const argumentRanges = this.ranges.argumentRanges(open, close);
    const count = argumentRanges.length;
    const untrimmed = (argument: number, insideCast = name === 'cast'): string => {
      const range = argumentRanges[argument]!;
      return this.rewrite(range.from, range.to, insideCast, depth, false);
    };
    const trimmed = (argument: number): string => {
      const range = this.ranges.trim(argumentRanges[argument]!);
      return this.rewrite(range.from, range.to, name === 'cast', depth, false);
    };
    const call: CallSite = {
      ranges: this.ranges,
      nameText: token.text,
      argumentRanges,
      close,
      limit,
      rewrite: (range, insideCast, typeAtStart) =>
        this.rewrite(range.from, range.to, insideCast, depth, typeAtStart),
      trimmed,
      trimmedFrom: (first) => {
        const texts: string[] = [];
        for (let argument = first; argument < count; argument++) texts.push(trimmed(argument));
        return texts;
      },
      untrimmed: (argument) => untrimmed(argument),
      checkLength: (text) => {
        if (text.length > this.lengthLimit) this.tooLong();
      },
    };
    let rewritten = callRewriters.get(name)?.(call);
    if (rewritten === undefined) {
      const pieces: string[] = [];
      for (let argument = 0; argument < count; argument++) pieces.push(untrimmed(argument));
      rewritten = {
        text: `${token.text}${this.ranges.text(nameIndex + 1, open)}(${joinPieces(pieces, ',')})`,
        end: close,
      };
    }
    call.checkLength(rewritten.text);
    return rewritten;
  }

  private tooLong(): never {
    throw new NotEmulatedError(
      `an expression whose PostgreSQL translation exceeds ${this.lengthLimit} characters (nested DECODE)`,
      this.sql,
    );
  }
}
