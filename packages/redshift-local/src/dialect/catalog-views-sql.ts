/**
 * Redshift's catalog views users query every day, as views over PostgreSQL's catalog in schema
 * `shiftflow_compat` (on the search path, so `select … from pg_table_def` finds them), with Redshift's column
 * names and types:
 *
 * - PG_TABLE_DEF (https://docs.aws.amazon.com/redshift/latest/dg/r_PG_TABLE_DEF.html): columns of the tables and
 *   views in the schemas on the search path, with the ENCODE, DISTKEY and SORTKEY position (negative for every
 *   other column of an INTERLEAVED key, as Redshift shows it) that CREATE TABLE declared
 *   (`shiftflow_compat.table_attributes`, see record-table-attributes.ts); `none`, false, 0 otherwise.
 * - SVV_TABLES (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLES.html): tables and views of the database.
 * - SVV_TABLE_INFO (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html): user tables with rows
 *   (empty tables are not listed, as on Redshift), their exact row count and size in 1 MB blocks; DISTSTYLE
 *   (`KEY(column)`, `ALL`, `EVEN`, …) and first sort key column as CREATE TABLE declared them.
 * - PG_GET_LATE_BINDING_VIEW_COLS() and PG_GET_COLS(view)
 *   (https://docs.aws.amazon.com/redshift/latest/dg/PG_GET_LATE_BINDING_VIEW_COLS.html): the columns of views
 *   created WITH NO SCHEMA BINDING (recorded in `shiftflow_compat.late_binding_views`), or of one view.
 *
 * The views are dropped and created again on every install, so that a data directory of an earlier version gets
 * their current columns. Part of {@link compatibilitySql}.
 */
export const catalogViewsSql = `
CREATE TABLE IF NOT EXISTS shiftflow_compat.table_attributes (
  table_oid oid PRIMARY KEY, diststyle text NOT NULL, distkey text, sortkey text[] NOT NULL, interleaved boolean NOT NULL,
  encodings jsonb NOT NULL
);
DROP VIEW IF EXISTS shiftflow_compat.pg_table_def;
CREATE VIEW shiftflow_compat.pg_table_def AS
  SELECT n.nspname AS schemaname, c.relname AS tablename, a.attname AS "column",
    pg_catalog.format_type(a.atttypid, a.atttypmod)::text AS type,
    coalesce(ta.encodings ->> a.attname, 'none')::character(32) AS encoding,
    coalesce(ta.distkey = a.attname, false) AS distkey,
    coalesce(CASE WHEN ta.interleaved AND pg_catalog.array_position(ta.sortkey, a.attname::text) % 2 = 1
      THEN -pg_catalog.array_position(ta.sortkey, a.attname::text) ELSE pg_catalog.array_position(ta.sortkey, a.attname::text) END, 0) AS sortkey,
    a.attnotnull AS "notnull"
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN shiftflow_compat.table_attributes ta ON ta.table_oid = c.oid
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p')
    AND n.nspname = ANY (pg_catalog.current_schemas(false)) AND n.nspname <> 'shiftflow_compat';

DROP VIEW IF EXISTS shiftflow_compat.svv_tables;
CREATE VIEW shiftflow_compat.svv_tables AS
  SELECT t.table_catalog::varchar(128) AS table_catalog, t.table_schema::varchar(128) AS table_schema,
    t.table_name::varchar(128) AS table_name, t.table_type::varchar(128) AS table_type, NULL::varchar(128) AS remarks
  FROM information_schema.tables t
  WHERE t.table_schema NOT IN ('shiftflow_compat', 'pg_toast');

CREATE OR REPLACE FUNCTION shiftflow_compat.exact_row_count(relation regclass) RETURNS bigint
LANGUAGE plpgsql STABLE STRICT AS $body$
DECLARE rows bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM %s', relation) INTO rows;
  RETURN rows;
END
$body$;
DROP VIEW IF EXISTS shiftflow_compat.svv_table_info;
CREATE VIEW shiftflow_compat.svv_table_info AS
  SELECT * FROM (
    SELECT pg_catalog.current_database()::text AS database, n.nspname::text AS schema, c.oid::integer AS table_id,
      c.relname::text AS "table", CASE WHEN ta.encodings <> '{}'::jsonb THEN 'Y' ELSE 'N' END::text AS encoded,
      coalesce(ta.diststyle, 'EVEN')::text AS diststyle,
      CASE WHEN ta.interleaved THEN 'INTERLEAVED' ELSE ta.sortkey[1] END::text AS sortkey1,
      (SELECT max(nullif(a.atttypmod, -1) - 4) FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = c.oid AND a.atttypid = 'varchar'::regtype AND a.attnum > 0)::integer AS max_varchar,
      (ta.encodings ->> ta.sortkey[1])::character(32) AS sortkey1_enc, coalesce(pg_catalog.cardinality(ta.sortkey), 0) AS sortkey_num,
      pg_catalog.ceil(pg_catalog.pg_total_relation_size(c.oid) / 1048576.0)::bigint AS size,
      NULL::numeric(10,4) AS pct_used, NULL::numeric(10,4) AS empty, NULL::numeric(5,2) AS unsorted,
      0::numeric(5,2) AS stats_off, shiftflow_compat.exact_row_count(c.oid)::numeric(38,0) AS tbl_rows,
      NULL::numeric(19,2) AS skew_sortkey1, NULL::numeric(19,2) AS skew_rows,
      shiftflow_compat.exact_row_count(c.oid)::numeric(38,0) AS estimated_visible_rows, NULL::text AS risk_event,
      NULL::numeric(12,2) AS vacuum_sort_benefit
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN shiftflow_compat.table_attributes ta ON ta.table_oid = c.oid
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'shiftflow_compat', 'pg_toast')
      AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast%'
  ) AS tables
  WHERE tbl_rows > 0;

CREATE TABLE IF NOT EXISTS shiftflow_compat.late_binding_views (view_oid oid PRIMARY KEY);
CREATE OR REPLACE FUNCTION shiftflow_compat.view_columns(only_view regclass, only_late_binding boolean)
RETURNS TABLE (view_schema name, view_name name, col_name name, col_type varchar, col_num integer)
LANGUAGE sql STABLE AS $body$
  SELECT n.nspname, c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)::varchar, a.attnum::integer
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE c.relkind = 'v' AND (only_view IS NULL OR c.oid = only_view)
    AND (NOT only_late_binding OR c.oid IN (SELECT view_oid FROM shiftflow_compat.late_binding_views))
  ORDER BY n.nspname, c.relname, a.attnum
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.pg_get_late_binding_view_cols() RETURNS SETOF record
LANGUAGE sql STABLE AS $body$ SELECT * FROM shiftflow_compat.view_columns(NULL, true) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.pg_get_cols(view_name text) RETURNS SETOF record
LANGUAGE sql STABLE AS $body$ SELECT * FROM shiftflow_compat.view_columns(view_name::regclass, false) $body$;
`;
