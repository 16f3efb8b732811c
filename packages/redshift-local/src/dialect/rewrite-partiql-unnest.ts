import type { Token } from './tokenize';

/**
 * A PartiQL unnesting FROM item (`c.c_orders AS o` or `c.c_orders AS o AT i`) as a PostgreSQL LATERAL item,
 * given its source path already in PostgreSQL's spelling. Redshift iterates over the elements of the SUPER
 * array, `AT` naming the element's position from 0
 * (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html, "Unnesting queries"); a value that is not an
 * array gives no rows (lax mode, https://docs.aws.amazon.com/redshift/latest/dg/super-configurations.html).
 * The alias names both the item and its one column, so `o` reads the element and `o['key']` navigates into it.
 *
 * @example
 * ```ts
 * unnestItemSql('c.c_orders', alias, index); // 'LATERAL shiftflow_compat.super_unnest(c.c_orders) AS o(o, i)'
 * ```
 */
export function unnestItemSql(source: string, alias: Token, index: Token | undefined): string {
  if (index === undefined) {
    return `LATERAL pg_catalog.jsonb_array_elements(shiftflow_compat.super_array(${source})) AS ${alias.text}(${alias.text})`;
  }
  return `LATERAL shiftflow_compat.super_unnest(${source}) AS ${alias.text}(${alias.text}, ${index.text})`;
}
