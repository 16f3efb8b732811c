import type { CallRewrite } from './call-site';
import { NotEmulatedError } from './errors';
import type { ExpressionWindow } from './expression-window';
import { isDateType } from './rewrite-date-type';

/** Redshift types without a PostgreSQL counterpart. */
const notEmulatedTypes = new Set(['geometry', 'geography', 'hllsketch']);

const characterTypes = /^(n?varchar|varying|bpchar|n?char|character)$/;

/**
 * Rewrites a Redshift type name at `index` (a word) that PostgreSQL spells otherwise: `DATE` as
 * `pg_catalog.date`, `VARCHAR(MAX)`, `VARBYTE`/`VARBINARY`/`BINARY VARYING`, `NVARCHAR`/`NCHAR`, and in type
 * position `SUPER` and a bare `NUMERIC`/`DECIMAL`. `next` is the index of the next significant token and
 * `isCall` whether it is a `(`. Returns undefined when the word is kept as written.
 *
 * @throws NotEmulatedError for a type without a PostgreSQL counterpart (GEOMETRY, GEOGRAPHY, HLLSKETCH).
 * @example
 * ```ts
 * rewriteTypeName(window, index, next, true); // { text: 'varchar(65535)', end: close } for `varchar(max)`
 * ```
 */
export function rewriteTypeName(
  window: ExpressionWindow,
  index: number,
  next: number,
  isCall: boolean,
): CallRewrite | undefined {
  const tokens = window.tokens;
  const ranges = window.ranges;
  const token = tokens[index]!;
  if (
    token.value === 'date' &&
    !isCall &&
    !window.isPunctuation(next, '.') &&
    isDateType(
      window.inRange(window.previousSignificant(index)),
      window.inRange(next),
      window.isTypePosition(index),
    )
  ) {
    return { text: 'pg_catalog.date', end: index };
  }
  if (isCall && characterTypes.test(token.value)) {
    const close = ranges.closeOf(next, window.to);
    const inner = ranges.argumentRanges(next, close);
    if (inner.length === 1 && ranges.singleSignificant(inner[0]!)?.value === 'max') {
      return { text: `${token.value === 'nvarchar' ? 'varchar' : token.text}(65535)`, end: close };
    }
  }
  if (
    window.isWord(index, 'varbyte', 'varbinary') ||
    (window.isWord(index, 'binary') && window.isWord(next, 'varying'))
  ) {
    // VARBYTE[(n)] / VARBINARY[(n)] / BINARY VARYING[(n)] → bytea (no length in PostgreSQL).
    let end = token.value === 'binary' ? next : index;
    const afterType = window.nextSignificant(end + 1);
    if (window.isPunctuation(afterType, '(') && window.isTypePosition(index))
      end = ranges.closeOf(afterType, window.to);
    if (window.isTypePosition(index)) {
      // `::varbyte(8)$$…$$`: without the dropped `)` the next token would join the word (`bytea$$`).
      return { text: /^[\w$]/.test(tokens[end + 1]?.text ?? '') ? 'bytea ' : 'bytea', end };
    }
  }
  if (window.isWord(index, 'nvarchar', 'nchar') && (isCall || window.isTypePosition(index))) {
    return { text: token.value === 'nvarchar' ? 'varchar' : 'char', end: index };
  }
  if (window.isTypePosition(index)) {
    if (token.value === 'super') return { text: 'jsonb', end: index };
    // Redshift's NUMERIC without precision is NUMERIC(18,0).
    if ((token.value === 'numeric' || token.value === 'decimal') && !isCall)
      return { text: `${token.text}(18,0)`, end: index };
    if (notEmulatedTypes.has(token.value))
      throw new NotEmulatedError(`type ${token.value.toUpperCase()}`, ranges.sql);
  }
  return undefined;
}
