import type { CallRewrite, CallSite } from './call-site';
import { joinPieces } from './join-pieces';

/** `NVL(a, b, …)` → `coalesce(a, b, …)`. */
export function rewriteNvl(call: CallSite): CallRewrite | undefined {
  if (call.argumentRanges.length < 2) return undefined;
  return { text: `coalesce(${joinPieces(call.trimmedFrom(0), ', ')})`, end: call.close };
}

/** `NVL2(value, ifNotNull, ifNull)` → `CASE WHEN (value) IS NOT NULL THEN ifNotNull ELSE ifNull END`. */
export function rewriteNvl2(call: CallSite): CallRewrite | undefined {
  if (call.argumentRanges.length !== 3) return undefined;
  const [value, ifNotNull, ifNull] = call.trimmedFrom(0);
  return { text: `(CASE WHEN (${value}) IS NOT NULL THEN ${ifNotNull} ELSE ${ifNull} END)`, end: call.close };
}
