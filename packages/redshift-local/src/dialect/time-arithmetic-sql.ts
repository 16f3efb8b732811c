/**
 * DATEADD and DATEDIFF on TIME and TIMETZ values, as Redshift has them: DATEADD wraps around midnight
 * (`DATEADD(hour, 12, time '13:24:55')` is 01:24:55, https://docs.aws.amazon.com/redshift/latest/dg/r_DATEADD_function.html)
 * (a TIMETZ is added to in UTC: `DATEADD(hour, 2, timetz '13:24:55 PST')` is 23:24:55+00) and DATEDIFF counts hour, minute, second, millisecond or microsecond boundaries between two times
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_DATEDIFF_function.html). Part of {@link compatibilitySql}.
 */
export const timeArithmeticSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.dateadd(part text, amount bigint, value time) RETURNS time
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT (shiftflow_compat.dateadd(part, amount, '2000-01-01'::date + value))::time
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.dateadd(part text, amount bigint, value timetz) RETURNS timetz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT ((shiftflow_compat.dateadd(part, amount, '2000-01-01'::date + (value AT TIME ZONE 'UTC')::time))::time || '+00')::timetz
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.datediff(part text, start_value time, end_value time) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT shiftflow_compat.datediff(part, '2000-01-01'::date + start_value, '2000-01-01'::date + end_value)
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.datediff(part text, start_value timetz, end_value timetz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT shiftflow_compat.datediff(part, '2000-01-01'::date + (start_value AT TIME ZONE 'UTC')::time,
    '2000-01-01'::date + (end_value AT TIME ZONE 'UTC')::time)
$body$;
`;
