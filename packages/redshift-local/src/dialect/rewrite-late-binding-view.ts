import { escapeLiteral } from './rewrite-backslash-strings';
import { rewriteExpressions } from './rewrite-expressions';
import type { TokenList } from './token-list';
import { isTrivia } from './tokenize';

/**
 * `CREATE [OR REPLACE] VIEW name AS query WITH NO SCHEMA BINDING`, Redshift's late-binding view
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_VIEW.html). PostgreSQL views always bind, so the view
 * is created from the query as it stands and recorded in `shiftflow_compat.late_binding_views`, which
 * PG_GET_LATE_BINDING_VIEW_COLS() lists. Over a table that does not exist yet PostgreSQL cannot create a view: the
 * statement fails saying that this form is not emulated, naming the missing table. Returns undefined for a view
 * without the clause.
 */
export function rewriteLateBindingView(list: TokenList, statementText: string): string | undefined {
  const significant: number[] = [];
  for (let index = list.tokens.length - 1; index >= 0 && significant.length < 4; index--) {
    if (!isTrivia(list.tokens[index]!)) significant.unshift(index);
  }
  const words = significant.map((index) => list.tokens[index]!.value).join(' ');
  if (words !== 'with no schema binding') return undefined;
  const view = rewriteExpressions(list.tokens.slice(0, significant[0]), statementText).trimEnd();
  const name = viewName(list);
  const refusal =
    'CREATE VIEW … WITH NO SCHEMA BINDING over a table that does not exist yet is not emulated locally (shiftflow local Redshift): %';
  return [
    'DO $shiftflow_view$ BEGIN',
    `  EXECUTE ${escapeLiteral(view)};`,
    `  INSERT INTO shiftflow_compat.late_binding_views VALUES (${escapeLiteral(name)}::regclass::oid) ON CONFLICT DO NOTHING;`,
    'EXCEPTION WHEN undefined_table THEN',
    `  RAISE EXCEPTION '${refusal}', SQLERRM USING ERRCODE = '0A000';`,
    'END $shiftflow_view$',
  ].join('\n');
}

/** The (possibly qualified) name after VIEW, as written. */
function viewName(list: TokenList): string {
  let index = list.tokens.findIndex((token) => token.type === 'word' && token.value === 'view');
  index = list.nextSignificant(index + 1);
  let name = list.tokens[index]?.text ?? '';
  while (list.isPunctuation(list.nextSignificant(index + 1), '.')) {
    index = list.nextSignificant(list.nextSignificant(index + 1) + 1);
    name += `.${list.tokens[index]?.text ?? ''}`;
  }
  return name;
}
