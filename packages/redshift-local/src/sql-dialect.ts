/**
 * The seam between the Data API layer and the Redshift → PostgreSQL dialect layer.
 */

/** Turns Redshift SQL into SQL the engine runs, plus the SQL installed after every open. */
export interface SqlDialect {
  /** Rewrites one Redshift statement (or script) for PostgreSQL. */
  translate(sql: string): string;
  /** Compatibility SQL (functions, aggregates, COPY helper) run after each engine open. */
  compatibilitySql: string[];
  /** `search_path` set after every open, so compatibility objects shadow `pg_catalog`. */
  searchPath: string;
}

/**
 * A dialect that changes nothing: used to drive an engine "directly" (benchmarks) and as the
 * fallback when no dialect is given.
 *
 * @example
 * passThroughDialect.translate('select 1'); // 'select 1'
 */
export const passThroughDialect: SqlDialect = {
  translate: (sql) => sql,
  compatibilitySql: [],
  searchPath: '"$user", public, pg_catalog',
};
