import type { CallRewrite, CallSite } from './call-site';
import { joinPieces } from './join-pieces';
import { quoteLiteral } from './token-list';

/** Functions whose first argument Redshift accepts as a bare date part keyword (`DATEADD(day, 1, d)`). */
export const datePartFunctions: readonly string[] = [
  'dateadd',
  'datediff',
  'date_part',
  'pgdate_part',
  'date_trunc',
];

/** Redshift date part names PostgreSQL's date_part/date_trunc/extract do not know. */
const datePartAliases = new Map([
  ['qtrs', 'quarter'],
  ['quarters', 'quarter'],
  ['dw', 'dow'],
  ['dayofweek', 'dow'],
  ['dy', 'doy'],
  ['dayofyear', 'doy'],
]);

/**
 * `DATEADD`/`DATEDIFF`/`DATE_PART`/`PGDATE_PART`/`DATE_TRUNC` with a bare or quoted date part: the part
 * becomes a lowercase string literal, Redshift-only part names mapped to PostgreSQL's.
 */
export function rewriteDatePart(call: CallSite): CallRewrite | undefined {
  if (call.argumentRanges.length < 2) return undefined;
  const single = call.ranges.singleSignificant(call.argumentRanges[0]!);
  const first =
    single !== undefined && (single.type === 'word' || (single.type === 'string' && single.tag === ''))
      ? quoteLiteral(datePartAliases.get(single.value.toLowerCase()) ?? single.value.toLowerCase())
      : call.trimmed(0);
  return { text: `${call.nameText}(${joinPieces([first, ...call.trimmedFrom(1)], ', ')})`, end: call.close };
}

/** `EXTRACT(part FROM value)` with a Redshift-only part name mapped to PostgreSQL's. */
export function rewriteExtract(call: CallSite): CallRewrite | undefined {
  if (call.argumentRanges.length !== 1) return undefined;
  const range = call.argumentRanges[0]!;
  const firstIndex = call.ranges.firstSignificant(range);
  const first = firstIndex < range.to ? call.ranges.tokens[firstIndex]! : undefined;
  const alias = first?.type === 'word' ? datePartAliases.get(first.value) : undefined;
  const text =
    alias === undefined
      ? `${call.nameText}(${call.untrimmed(0)})`
      : `${call.nameText}(${call.ranges.text(range.from, firstIndex)}${alias}${call.rewrite({ from: firstIndex + 1, to: range.to }, false, false)})`;
  return { text, end: call.close };
}
