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
 * Part of {@link compatibilitySql}; works as a window function too (`AVG(x) OVER (…)`).
 */
export const averageSql = `
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
