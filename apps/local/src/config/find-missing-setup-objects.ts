import type { SetupObject, SetupObjectKind } from './setup-objects';

/** The one Data API call the check needs; `RedshiftData` of `@shiftflow/data-api` provides it. */
export interface CatalogQuery {
  query(sql: string): Promise<Record<string, unknown>[]>;
}

/** pg_class relkinds that satisfy each kind of setup object ('p': partitioned table). */
const relationKinds: Record<Exclude<SetupObjectKind, 'procedure'>, readonly string[]> = {
  table: ['r', 'p'],
  view: ['v'],
  'materialized view': ['m'],
};

const quote = (name: string) => `'${name.replaceAll("'", "''")}'`;

/**
 * The setup objects (tables, views, materialized views, procedures) the local engine does not have,
 * in setup order: what a `DROP TABLE` by hand leaves behind while the setup is still recorded as
 * applied. One catalog query (pg_class and pg_proc, visible in the search path), run before a run so
 * it fails with a plain "table x is missing" instead of the engine's error in the middle of the ELT.
 *
 * @example
 * const missing = await findMissingSetupObjects(pipeline.dataApi, objects.created);
 * // [{ kind: 'table', name: 'nyc_yellow_taxi', file: 'sql/setup/001_nyc_yellow_taxi.sql' }]
 */
export async function findMissingSetupObjects(
  dataApi: CatalogQuery,
  objects: readonly SetupObject[],
): Promise<SetupObject[]> {
  if (objects.length === 0) return [];
  const relations = objects.filter((object) => object.kind !== 'procedure').map((object) => object.name);
  const procedures = objects.filter((object) => object.kind === 'procedure').map((object) => object.name);
  const parts: string[] = [];
  if (relations.length > 0) {
    parts.push(
      `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_catalog.pg_class c WHERE c.relname IN (${relations.map(quote).join(', ')}) AND pg_catalog.pg_table_is_visible(c.oid)`,
    );
  }
  if (procedures.length > 0) {
    parts.push(
      `SELECT p.proname AS name, 'procedure' AS kind FROM pg_catalog.pg_proc p WHERE p.proname IN (${procedures.map(quote).join(', ')}) AND pg_catalog.pg_function_is_visible(p.oid)`,
    );
  }
  const rows = await dataApi.query(parts.join(' UNION ALL '));
  const present = new Set(rows.map((row) => `${String(row.kind)}:${String(row.name)}`));
  return objects.filter((object) =>
    object.kind === 'procedure'
      ? !present.has(`procedure:${object.name}`)
      : !relationKinds[object.kind].some((kind) => present.has(`${kind}:${object.name}`)),
  );
}
