/**
 * Helpers behind the Redshift window functions PostgreSQL has no window form of (see rewrite-window-functions.ts):
 * each takes the array that `array_agg(x) OVER (window)` collects over the window frame, in the window's order.
 * Part of {@link compatibilitySql}.
 */
export const windowFunctionsSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.listagg_of(vals anyarray, delimiter text, is_distinct boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT pg_catalog.string_agg(v, coalesce(delimiter, '') ORDER BY i)
  FROM (SELECT u.v::text AS v, min(u.i) AS i FROM unnest(vals) WITH ORDINALITY AS u(v, i)
        WHERE u.v IS NOT NULL GROUP BY u.v::text, CASE WHEN is_distinct THEN 0 ELSE u.i END) AS kept
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.percentile_cont_of(fraction double precision, vals anyarray, descending boolean)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE WHEN descending THEN pg_catalog.percentile_cont(fraction) WITHIN GROUP (ORDER BY u.v::double precision DESC)
    ELSE pg_catalog.percentile_cont(fraction) WITHIN GROUP (ORDER BY u.v::double precision) END
  FROM unnest(vals) AS u(v)
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.percentile_disc_of(fraction double precision, vals anyarray, descending boolean)
RETURNS anyelement
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE WHEN descending THEN pg_catalog.percentile_disc(fraction) WITHIN GROUP (ORDER BY u.v DESC)
    ELSE pg_catalog.percentile_disc(fraction) WITHIN GROUP (ORDER BY u.v) END
  FROM unnest(vals) AS u(v)
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.nth_non_null(vals anyarray, n bigint, from_last boolean) RETURNS anyelement
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT u.v FROM unnest(vals) WITH ORDINALITY AS u(v, i) WHERE u.v IS NOT NULL
  ORDER BY CASE WHEN from_last THEN -u.i ELSE u.i END OFFSET n - 1 LIMIT 1
$body$;
`;
