/**
 * A TRUNCATE that ran inside a transaction block commits it and opens a new one, as on Redshift
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html). PostgreSQL cannot say whether a
 * block is open except by trying a SAVEPOINT, which fails outside one (harmlessly: nothing is open).
 */
import type pg from 'pg';

/**
 * Commits the open transaction block on `client` and begins a new one; does nothing outside a block.
 *
 * @example
 * if (outcome.status === 'finished' && statement.commits === true) await commitAfterTruncate(client);
 */
export async function commitAfterTruncate(client: pg.PoolClient): Promise<void> {
  const inBlock = await client.query('savepoint shiftflow_truncate').then(
    () => true,
    // The refused SAVEPOINT is the answer "no transaction block is open", not an error to report.
    () => false,
  );
  if (inBlock) await client.query('commit; begin');
}
