/**
 * Redshift's DATE_PART and EXTRACT, in schema `shiftflow_compat`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html, "Variations in
 * results with seconds, milliseconds, and microseconds"):
 *
 * - DATE_PART(millisecond | microsecond, t) returns the fraction of the second only:
 *   `DATE_PART(microsecond, timestamp '20220502 04:05:06.789')` is 789000
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_DATE_PART_function.html); PostgreSQL counts the whole
 *   seconds too (6789000). Other parts are PostgreSQL's (DATE_PART(second) keeps its fraction on both).
 * - EXTRACT returns an INTEGER for TIMESTAMP, DATE, TIME, TIMETZ and INTERVAL sources and a DOUBLE PRECISION
 *   for TIMESTAMPTZ, and only the named part: `EXTRACT(sec …)` has no fraction, `EXTRACT(ms …)` no seconds
 *   (`EXTRACT(ms FROM timestamp '2009-09-09 12:08:43.101')` is 101,
 *   https://docs.aws.amazon.com/redshift/latest/dg/r_EXTRACT_function.html), `EXTRACT(us …)` neither
 *   seconds nor milliseconds. The dialect rewrites `EXTRACT(part FROM x)` into
 *   `shiftflow_compat.date_part('part', x, 'extract')`, so the column is still named `date_part` as on Redshift.
 *
 * The functions are not STRICT, so that PostgreSQL inlines them into the query (a STRICT SQL function whose body
 * is a CASE is called once per row instead: 25 times slower over a million rows); NULL in gives NULL out all the
 * same. Part of {@link compatibilitySql}.
 */
export const datePartSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.fraction_part(part text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE
    WHEN lower(btrim(part)) IN ('ms', 'msec', 'msecs', 'msecond', 'mseconds', 'millisec', 'millisecs', 'millisecon',
      'millisecond', 'milliseconds') THEN 'ms'
    WHEN lower(btrim(part)) IN ('microsec', 'microsecs', 'microsecond', 'microseconds', 'usecond', 'useconds', 'us',
      'usec', 'usecs') THEN 'us'
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value timestamp) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.fraction_part(part)
    WHEN 'ms' THEN (extract(microseconds FROM value) % 1000000 / 1000)::double precision
    WHEN 'us' THEN (extract(microseconds FROM value) % 1000000)::double precision
    ELSE CASE WHEN lower(btrim(part)) IN ('dec', 'decs', 'decade', 'decades') THEN pg_catalog.floor(pg_catalog.date_part('year', value) / 10) + 1
      ELSE pg_catalog.date_part(part, value) END
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value timestamptz) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.fraction_part(part)
    WHEN 'ms' THEN (extract(microseconds FROM value) % 1000000 / 1000)::double precision
    WHEN 'us' THEN (extract(microseconds FROM value) % 1000000)::double precision
    ELSE CASE WHEN lower(btrim(part)) IN ('dec', 'decs', 'decade', 'decades') THEN pg_catalog.floor(pg_catalog.date_part('year', value) / 10) + 1
      ELSE pg_catalog.date_part(part, value) END
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value time) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.fraction_part(part)
    WHEN 'ms' THEN (extract(microseconds FROM value) % 1000000 / 1000)::double precision
    WHEN 'us' THEN (extract(microseconds FROM value) % 1000000)::double precision
    ELSE CASE WHEN lower(btrim(part)) IN ('dec', 'decs', 'decade', 'decades') THEN pg_catalog.floor(pg_catalog.date_part('year', value) / 10) + 1
      ELSE pg_catalog.date_part(part, value) END
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value date) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT shiftflow_compat.date_part(part, value::timestamp) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.pgdate_part(part text, value timestamp) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT shiftflow_compat.date_part(part, value) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.pgdate_part(part text, value timestamptz) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE AS $body$ SELECT shiftflow_compat.date_part(part, value) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.pgdate_part(part text, value date) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT shiftflow_compat.date_part(part, value) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value timestamp, form text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.fraction_part(part)
    WHEN 'ms' THEN (extract(microseconds FROM value)::bigint % 1000000 / 1000)::integer
    WHEN 'us' THEN (extract(microseconds FROM value)::bigint % 1000)::integer
    ELSE CASE WHEN lower(btrim(part)) IN ('dec', 'decs', 'decade', 'decades') THEN pg_catalog.floor(pg_catalog.date_part('year', value) / 10)::integer + 1
      ELSE trunc(pg_catalog.date_part(part, value))::integer END
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value time, form text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.fraction_part(part)
    WHEN 'ms' THEN (extract(microseconds FROM value)::bigint % 1000000 / 1000)::integer
    WHEN 'us' THEN (extract(microseconds FROM value)::bigint % 1000)::integer
    ELSE CASE WHEN lower(btrim(part)) IN ('dec', 'decs', 'decade', 'decades') THEN pg_catalog.floor(pg_catalog.date_part('year', value) / 10)::integer + 1
      ELSE trunc(pg_catalog.date_part(part, value))::integer END
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value timetz, form text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.fraction_part(part)
    WHEN 'ms' THEN (extract(microseconds FROM value)::bigint % 1000000 / 1000)::integer
    WHEN 'us' THEN (extract(microseconds FROM value)::bigint % 1000)::integer
    ELSE CASE WHEN lower(btrim(part)) IN ('dec', 'decs', 'decade', 'decades') THEN pg_catalog.floor(pg_catalog.date_part('year', value) / 10)::integer + 1
      ELSE trunc(pg_catalog.date_part(part, value))::integer END
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value interval, form text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.fraction_part(part)
    WHEN 'ms' THEN (extract(microseconds FROM value)::bigint % 1000000 / 1000)::integer
    WHEN 'us' THEN (extract(microseconds FROM value)::bigint % 1000)::integer
    ELSE CASE WHEN lower(btrim(part)) IN ('dec', 'decs', 'decade', 'decades') THEN pg_catalog.floor(pg_catalog.date_part('year', value) / 10)::integer + 1
      ELSE trunc(pg_catalog.date_part(part, value))::integer END
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value date, form text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT shiftflow_compat.date_part(part, value::timestamp, form) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part(part text, value timestamptz, form text) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.fraction_part(part)
    WHEN 'ms' THEN (extract(microseconds FROM value)::bigint % 1000000 / 1000)::double precision
    WHEN 'us' THEN (extract(microseconds FROM value)::bigint % 1000)::double precision
    ELSE CASE WHEN lower(btrim(part)) = 'epoch' THEN pg_catalog.date_part(part, value) ELSE trunc(pg_catalog.date_part(part, value)) END
  END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.pgdate_part(part text, value time) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT shiftflow_compat.date_part(part, value) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.pgdate_part(part text, value timetz) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT pg_catalog.date_part(part, value) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.pgdate_part(part text, value interval) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT pg_catalog.date_part(part, value) $body$;
`;
