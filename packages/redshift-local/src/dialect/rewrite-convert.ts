import type { CallRewrite, CallSite } from './call-site';

/**
 * Redshift's `CONVERT(type, expression)` → `CAST(expression AS type)`; PostgreSQL's convert(bytea, name, name)
 * has three arguments. The type is rewritten as the type of a cast, so that Redshift type names are mapped.
 */
export function rewriteConvert(call: CallSite): CallRewrite | undefined {
  if (call.argumentRanges.length !== 2) return undefined;
  const type = call.rewrite(call.ranges.trim(call.argumentRanges[0]!), true, true);
  return { text: `CAST(${call.trimmed(1)} AS ${type})`, end: call.close };
}
