/**
 * The value functions Redshift has and PostgreSQL lacks or spells differently, in schema `shiftflow_compat`:
 * NVL, NVL2, LEN, the JSON text functions, MONTHS_BETWEEN, CHARINDEX, ROUND(double precision, integer),
 * SUM(real) → double precision and PG_LAST_COPY_COUNT(). Part of {@link compatibilitySql}.
 */
export const valueFunctionsSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.nvl(value anycompatible, fallback anycompatible) RETURNS anycompatible
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT coalesce(value, fallback) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.nvl2(value anyelement, when_not_null anycompatible, when_null anycompatible)
RETURNS anycompatible
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT CASE WHEN value IS NOT NULL THEN when_not_null ELSE when_null END $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.len(value text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.length(value) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.len(value bytea) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.length(value) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.json_parse(value text) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT value::jsonb $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.json_extract_path_text(document text, VARIADIC path text[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT document::json #>> path $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.json_extract_array_element_text(document text, element_index integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT document::json ->> element_index $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.json_array_length(document text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.json_array_length(document::json) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.is_valid_json(document text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $body$
BEGIN
  PERFORM document::json;
  RETURN true;
EXCEPTION WHEN invalid_text_representation THEN
  -- Invalid JSON is the answer "false", not an error.
  RETURN false;
END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.months_between(later date, earlier date) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE
    WHEN extract(day FROM later) = extract(day FROM earlier)
      OR (later = (pg_catalog.date_trunc('month', later) + interval '1 month - 1 day')::date
          AND earlier = (pg_catalog.date_trunc('month', earlier) + interval '1 month - 1 day')::date)
    THEN ((extract(year FROM later) - extract(year FROM earlier)) * 12 + extract(month FROM later) - extract(month FROM earlier))::double precision
    ELSE ((extract(year FROM later) - extract(year FROM earlier)) * 12 + extract(month FROM later) - extract(month FROM earlier)
      + (extract(day FROM later) - extract(day FROM earlier)) / 31.0)::double precision
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.charindex(needle text, haystack text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.strpos(haystack, needle) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.round(value double precision, digits integer) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.round(value::numeric, digits)::double precision $body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.float8_accum_sum(state double precision[]) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT CASE WHEN state[1] = 0 THEN NULL ELSE state[2] END $body$;
CREATE OR REPLACE AGGREGATE shiftflow_compat.sum(real) (
  SFUNC = pg_catalog.float4_accum,
  STYPE = double precision[],
  FINALFUNC = shiftflow_compat.float8_accum_sum,
  COMBINEFUNC = pg_catalog.float8_combine,
  INITCOND = '{0,0,0}',
  PARALLEL = SAFE
);

CREATE OR REPLACE FUNCTION shiftflow_compat.pg_last_copy_count() RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $body$
  SELECT coalesce(nullif(current_setting('shiftflow.last_copy_count', true), ''), '0')::integer
$body$;
`;
