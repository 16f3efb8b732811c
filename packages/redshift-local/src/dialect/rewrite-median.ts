import type { CallRewrite, CallSite } from './call-site';

/** `MEDIAN(x)` → `percentile_cont(0.5) WITHIN GROUP (ORDER BY x)`. */
export function rewriteMedian(call: CallSite): CallRewrite | undefined {
  if (call.argumentRanges.length !== 1) return undefined;
  return { text: `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${call.trimmed(0)})`, end: call.close };
}
