/**
 * Commands Amazon Redshift refuses inside a transaction block or a multi-statement request, as listed by
 * "SVL_MULTI_STATEMENT_VIOLATIONS" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_MULTI_STATEMENT_VIOLATIONS.html):
 * CREATE/DROP DATABASE, ALTER TABLE APPEND, CREATE/DROP/RENAME/ALTER EXTERNAL TABLE, CREATE/DROP TABLESPACE,
 * CREATE/DROP LIBRARY, REBUILDCAT, INDEXCAT, REINDEX DATABASE, VACUUM (the page also lists GRANT and COPY,
 * which Redshift does run in transactions in their ordinary forms, so they are not refused here). A setup
 * batch is one transaction, so such a statement would fail there at deploy; setup refuses it up front.
 */
const patterns: readonly [RegExp, string][] = [
  [/^vacuum\b/i, 'VACUUM'],
  [/^(create|drop)\s+database\b/i, 'CREATE/DROP DATABASE'],
  [/^alter\s+table\s+\S+\s+append\b/i, 'ALTER TABLE APPEND'],
  [/^(create|drop|alter)\s+external\s+table\b/i, 'CREATE/DROP/ALTER EXTERNAL TABLE'],
  [/^(create|drop)\s+tablespace\b/i, 'CREATE/DROP TABLESPACE'],
  [/^(create(\s+or\s+replace)?|drop)\s+library\b/i, 'CREATE/DROP LIBRARY'],
  [/^(rebuildcat|indexcat)\b/i, 'REBUILDCAT/INDEXCAT'],
  [/^reindex\s+database\b/i, 'REINDEX DATABASE'],
];

/**
 * The command a statement starts with when Redshift cannot run it in a transaction block, or undefined.
 *
 * @example
 * ```ts
 * nonTransactionalCommandOf('VACUUM nyc_yellow_taxi'); // 'VACUUM'
 * nonTransactionalCommandOf('CREATE TABLE t (a INT)'); // undefined
 * ```
 */
export function nonTransactionalCommandOf(sql: string): string | undefined {
  const text = sql.trimStart();
  return patterns.find(([pattern]) => pattern.test(text))?.[1];
}
