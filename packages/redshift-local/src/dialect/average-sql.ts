/**
 * Redshift's AVG, in schema `shiftflow_compat`, shadowing PostgreSQL's for the same argument types.
 *
 * - Integer arguments (SMALLINT, INTEGER, BIGINT): the result is BIGINT, the fraction truncated
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_AVG.html: "BIGINT for any integer type argument";
 *   the rolling average of 10, 10, 30 is 16 in https://docs.aws.amazon.com/redshift/latest/dg/r_WF_AVG.html).
 *   PostgreSQL returns a NUMERIC with 16 decimals.
 * - NUMERIC/DECIMAL arguments: the result keeps the scale of the argument ("the AVG of a DEC(5,2) column
 *   returns a DEC(38,2) data type"), the fraction beyond it truncated as for integers. The argument's type
 *   modifier does not reach an aggregate, so the scale is the largest scale among the values, which is the
 *   column's scale for a column.
 *
 * The dialect rewrites AVG calls to `shiftflow_compat.avg(pg_catalog.avg(x), pg_catalog.min(x))` (rewrite-average.ts), which
 * PostgreSQL runs at its own speed; the aggregates stay for SQL that reaches the engine untranslated. For DECIMAL
 * the scale is the scale of the smallest value, the column's scale for a column.
 * Part of {@link compatibilitySql}; works as a window function too (`AVG(x) OVER (…)`).
 */
export const averageSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.avg(average numeric, sample smallint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT pg_catalog.trunc(average)::bigint $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg(average numeric, sample integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT pg_catalog.trunc(average)::bigint $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg(average numeric, sample bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT pg_catalog.trunc(average)::bigint $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg(average numeric, sample numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT pg_catalog.trunc(average, pg_catalog.scale(sample)) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg(average double precision, sample real) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT average $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg(average double precision, sample double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT average $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg(average interval, sample interval) RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT average $body$;
-- Any other type whose AVG has that type (money, …) passes through.
CREATE OR REPLACE FUNCTION shiftflow_compat.avg(average anyelement, sample anyelement) RETURNS anyelement
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$ SELECT average $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg_integer_final(state bigint[]) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT CASE WHEN state[1] = 0 THEN NULL ELSE state[2] / state[1] END $body$;
CREATE OR REPLACE AGGREGATE shiftflow_compat.avg(smallint) (
  SFUNC = pg_catalog.int2_avg_accum, STYPE = bigint[], FINALFUNC = shiftflow_compat.avg_integer_final,
  COMBINEFUNC = pg_catalog.int4_avg_combine, INITCOND = '{0,0}', PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE shiftflow_compat.avg(integer) (
  SFUNC = pg_catalog.int4_avg_accum, STYPE = bigint[], FINALFUNC = shiftflow_compat.avg_integer_final,
  COMBINEFUNC = pg_catalog.int4_avg_combine, INITCOND = '{0,0}', PARALLEL = SAFE
);
CREATE OR REPLACE FUNCTION shiftflow_compat.avg_bigint_accumulate(state numeric[], value bigint) RETURNS numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT ARRAY[state[1] + 1, state[2] + value] $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg_bigint_final(state numeric[]) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT CASE WHEN state[1] = 0 THEN NULL ELSE trunc(state[2] / state[1])::bigint END $body$;
CREATE OR REPLACE AGGREGATE shiftflow_compat.avg(bigint) (
  SFUNC = shiftflow_compat.avg_bigint_accumulate, STYPE = numeric[], FINALFUNC = shiftflow_compat.avg_bigint_final,
  INITCOND = '{0,0}', PARALLEL = SAFE
);
CREATE OR REPLACE FUNCTION shiftflow_compat.avg_numeric_accumulate(state numeric[], value numeric) RETURNS numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT ARRAY[state[1] + 1, state[2] + value, greatest(state[3], pg_catalog.scale(value))]
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.avg_numeric_final(state numeric[]) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE WHEN state[1] = 0 THEN NULL ELSE trunc(state[2] / state[1], state[3]::integer) END
$body$;
CREATE OR REPLACE AGGREGATE shiftflow_compat.avg(numeric) (
  SFUNC = shiftflow_compat.avg_numeric_accumulate, STYPE = numeric[], FINALFUNC = shiftflow_compat.avg_numeric_final,
  INITCOND = '{0,0,0}', PARALLEL = SAFE
);
`;
