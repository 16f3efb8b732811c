import type { CallRewrite, CallSite } from './call-site';
import { NotEmulatedError } from './errors';

/**
 * `LISTAGG([DISTINCT] expr [, delim]) [WITHIN GROUP (ORDER BY …)]` → `string_agg([DISTINCT] (expr)::text, delim [ORDER BY …])`.
 * Consumes the `WITHIN GROUP (…)` after the call too.
 *
 * @throws NotEmulatedError for more than two arguments.
 */
export function rewriteListagg(call: CallSite): CallRewrite {
  const { ranges, argumentRanges, close, limit } = call;
  if (argumentRanges.length > 2) {
    throw new NotEmulatedError(`LISTAGG with ${argumentRanges.length} arguments`, ranges.sql);
  }
  let expressionRange = argumentRanges[0]!;
  let distinct = '';
  const first = ranges.firstSignificant(expressionRange);
  if (first < expressionRange.to && ranges.isWord(first, 'distinct')) {
    distinct = 'DISTINCT ';
    expressionRange = { from: first + 1, to: expressionRange.to };
  }
  const expression = call.rewrite(ranges.trim(expressionRange), false, false);
  let delimiter = "''";
  if (argumentRanges[1] !== undefined) {
    delimiter = call.rewrite(ranges.trim(argumentRanges[1]), false, false);
  }
  let end = close;
  let orderBy = '';
  const within = ranges.firstSignificant({ from: close + 1, to: limit });
  if (within < limit && ranges.isWord(within, 'within')) {
    const group = ranges.firstSignificant({ from: within + 1, to: limit });
    const open = ranges.firstSignificant({ from: group + 1, to: limit });
    if (
      open < limit &&
      ranges.isWord(group, 'group') &&
      ranges.tokens[open]!.type === 'punctuation' &&
      ranges.tokens[open]!.text === '('
    ) {
      const groupClose = ranges.closeOf(open, limit);
      orderBy = ` ${call.rewrite(ranges.trim({ from: open + 1, to: groupClose }), false, false)}`;
      end = groupClose;
    }
  }
  if (distinct !== '' && orderBy !== '') {
    // PostgreSQL requires ORDER BY expressions of a DISTINCT aggregate to appear in its arguments.
    return { text: `string_agg(DISTINCT (${expression})::text, ${delimiter}${orderBy})`, end };
  }
  return { text: `string_agg(${distinct}(${expression})::text, ${delimiter}${orderBy})`, end };
}
