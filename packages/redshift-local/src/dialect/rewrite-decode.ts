import type { CallRewrite, CallSite } from './call-site';

/**
 * `DECODE(expression, search, result, …[, default])` → `CASE WHEN (expression) IS NOT DISTINCT FROM (search)
 * THEN result … [ELSE default] END`. The expression is repeated once per search value, so nested DECODEs grow
 * exponentially: the length is checked as the CASE grows.
 */
export function rewriteDecode(call: CallSite): CallRewrite | undefined {
  if (call.argumentRanges.length < 3) return undefined;
  const [expression, ...pairs] = call.trimmedFrom(0);
  let text = '(CASE';
  for (let pair = 0; pair + 1 < pairs.length; pair += 2) {
    text += ` WHEN (${expression}) IS NOT DISTINCT FROM (${pairs[pair]}) THEN ${pairs[pair + 1]}`;
    call.checkLength(text);
  }
  if (pairs.length % 2 === 1) text += ` ELSE ${pairs.at(-1)}`;
  text += ' END)';
  return { text, end: call.close };
}
