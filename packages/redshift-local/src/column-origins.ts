/**
 * Where the columns of a result come from: the declared type modifier (varchar(20) → 20), and for a
 * column read from a table its schema, table and NOT NULL, as the service's ColumnMetadata reports
 * them (`schemaName`, `tableName`, `length`, `nullable`; see
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ColumnMetadata.html).
 * Self-contained (no imports) so the PGlite worker can load it from `src/` as well as from a build.
 */

/** A result column as the wire protocol's RowDescription gives it. */
export interface DescribedColumn {
  name: string;
  typeOid: number;
  /** pg_attribute.attrelid of the column's table; 0 for a computed column. */
  tableOid?: number | undefined;
  /** pg_attribute.attnum in that table; 0 for a computed column. */
  columnNumber?: number | undefined;
  /** atttypmod: varchar(n) → n + 4, numeric(p, s) → ((p << 16) | s) + 4; −1 when none. */
  typeModifier?: number | undefined;
}

/** A result column with its origin resolved. */
export interface ColumnWithOrigin extends DescribedColumn {
  schemaName?: string | undefined;
  tableName?: string | undefined;
  /** 0 for a NOT NULL table column, 1 otherwise. */
  nullable?: number | undefined;
}

/** Runs a catalog query on the connection that ran the statement; rows as text. */
export type CatalogQuery = (sql: string, values: string[]) => Promise<(string | null)[][]>;

/** The catalog rows of the table columns a result reads: oid, attnum, schema, table, nullable. */
const originSql = `select c.oid::int::text, a.attnum::int::text, n.nspname::text, c.relname::text, (not a.attnotnull)::int::text
  from pg_catalog.pg_attribute a
  join pg_catalog.pg_class c on c.oid = a.attrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
 where a.attrelid = any(string_to_array($1, ',')::oid[]) and a.attnum > 0`;

/**
 * The columns with the schema, table and nullability of those read from a table (one catalog
 * query, only when some column has a table). A column whose table is gone keeps no origin.
 *
 * @example
 * const columns = await withColumnOrigins(fields, (sql, values) => client.query(sql, values));
 */
export async function withColumnOrigins(
  columns: readonly DescribedColumn[],
  query: CatalogQuery,
): Promise<ColumnWithOrigin[]> {
  const tableOids = [...new Set(columns.map((column) => column.tableOid ?? 0).filter((oid) => oid > 0))];
  if (tableOids.length === 0) return [...columns];
  const rows = await query(originSql, [tableOids.join(',')]);
  const origins = new Map<string, { schemaName: string; tableName: string; nullable: number }>();
  for (const [oid, attnum, schemaName, tableName, nullable] of rows) {
    origins.set(`${oid}:${attnum}`, {
      schemaName: schemaName ?? '',
      tableName: tableName ?? '',
      nullable: Number(nullable ?? 1),
    });
  }
  return columns.map((column) => {
    const origin = origins.get(`${column.tableOid ?? 0}:${column.columnNumber ?? 0}`);
    return origin === undefined ? { ...column } : { ...column, ...origin };
  });
}
