/**
 * Redshift's SUPER functions over the local SUPER type (jsonb), in schema `shiftflow_compat`
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_Type_conversion_functions.html and the pages of each function):
 *
 * - JSON_SERIALIZE(super) → VARCHAR, compact like Redshift's (`[10001,10002,"abc"]`, no spaces); object keys come
 *   out in jsonb's order (shorter keys first), which can differ from the order they were parsed in.
 * - JSON_SIZE(super) → the byte length of that text; JSON_TYPEOF, IS_ARRAY, IS_OBJECT, IS_SCALAR, IS_BOOLEAN,
 *   IS_NUMBER, IS_VARCHAR, GET_ARRAY_LENGTH, SPLIT_TO_ARRAY(string, delimiter), ARRAY(…) (rewritten to
 *   jsonb_build_array).
 *
 * - super_array(super) → the value when it is an array, else NULL; super_unnest(super) → (element, index from 0) of
 *   an array, no rows for anything else: PartiQL unnesting in FROM (rewrite-partiql-unnest.ts,
 *   https://docs.aws.amazon.com/redshift/latest/dg/query-super.html, "Unnesting queries"); UNNEST(super) in FROM
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause-unnest-examples.html), the elements of an array
 *   (PostgreSQL's unnest(anyarray) in pg_catalog is untouched; `WITH OFFSET` is refused by name).
 *
 * UNPIVOT is refused by name.
 * Part of {@link compatibilitySql}.
 */
export const superFunctionsSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.super_serialize(value jsonb) RETURNS varchar
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE pg_catalog.jsonb_typeof(value)
    WHEN 'array' THEN '[' || coalesce((SELECT pg_catalog.string_agg(shiftflow_compat.super_serialize(e.v), ',' ORDER BY e.i)
      FROM pg_catalog.jsonb_array_elements(value) WITH ORDINALITY AS e(v, i)), '') || ']'
    WHEN 'object' THEN '{' || coalesce((SELECT pg_catalog.string_agg(pg_catalog.to_jsonb(e.key)::text || ':' || shiftflow_compat.super_serialize(e.value), ',')
      FROM pg_catalog.jsonb_each(value) AS e), '') || '}'
    ELSE value::text
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.json_size(value jsonb) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.octet_length(shiftflow_compat.super_serialize(value)) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.json_typeof(value jsonb) RETURNS varchar
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.jsonb_typeof(value) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.is_array(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.jsonb_typeof(value) = 'array' $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.is_object(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.jsonb_typeof(value) = 'object' $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.is_scalar(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.jsonb_typeof(value) NOT IN ('array', 'object') $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.is_boolean(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.jsonb_typeof(value) = 'boolean' $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.is_number(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.jsonb_typeof(value) = 'number' $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.is_varchar(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.jsonb_typeof(value) = 'string' $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.get_array_length(value jsonb) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE WHEN pg_catalog.jsonb_typeof(value) = 'array' THEN pg_catalog.jsonb_array_length(value) END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.split_to_array(value text, delimiter text DEFAULT ',') RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.to_jsonb(pg_catalog.string_to_array(value, delimiter)) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.super_array(value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE WHEN pg_catalog.jsonb_typeof(value) = 'array' THEN value END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.super_unnest(value jsonb) RETURNS TABLE (element jsonb, index integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 10 AS $body$
  SELECT e.value, (e.ordinality - 1)::integer
  FROM pg_catalog.jsonb_array_elements(CASE WHEN pg_catalog.jsonb_typeof(value) = 'array' THEN value END)
    WITH ORDINALITY AS e
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.unnest(value jsonb) RETURNS SETOF jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 10 AS $body$
  SELECT e.value FROM pg_catalog.jsonb_array_elements(shiftflow_compat.super_array(value)) AS e
$body$;
`;
