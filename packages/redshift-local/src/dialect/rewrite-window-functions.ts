import type { CallRewrite, CallSite } from './call-site';
import { NotEmulatedError, RedshiftSyntaxError } from './errors';
import { rewriteListagg } from './rewrite-listagg';
import { rewriteMedian } from './rewrite-median';
import type { TokenRange } from './token-ranges';

/**
 * Redshift window functions PostgreSQL has no window form of. Each becomes a helper of window-functions-sql.ts
 * applied to `array_agg(x) OVER (window)`: the array holds the window frame's values in the window's order, so
 * partitions and frames stay PostgreSQL's own (a window function inside a subquery would run per row instead).
 *
 * - `LISTAGG([DISTINCT] x [, delimiter]) WITHIN GROUP (ORDER BY k …) OVER ([PARTITION BY …])`: the ORDER BY
 *   moves into the window, over the whole partition (https://docs.aws.amazon.com/redshift/latest/dg/r_WF_LISTAGG.html)
 * - `MEDIAN(x) OVER (…)`, `PERCENTILE_CONT | PERCENTILE_DISC (f) WITHIN GROUP (ORDER BY x [DESC]) OVER (…)`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_WF_MEDIAN.html, r_WF_PERCENTILE_CONT.html, r_WF_PERCENTILE_DISC.html)
 * - `RATIO_TO_REPORT(x) OVER (…)` → `x::float8 / sum(x) OVER (…)` (https://docs.aws.amazon.com/redshift/latest/dg/r_WF_RATIO_TO_REPORT.html)
 * - `FIRST_VALUE | LAST_VALUE | NTH_VALUE (x [, n]) IGNORE NULLS OVER (…)`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_WF_NTH.html, r_WF_first_value.html)
 */
export function rewriteWindowFunction(call: CallSite): CallRewrite | undefined {
  const name = call.nameText.toLowerCase();
  const after = windowClauseAfter(call, call.close);
  if (name === 'listagg') {
    return after.within === undefined || after.over === undefined
      ? rewriteListagg(call)
      : listaggOver(call, after);
  }
  if (name === 'median') {
    if (after.over === undefined || call.argumentRanges.length !== 1) return rewriteMedian(call);
    const over = window(call, after.over);
    return {
      text: `shiftflow_compat.percentile_cont_of(0.5, array_agg(${call.trimmed(0)}) OVER ${over}, false)`,
      end: after.end,
    };
  }
  if (
    (name === 'percentile_cont' || name === 'percentile_disc') &&
    after.within !== undefined &&
    after.over !== undefined
  ) {
    const order = orderKeys(call, after.within);
    if (order.length !== 1) {
      throw new NotEmulatedError(
        `${name.toUpperCase()} … OVER with ${order.length} ORDER BY keys`,
        call.ranges.sql,
      );
    }
    const descending = /^desc/i.test(order[0]!.direction);
    const over = window(call, after.over);
    return {
      text: `shiftflow_compat.${name}_of(${call.trimmed(0)}, array_agg(${order[0]!.expression}) OVER ${over}, ${descending})`,
      end: after.end,
    };
  }
  if (name === 'ratio_to_report' && after.over !== undefined && call.argumentRanges.length === 1) {
    const argument = call.trimmed(0);
    return {
      text: `((${argument})::double precision / sum(${argument}) OVER ${window(call, after.over)})`,
      end: after.end,
    };
  }
  if (
    ['first_value', 'last_value', 'nth_value'].includes(name) &&
    after.ignoreNulls &&
    after.over !== undefined
  ) {
    const expected = name === 'nth_value' ? 2 : 1;
    if (call.argumentRanges.length !== expected) {
      // Redshift: FIRST_VALUE/LAST_VALUE (expression), NTH_VALUE (expression, offset).
      const at = call.ranges.tokens[call.argumentRanges[0]?.from ?? call.close]?.start ?? 0;
      throw new RedshiftSyntaxError(
        `${name.toUpperCase()} takes ${expected} argument${expected === 1 ? '' : 's'}, not ${call.argumentRanges.length}`,
        call.ranges.sql,
        at,
      );
    }
    const n = name === 'nth_value' ? call.trimmed(1) : '1';
    const over = window(call, after.over);
    return {
      text: `shiftflow_compat.nth_non_null(array_agg(${call.trimmed(0)}) OVER ${over}, ${n}, ${name === 'last_value'})`,
      end: after.end,
    };
  }
  return undefined;
}

interface WindowClause {
  /** The ORDER BY list inside `WITHIN GROUP ( … )`. */
  within?: TokenRange;
  /** The window inside `OVER ( … )`, parentheses included. */
  over?: TokenRange;
  ignoreNulls: boolean;
  /** The last token consumed. */
  end: number;
}

