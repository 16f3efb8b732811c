import type { TokenList } from './token-list';

/**
 * Redshift's PRIMARY KEY, UNIQUE and FOREIGN KEY (REFERENCES) constraints are informational: accepted, used by
 * the planner, never enforced ("Primary key constraints are informational only. They aren't enforced by the
 * system", https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html), so duplicate keys load. On
 * PostgreSQL they would be enforced, so CREATE TABLE leaves them out; the columns of a primary key stay NOT NULL.
 */

/** A column constraint starting at `index` that is informational on Redshift: its last token, and whether it is the primary key. */
export function informationalColumnConstraint(
  list: TokenList,
  index: number,
  limit: number,
): { end: number; primaryKey: boolean } | undefined {
  let start = index;
  if (list.isWord(index, 'constraint')) {
    start = list.nextSignificant(list.nextSignificant(index + 1) + 1);
    if (start >= limit) return undefined;
  }
  const next = list.nextSignificant(start + 1);
  if (list.isWord(start, 'primary') && list.isWord(next, 'key')) return { end: next, primaryKey: true };
  if (list.isWord(start, 'unique')) return { end: start, primaryKey: false };
  if (list.isWord(start, 'references')) return { end: referencesEnd(list, start, limit), primaryKey: false };
  return undefined;
}

/**
 * When the definition is a table constraint PRIMARY KEY (…), UNIQUE (…) or FOREIGN KEY (…) REFERENCES …
 * (optionally named with CONSTRAINT), the columns it makes NOT NULL (those of a primary key); otherwise undefined.
 */
export function informationalTableConstraint(list: TokenList): { notNullColumns: string[] } | undefined {
  let index = list.nextSignificant(0);
  if (list.isWord(index, 'constraint')) index = list.nextSignificant(list.nextSignificant(index + 1) + 1);
  const next = list.nextSignificant(index + 1);
  const isPrimary = list.isWord(index, 'primary') && list.isWord(next, 'key');
  const isForeign = list.isWord(index, 'foreign') && list.isWord(next, 'key');
  if (!isPrimary && !isForeign && !list.isWord(index, 'unique')) return undefined;
  const open = list.nextSignificant((isPrimary || isForeign ? next : index) + 1);
  if (!list.isPunctuation(open, '(')) return undefined;
  const close = list.matchParenthesis(open);
  const columns = list
    .splitArguments(open, close)
    .map((part) => part.find((token) => token.type === 'word' || token.type === 'quoted-identifier'))
    .filter((token) => token !== undefined)
    .map((token) => token.value);
  return { notNullColumns: isPrimary ? columns : [] };
}

/** The last token of `REFERENCES table [(columns)] [MATCH …] [ON DELETE|UPDATE action]`. */
function referencesEnd(list: TokenList, references: number, limit: number): number {
  let end = list.nextSignificant(references + 1);
  while (list.isPunctuation(list.nextSignificant(end + 1), '.'))
    end = list.nextSignificant(list.nextSignificant(end + 1) + 1);
  const open = list.nextSignificant(end + 1);
  if (open < limit && list.isPunctuation(open, '(')) end = list.matchParenthesis(open);
  return end;
}
