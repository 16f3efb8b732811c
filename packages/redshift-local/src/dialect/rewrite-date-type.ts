import type { Token } from './tokenize';

/**
 * Words after which a `date` is not a type name but a column or table name (`select date from t`,
 * `order by date, x`, `x as date`).
 */
const nameAfter = new Set([
  'as',
  'by',
  'select',
  'distinct',
  'from',
  'where',
  'and',
  'or',
  'on',
  'then',
  'else',
  'when',
  'set',
  'into',
  'table',
  'join',
  'update',
  'returning',
  'using',
  'over',
  'partition',
  'not',
  'is',
  'all',
  'any',
  'return',
  'view',
  'exists',
  'case',
  'having',
  'limit',
  'offset',
  'values',
  'with',
  'only',
  'analyze',
  'vacuum',
  'truncate',
]);

/** Tokens after which a `date` that follows a name is that name's type (`p date,`, `v date;`, `d date := …`). */
const declarationEnds = new Set([',', ')', ';', ':=', '=', '[']);

/**
 * Whether the unqualified word `date` at hand is the DATE type: after `::` or `AS` in a cast (`typePosition`),
 * before a string (`date '2020-01-01'`), after `RETURNS`, or after a parameter or variable name and before
 * `,`, `)`, `;`, `:=`, `DEFAULT`, `NOT NULL` or the end of an argument or statement. Such a `date` is written `pg_catalog.date`: the session's
 * search path lists `public` before `pg_catalog` (the compatibility functions must shadow built-ins), so a
 * user table named `date` would otherwise stand for the type (its row type). Redshift searches `pg_catalog`
 * first for types, so a table named `date` (as in the TICKIT sample database,
 * https://docs.aws.amazon.com/redshift/latest/dg/c_sampledb.html) never breaks the DATE type there.
 */
export function isDateType(
  previous: Token | undefined,
  next: Token | undefined,
  typePosition: boolean,
): boolean {
  if (typePosition) return true;
  if (next?.type === 'string' && (next.tag === '' || next.tag === 'E')) return true;
  if (previous?.type === 'word' && previous.value === 'returns') return true;
  const afterName =
    previous?.type === 'quoted-identifier' || (previous?.type === 'word' && !nameAfter.has(previous.value));
  if (!afterName) return false;
  // The end of the range: the end of a call's argument (`f(p date)`) or of a statement (`declare w date;`).
  if (next === undefined) return true;
  if ((next.type === 'punctuation' || next.type === 'operator') && declarationEnds.has(next.text))
    return true;
  return next.type === 'word' && (next.value === 'default' || next.value === 'not' || next.value === 'null');
}
