import type { CallRewrite, CallSite } from './call-site';
import { NotEmulatedError } from './errors';
import { joinPieces } from './join-pieces';

/**
 * SUPER calls in PostgreSQL's spelling: `ARRAY(a, b, …)` (a SUPER array, not PostgreSQL's `ARRAY(subquery)`) →
 * `jsonb_build_array(…)`; `JSON_SERIALIZE(x)` → `shiftflow_compat.super_serialize(x)` (PostgreSQL 17+ reads
 * JSON_SERIALIZE as its own SQL/JSON syntax, which returns other text). SUPER functions without a local form are
 * refused by name.
 */
export function rewriteSuperCall(call: CallSite): CallRewrite | undefined {
  const name = call.nameText.toLowerCase();
  if (name === 'array') {
    const first = call.ranges.firstSignificant(call.argumentRanges[0]!);
    if (
      call.ranges.isWord(first, 'select') ||
      call.ranges.isWord(first, 'with') ||
      call.ranges.isWord(first, 'values')
    )
      return undefined;
    const pieces =
      call.argumentRanges.length === 1 && first >= call.argumentRanges[0]!.to ? [] : call.trimmedFrom(0);
    return { text: `jsonb_build_array(${joinPieces(pieces, ', ')})`, end: call.close };
  }
  if (name === 'json_serialize')
    return { text: `shiftflow_compat.super_serialize(${call.trimmed(0)})`, end: call.close };
  throw new NotEmulatedError(`SUPER function ${name.toUpperCase()}`, call.ranges.sql);
}

/** SUPER functions refused by name (no local equivalent yet). */
export const refusedSuperFunctions: readonly string[] = [
  'array_concat',
  'array_flatten',
  'subarray',
  'object',
  'object_transform',
  'json_serialize_to_varbyte',
  'json_deserialize',
  'get_number_attributes',
  'is_integer',
  'is_bigint',
  'is_smallint',
  'is_decimal',
  'is_float',
  'is_char',
];
