import { isTrivia, type Token } from './tokenize';

/** Types a SUPER scalar is cast to through its text: PostgreSQL's jsonb casts would keep a string's quotes or fail. */
const textCastTypes = new Set([
  'varchar',
  'nvarchar',
  'text',
  'char',
  'nchar',
  'character',
  'bpchar',
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
]);

/**
 * Whether a SUPER navigation path that ends before `index` is cast (`::`) to a character or date/time type. Redshift
 * casts a SUPER string to VARCHAR as the string itself (`"Monitor"` → `Monitor`;
 * https://docs.aws.amazon.com/redshift/latest/dg/r_SUPER_type.html, dynamic typing); PostgreSQL's jsonb → varchar
 * keeps the JSON quotes and jsonb → date does not exist, so the path is read with `#>> '{}'` (the scalar's text)
 * before the cast. Casts to numbers and booleans keep PostgreSQL's jsonb casts.
 */
export function isSuperTextCast(tokens: readonly Token[], index: number): boolean {
  let cast = index;
  while (cast < tokens.length && isTrivia(tokens[cast]!)) cast++;
  if (tokens[cast]?.type !== 'operator' || tokens[cast]!.text !== '::') return false;
  let type = cast + 1;
  while (type < tokens.length && isTrivia(tokens[type]!)) type++;
  const token = tokens[type];
  return token?.type === 'word' && textCastTypes.has(token.value);
}
