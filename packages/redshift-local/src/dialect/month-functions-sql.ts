/**
 * Redshift's month-end date functions, in schema `shiftflow_compat`:
 *
 * - ADD_MONTHS(date | timestamp | string, n): from the last day of a month the result is the last day of the
 *   result month (`ADD_MONTHS('2008-04-30', 1)` is 2008-05-31), unlike DATEADD(month, …), which keeps the day
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_ADD_MONTHS.html, r_DATEADD_function.html "Usage notes").
 *   A string argument is read as a timestamp.
 * - LAST_DAY(date | timestamp) → the DATE of the month's last day (https://docs.aws.amazon.com/redshift/latest/dg/r_LAST_DAY.html).
 * - NEXT_DAY(date | timestamp, day) → the DATE of the first such weekday after the date; the day name's case does
 *   not matter and it may be abbreviated (https://docs.aws.amazon.com/redshift/latest/dg/r_NEXT_DAY.html).
 *
 * Part of {@link compatibilitySql}.
 */
export const monthFunctionsSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.add_months(value timestamp, months bigint) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE WHEN value::date = (pg_catalog.date_trunc('month', value) + interval '1 month - 1 day')::date
    THEN (pg_catalog.date_trunc('month', value) + (months + 1) * interval '1 month' - interval '1 day')::date + value::time
    ELSE value + months * interval '1 month' END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.add_months(value date, months bigint) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.add_months(value::timestamp, months) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.add_months(value text, months bigint) RETURNS timestamp
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.add_months(value::timestamp, months) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.add_months(value timestamptz, months bigint) RETURNS timestamptz
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$
  SELECT shiftflow_compat.add_months(value AT TIME ZONE current_setting('TimeZone'), months) AT TIME ZONE current_setting('TimeZone')
$body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.last_day(value timestamp) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT (pg_catalog.date_trunc('month', value) + interval '1 month - 1 day')::date
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.last_day(value date) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.last_day(value::timestamp) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.last_day(value text) RETURNS date
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.last_day(value::timestamp) $body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.next_day(value timestamp, day_name text) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT value::date + 1 + ((target.dow - extract(dow FROM value)::integer - 1 + 7) % 7)
  FROM (SELECT CASE
    WHEN pg_catalog.length(btrim(day_name)) >= 2 AND 'sunday' LIKE pg_catalog.lower(btrim(day_name)) || '%' THEN 0
    WHEN pg_catalog.length(btrim(day_name)) >= 1 AND 'monday' LIKE pg_catalog.lower(btrim(day_name)) || '%' THEN 1
    WHEN pg_catalog.length(btrim(day_name)) >= 2 AND 'tuesday' LIKE pg_catalog.lower(btrim(day_name)) || '%' THEN 2
    WHEN pg_catalog.length(btrim(day_name)) >= 1 AND 'wednesday' LIKE pg_catalog.lower(btrim(day_name)) || '%' THEN 3
    WHEN pg_catalog.length(btrim(day_name)) >= 2 AND 'thursday' LIKE pg_catalog.lower(btrim(day_name)) || '%' THEN 4
    WHEN pg_catalog.length(btrim(day_name)) >= 1 AND 'friday' LIKE pg_catalog.lower(btrim(day_name)) || '%' THEN 5
    WHEN pg_catalog.length(btrim(day_name)) >= 2 AND 'saturday' LIKE pg_catalog.lower(btrim(day_name)) || '%' THEN 6
    ELSE shiftflow_compat.raise_text(format('NEXT_DAY: "%s" is not a day of the week', day_name))::integer
  END AS dow) AS target
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.next_day(value date, day_name text) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.next_day(value::timestamp, day_name) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.next_day(value text, day_name text) RETURNS date
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.next_day(value::timestamp, day_name) $body$;
`;