/** `[IGNORE | RESPECT NULLS] [WITHIN GROUP (ORDER BY …)] [OVER (…)]` after the call's `)`. */
function windowClauseAfter(call: CallSite, close: number): WindowClause {
  const { ranges, limit } = call;
  const next = (index: number): number => ranges.firstSignificant({ from: index + 1, to: limit });
  const clause: WindowClause = { ignoreNulls: false, end: close };
  let index = next(close);
  if (
    (ranges.isWord(index, 'ignore') || ranges.isWord(index, 'respect')) &&
    ranges.isWord(next(index), 'nulls')
  ) {
    clause.ignoreNulls = ranges.isWord(index, 'ignore');
    clause.end = next(index);
    index = next(clause.end);
  }
  if (ranges.isWord(index, 'within') && ranges.isWord(next(index), 'group')) {
    const open = next(next(index));
    if (open < limit && ranges.tokens[open]!.text === '(') {
      const groupClose = ranges.closeOf(open, limit);
      const order = next(open);
      const by = next(order);
      if (ranges.isWord(order, 'order') && ranges.isWord(by, 'by'))
        clause.within = { from: by + 1, to: groupClose };
      clause.end = groupClose;
      index = next(groupClose);
    }
  }
  const open = next(index);
  if (ranges.isWord(index, 'over') && open < limit && ranges.tokens[open]!.text === '(') {
    const overClose = ranges.closeOf(open, limit);
    clause.over = { from: open, to: overClose + 1 };
    clause.end = overClose;
  }
  return clause;
}

function window(call: CallSite, over: TokenRange): string {
  return call.rewrite(over, false, false);
}

/** The keys of an ORDER BY list, each rewritten, with its ASC/DESC (and NULLS …) suffix. */
function orderKeys(call: CallSite, list: TokenRange): { expression: string; direction: string }[] {
  const { ranges } = call;
  const keys: { expression: string; direction: string }[] = [];
  let from = list.from;
  for (let index = list.from; index <= list.to; index++) {
    const isEnd =
      index === list.to ||
      (ranges.tokens[index]!.type === 'punctuation' &&
        ranges.tokens[index]!.text === ',' &&
        depthBetween(call, list.from, index) === 0);
    if (!isEnd) continue;
    let to = index;
    while (to > from && ranges.tokens[to - 1]!.type === 'whitespace') to--;
    let suffixStart = to;
    for (let scan = to - 1; scan >= from; scan--) {
      const token = ranges.tokens[scan]!;
      if (token.type === 'whitespace') continue;
      if (token.type === 'word' && ['asc', 'desc', 'nulls', 'first', 'last'].includes(token.value))
        suffixStart = scan;
      else break;
    }
    keys.push({
      expression: call.rewrite(ranges.trim({ from, to: suffixStart }), false, false),
      direction: ranges.text(suffixStart, to).trim(),
    });
    from = index + 1;
  }
  return keys;
}

function depthBetween(call: CallSite, from: number, to: number): number {
  let depth = 0;
  for (let index = from; index < to; index++) {
    const text = call.ranges.tokens[index]!.text;
    if (call.ranges.tokens[index]!.type !== 'punctuation') continue;
    if (text === '(' || text === '[') depth++;
    if (text === ')' || text === ']') depth--;
  }
  return depth;
}

function listaggOver(call: CallSite, after: WindowClause): CallRewrite {
  const { ranges, argumentRanges } = call;
  if (argumentRanges.length > 2) {
    throw new NotEmulatedError(`LISTAGG with ${argumentRanges.length} arguments`, ranges.sql);
  }
  let expressionRange = argumentRanges[0]!;
  const first = ranges.firstSignificant(expressionRange);
  const distinct = ranges.isWord(first, 'distinct');
  if (distinct) expressionRange = { from: first + 1, to: expressionRange.to };
  const expression = call.rewrite(ranges.trim(expressionRange), false, false);
  const delimiter = argumentRanges[1] === undefined ? "''" : call.trimmed(1);
  const orderBy = call.rewrite(ranges.trim(after.within!), false, false);
  // Redshift's LISTAGG window has only PARTITION BY: the WITHIN GROUP order becomes the window's, over the whole partition.
  const inner = call.rewrite(
    ranges.trim({ from: after.over!.from + 1, to: after.over!.to - 1 }),
    false,
    false,
  );
  const over = `(${inner} ORDER BY ${orderBy} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`;
  return {
    text: `shiftflow_compat.listagg_of(array_agg(${expression}) OVER ${over}, ${delimiter}, ${distinct})`,
    end: after.end,
  };
}
