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
  // Redshift names the column of DATE_PART `pgdate_part` (DATE_PART is a synonym of PGDATE_PART).
  const name = call.nameText.toLowerCase() === 'date_part' ? 'pgdate_part' : call.nameText;
  return { text: `${name}(${joinPieces([first, ...call.trimmedFrom(1)], ', ')})`, end: call.close };
}

/**
 * `EXTRACT(part FROM value)` → `shiftflow_compat.date_part('part', value, 'extract')`, Redshift's EXTRACT:
 * an INTEGER of the named part only (no fraction of a second, milliseconds without the seconds), named
 * `date_part` as Redshift names the column; see date-part-sql.ts. Redshift-only part names are mapped.
 */
export function rewriteExtract(call: CallSite): CallRewrite | undefined {
  if (call.argumentRanges.length !== 1) return undefined;
  const range = call.argumentRanges[0]!;
  const partIndex = call.ranges.firstSignificant(range);
  const part = partIndex < range.to ? call.ranges.tokens[partIndex]! : undefined;
  const fromIndex = call.ranges.firstSignificant({ from: partIndex + 1, to: range.to });
  const isPart = part !== undefined && (part.type === 'word' || (part.type === 'string' && part.tag === ''));
  if (!isPart || !call.ranges.isWord(fromIndex, 'from')) return undefined;
  const name = part.value.toLowerCase();
  const value = call.rewrite(call.ranges.trim({ from: fromIndex + 1, to: range.to }), false, false);
  return {
    text: `shiftflow_compat.date_part(${quoteLiteral(datePartAliases.get(name) ?? name)}, ${value}, 'extract')`,
    end: call.close,
  };
}
