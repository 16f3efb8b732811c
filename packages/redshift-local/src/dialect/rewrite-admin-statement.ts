import { quoteLiteral } from './token-list';
import type { Token } from './tokenize';

/** A statement that does nothing and returns no result set. */
const noOperation = 'DO $shiftflow$ BEGIN END $shiftflow$';

/**
 * Redshift administration statements that only touch physical layout, statistics or IAM, which the local
 * engine has none of: accepted and, apart from checking that a named table or view exists, without effect.
 *
 * - `VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX | RECLUSTER] [table] [TO n PERCENT] [BOOST]`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html)
 * - `ANALYZE [VERBOSE] [table [(columns)]] [PREDICATE COLUMNS | ALL COLUMNS]`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html)
 * - `ANALYZE COMPRESSION …` returns Redshift's report columns (table, column, encoding, est_reduction_pct) with no
 *   rows: there are no encodings to advise on (https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE_COMPRESSION.html)
 * - `ALTER MATERIALIZED VIEW name AUTO REFRESH {YES | NO}`
 * - `GRANT | REVOKE ASSUMEROLE ON … TO | FROM …` (IAM roles for COPY/UNLOAD are not checked locally)
 *
 * Returns undefined for any other statement.
 */
export function rewriteAdminStatement(
  tokens: readonly Token[],
  words: readonly string[],
): string | undefined {
  const significant = tokens.filter(
    (token) => token.type !== 'whitespace' && !token.type.endsWith('comment'),
  );
  if (words[0] === 'vacuum') {
    const table = tableAfter(significant, [
      'vacuum',
      'full',
      'sort',
      'only',
      'delete',
      'reindex',
      'recluster',
    ]);
    return table === undefined ? noOperation : tableExists(table);
  }
  if (words[0] === 'analyze' && words[1] === 'compression') {
    return 'SELECT NULL::varchar(128) AS "table", NULL::varchar(128) AS "column", NULL::varchar(128) AS encoding, NULL::numeric(5,2) AS est_reduction_pct WHERE false';
  }
  if (words[0] === 'analyze') {
    const table = tableAfter(significant, ['analyze', 'verbose']);
    return table === undefined ? noOperation : tableExists(table);
  }
  if (words[0] === 'alter' && words[1] === 'materialized' && words[2] === 'view') {
    const autoIndex = significant.findIndex((token) => token.type === 'word' && token.value === 'auto');
    if (autoIndex < 0 || significant[autoIndex + 1]?.value !== 'refresh') return undefined;
    return tableExists(
      significant
        .slice(3, autoIndex)
        .map((token) => token.text)
        .join(''),
    );
  }
  if ((words[0] === 'grant' || words[0] === 'revoke') && words[1] === 'assumerole') return noOperation;
  return undefined;
}

/** The (possibly qualified) table name after the leading `keywords`, or undefined when there is none. */
function tableAfter(significant: readonly Token[], keywords: readonly string[]): string | undefined {
  let index = 0;
  while (
    index < significant.length &&
    significant[index]!.type === 'word' &&
    keywords.includes(significant[index]!.value)
  )
    index++;
  const first = significant[index];
  if (first === undefined || (first.type !== 'word' && first.type !== 'quoted-identifier')) return undefined;
  if (first.type === 'word' && ['to', 'boost', 'predicate', 'all'].includes(first.value)) return undefined;
  let name = first.text;
  while (significant[index + 1]?.text === '.' && significant[index + 2] !== undefined) {
    name += `.${significant[index + 2]!.text}`;
    index += 2;
  }
  return name;
}

/** A statement that fails like a query of the table when it does not exist, and does nothing else. */
function tableExists(table: string): string {
  return `DO $shiftflow$ BEGIN PERFORM ${quoteLiteral(table)}::regclass; END $shiftflow$`;
}
