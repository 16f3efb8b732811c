import { isTrivia, type Token } from './tokenize';

/** Comparison operators after which a literal is compared with a SUPER value. */
const comparisons = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);

/**
 * The literal compared with a SUPER navigation path that ends before `index` (`c.c_orders[0].o_orderstatus = 'F'`),
 * as a SUPER value: `'F'` → `pg_catalog.to_jsonb('F'::text)`, `3` → `pg_catalog.to_jsonb(3)`. Redshift compares a
 * SUPER string with a VARCHAR and a SUPER number with a number
 * (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html, "Navigation": the path is used wherever a column
 * reference is); PostgreSQL would read `'F'` as JSON text and fail. Returns the text from `index` through the literal,
 * and the index after it; undefined when no comparison with a plain literal follows.
 */
export function superComparisonLiteral(
  tokens: readonly Token[],
  index: number,
): { text: string; end: number } | undefined {
  let operator = index;
  while (operator < tokens.length && isTrivia(tokens[operator]!)) operator++;
  const token = tokens[operator];
  if (token?.type !== 'operator' || !comparisons.has(token.text)) return undefined;
  let literal = operator + 1;
  while (literal < tokens.length && isTrivia(tokens[literal]!)) literal++;
  const value = tokens[literal];
  let text: string;
  if (value?.type === 'string' && value.tag === '') text = `pg_catalog.to_jsonb(${value.text}::text)`;
  else if (value?.type === 'number') text = `pg_catalog.to_jsonb(${value.text})`;
  else return undefined;
  let prefix = '';
  for (let position = index; position < literal; position++) prefix += tokens[position]!.text;
  return { text: `${prefix}${text}`, end: literal + 1 };
}
