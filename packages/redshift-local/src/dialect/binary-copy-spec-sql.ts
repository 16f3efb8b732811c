/**
 * `shiftflow_compat.binary_copy_spec`: the spec of PGlite's binary COPY accelerator for a plain delimited COPY into
 * given columns, or NULL when a column's type is outside its subset. Part of {@link copyHelperSql}, where the COPY
 * helper's fast path uses it; the spec's grammar is parseBinaryCopySpec's (binary-copy-spec.ts).
 */
export const binaryCopySpecSql = `-- The spec of PGlite's binary COPY accelerator (enablePgliteGzip serves 'shiftflow-binary-copy <spec> <path> <next>'; the
-- grammar is in binary-copy-spec.ts) for a plain delimited COPY into these columns, or NULL when a column's type is
-- outside the accelerator's subset (int2, int4, int8, float4, float8, date, timestamp, bool, text, varchar(n),
-- char(n)): then the text fast path alone runs.
CREATE OR REPLACE FUNCTION shiftflow_compat.binary_copy_spec(target regclass, column_names text[], delimiter text,
  quote_character text, header boolean, null_as text, force_not_null boolean, compression text)
RETURNS text LANGUAGE sql STABLE AS $body$
  SELECT CASE WHEN count(code) = cardinality(column_names) AND pg_catalog.octet_length(delimiter) = 1
    AND pg_catalog.octet_length(quote_character) = 1 THEN
      pg_catalog.encode(pg_catalog.convert_to(delimiter, 'UTF8'), 'hex') || ':'
      || pg_catalog.encode(pg_catalog.convert_to(quote_character, 'UTF8'), 'hex') || ':'
      || CASE WHEN header THEN '1' ELSE '0' END || ':'
      || pg_catalog.encode(pg_catalog.convert_to(coalesce(null_as, ''), 'UTF8'), 'hex') || ':'
      || CASE WHEN force_not_null THEN '1' ELSE '0' END || ':' || coalesce(compression, '-') || ':'
      || string_agg(code, ',' ORDER BY position)
    END
  FROM (
    SELECT u.position, CASE a.atttypid
        WHEN 'int2'::regtype::oid THEN 'i2' WHEN 'int4'::regtype::oid THEN 'i4' WHEN 'int8'::regtype::oid THEN 'i8'
        WHEN 'float4'::regtype::oid THEN 'f4' WHEN 'float8'::regtype::oid THEN 'f8' WHEN 'date'::regtype::oid THEN 'd'
        WHEN 'timestamp'::regtype::oid THEN CASE WHEN a.atttypmod = -1 THEN 'ts' END
        WHEN 'bool'::regtype::oid THEN 'b' WHEN 'text'::regtype::oid THEN 't'
        WHEN 'varchar'::regtype::oid THEN CASE WHEN a.atttypmod = -1 THEN 't' ELSE 'v' || (a.atttypmod - 4) END
        WHEN 'bpchar'::regtype::oid THEN CASE WHEN a.atttypmod > 4 THEN 'c' || (a.atttypmod - 4) END
      END AS code
    FROM unnest(column_names) WITH ORDINALITY AS u(name, position)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = target AND a.attname = u.name AND a.attnum > 0 AND NOT a.attisdropped
  ) AS columns
$body$;

`;
