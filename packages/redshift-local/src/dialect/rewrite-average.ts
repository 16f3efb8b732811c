import type { CallRewrite, CallSite } from './call-site';

/**
 * `AVG([DISTINCT | ALL] x) [FILTER (WHERE …)] [OVER (…)]` → `shiftflow_compat.avg(pg_catalog.avg(…) …,
 * pg_catalog.min(x) …)`: PostgreSQL's fast AVG, then Redshift's result type chosen by the type of `x` (the MIN
 * over the same rows carries it): BIGINT with the fraction truncated for integers, the argument's scale for
 * DECIMAL, PostgreSQL's value otherwise (see average-sql.ts). The aggregates of average-sql.ts give the same
 * results but call a SQL function per row (20–50 times slower for BIGINT and DECIMAL).
 */
export function rewriteAverage(call: CallSite): CallRewrite | undefined {
  const { ranges, argumentRanges, close, limit } = call;
  if (argumentRanges.length !== 1) return undefined;
  const range = argumentRanges[0]!;
  const first = ranges.firstSignificant(range);
  const quantifier = ranges.isWord(first, 'distinct') || ranges.isWord(first, 'all');
  const expression = call.rewrite(
    ranges.trim(quantifier ? { from: first + 1, to: range.to } : range),
    false,
    false,
  );
  const argument = call.trimmed(0);
  let end = close;
  let clauses = '';
  const next = (index: number): number => ranges.firstSignificant({ from: index + 1, to: limit });
  let index = next(close);
  for (const keyword of ['filter', 'over']) {
    if (!ranges.isWord(index, keyword)) continue;
    const open = next(index);
    if (open < limit && ranges.tokens[open]!.type === 'punctuation' && ranges.tokens[open]!.text === '(') {
      const clauseClose = ranges.closeOf(open, limit);
      clauses += ` ${keyword.toUpperCase()} ${call.rewrite({ from: open, to: clauseClose + 1 }, false, false)}`;
      end = clauseClose;
    } else if (keyword === 'over' && open < limit && ranges.tokens[open]!.type === 'word') {
      clauses += ` OVER ${ranges.tokens[open]!.text}`;
      end = open;
    } else {
      return undefined;
    }
    index = next(end);
  }
  return {
    text: `shiftflow_compat.avg(pg_catalog.avg(${argument})${clauses}, pg_catalog.min(${expression})${clauses})`,
    end,
  };
}
