const datePartNameSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.date_part_name(part text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE lower(btrim(part))
    WHEN 'y' THEN 'year' WHEN 'yr' THEN 'year' WHEN 'yrs' THEN 'year' WHEN 'year' THEN 'year' WHEN 'years' THEN 'year'
    WHEN 'qtr' THEN 'quarter' WHEN 'qtrs' THEN 'quarter' WHEN 'quarter' THEN 'quarter' WHEN 'quarters' THEN 'quarter'
    WHEN 'mon' THEN 'month' WHEN 'mons' THEN 'month' WHEN 'month' THEN 'month' WHEN 'months' THEN 'month'
    WHEN 'w' THEN 'week' WHEN 'week' THEN 'week' WHEN 'weeks' THEN 'week'
    WHEN 'd' THEN 'day' WHEN 'day' THEN 'day' WHEN 'days' THEN 'day'
    WHEN 'h' THEN 'hour' WHEN 'hr' THEN 'hour' WHEN 'hrs' THEN 'hour' WHEN 'hour' THEN 'hour' WHEN 'hours' THEN 'hour'
    WHEN 'm' THEN 'minute' WHEN 'min' THEN 'minute' WHEN 'mins' THEN 'minute' WHEN 'minute' THEN 'minute' WHEN 'minutes' THEN 'minute'
    WHEN 's' THEN 'second' WHEN 'sec' THEN 'second' WHEN 'secs' THEN 'second' WHEN 'second' THEN 'second' WHEN 'seconds' THEN 'second'
    WHEN 'ms' THEN 'millisecond' WHEN 'msec' THEN 'millisecond' WHEN 'msecs' THEN 'millisecond' WHEN 'msecond' THEN 'millisecond'
    WHEN 'mseconds' THEN 'millisecond' WHEN 'millisec' THEN 'millisecond' WHEN 'millisecs' THEN 'millisecond'
    WHEN 'millisecon' THEN 'millisecond' WHEN 'millisecond' THEN 'millisecond' WHEN 'milliseconds' THEN 'millisecond'
    WHEN 'microsec' THEN 'microsecond' WHEN 'microsecs' THEN 'microsecond' WHEN 'microsecond' THEN 'microsecond'
    WHEN 'microseconds' THEN 'microsecond' WHEN 'usecond' THEN 'microsecond' WHEN 'useconds' THEN 'microsecond'
    WHEN 'us' THEN 'microsecond' WHEN 'usec' THEN 'microsecond' WHEN 'usecs' THEN 'microsecond'
    WHEN 'dec' THEN 'decade' WHEN 'decs' THEN 'decade' WHEN 'decade' THEN 'decade' WHEN 'decades' THEN 'decade'
    WHEN 'c' THEN 'century' WHEN 'cent' THEN 'century' WHEN 'cents' THEN 'century' WHEN 'century' THEN 'century'
    WHEN 'centuries' THEN 'century'
    WHEN 'mil' THEN 'millennium' WHEN 'mils' THEN 'millennium' WHEN 'millennium' THEN 'millennium'
    WHEN 'millennia' THEN 'millennium'
    ELSE shiftflow_compat.raise_text(format('date part "%s" is not supported by DATEADD/DATEDIFF', part))
  END
$body$;
`;

/**
 * The date and time functions Redshift has and PostgreSQL lacks or spells differently, in schema
 * `shiftflow_compat`: DATEADD, DATEDIFF (with Redshift's date part names), DATE_TRUNC(text, date),
 * TRUNC(timestamp), ADD_MONTHS, GETDATE and CONVERT_TIMEZONE. Part of {@link compatibilitySql}.
 */
export const dateFunctionsSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.raise_text(message text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $body$ BEGIN RAISE EXCEPTION USING MESSAGE = message, ERRCODE = '22023'; END $body$;
${datePartNameSql}
-- Years from February 29 land on March 1 in a year without one (DATEADD(year, 1, '2016-02-29') is 2017-03-01, while
-- DATEADD(month, 12, …) is 2017-02-28: https://docs.aws.amazon.com/redshift/latest/dg/r_DATEADD_function.html).
CREATE OR REPLACE FUNCTION shiftflow_compat.add_years(value timestamp, years bigint) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE WHEN extract(month FROM value) = 2 AND extract(day FROM value) = 29
    THEN value - interval '1 day' + years * interval '1 year' + interval '1 day'
    ELSE value + years * interval '1 year' END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.dateadd(part text, amount bigint, value timestamp) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.date_part_name(part)
    WHEN 'year' THEN shiftflow_compat.add_years(value, amount)
    WHEN 'decade' THEN shiftflow_compat.add_years(value, amount * 10)
    WHEN 'century' THEN shiftflow_compat.add_years(value, amount * 100)
    WHEN 'millennium' THEN shiftflow_compat.add_years(value, amount * 1000)
    ELSE value + CASE shiftflow_compat.date_part_name(part)
    WHEN 'quarter' THEN amount * interval '3 months'
    WHEN 'month' THEN amount * interval '1 month'
    WHEN 'week' THEN amount * interval '7 days'
    WHEN 'day' THEN amount * interval '1 day'
    WHEN 'hour' THEN amount * interval '1 hour'
    WHEN 'minute' THEN amount * interval '1 minute'
    WHEN 'second' THEN amount * interval '1 second'
    WHEN 'millisecond' THEN amount * interval '1 millisecond'
    WHEN 'microsecond' THEN amount * interval '1 microsecond'
  END END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.dateadd(part text, amount bigint, value date) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.dateadd(part, amount, value::timestamp) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.dateadd(part text, amount bigint, value timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$
  SELECT (shiftflow_compat.dateadd(part, amount, value AT TIME ZONE current_setting('TimeZone'))) AT TIME ZONE current_setting('TimeZone')
$body$;

-- A string literal argument ('2020-01-01') picks the text overload, so it is read as timestamp like Redshift does.
CREATE OR REPLACE FUNCTION shiftflow_compat.dateadd(part text, amount bigint, value text) RETURNS timestamp
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.dateadd(part, amount, value::timestamp) $body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.datediff(part text, start_value timestamp, end_value timestamp) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE shiftflow_compat.date_part_name(part)
    WHEN 'year' THEN extract(year FROM end_value) - extract(year FROM start_value)
    WHEN 'quarter' THEN (extract(year FROM end_value) * 4 + extract(quarter FROM end_value))
      - (extract(year FROM start_value) * 4 + extract(quarter FROM start_value))
    WHEN 'month' THEN (extract(year FROM end_value) * 12 + extract(month FROM end_value))
      - (extract(year FROM start_value) * 12 + extract(month FROM start_value))
    WHEN 'week' THEN (pg_catalog.date_trunc('week', end_value)::date - pg_catalog.date_trunc('week', start_value)::date) / 7
    WHEN 'day' THEN end_value::date - start_value::date
    WHEN 'hour' THEN (extract(epoch FROM pg_catalog.date_trunc('hour', end_value))
      - extract(epoch FROM pg_catalog.date_trunc('hour', start_value))) / 3600
    WHEN 'minute' THEN (extract(epoch FROM pg_catalog.date_trunc('minute', end_value))
      - extract(epoch FROM pg_catalog.date_trunc('minute', start_value))) / 60
    WHEN 'second' THEN extract(epoch FROM pg_catalog.date_trunc('second', end_value))
      - extract(epoch FROM pg_catalog.date_trunc('second', start_value))
    WHEN 'millisecond' THEN (extract(epoch FROM pg_catalog.date_trunc('milliseconds', end_value))
      - extract(epoch FROM pg_catalog.date_trunc('milliseconds', start_value))) * 1000
    WHEN 'microsecond' THEN (extract(epoch FROM end_value) - extract(epoch FROM start_value)) * 1000000
    WHEN 'decade' THEN floor(extract(year FROM end_value) / 10) - floor(extract(year FROM start_value) / 10)
    WHEN 'century' THEN extract(century FROM end_value) - extract(century FROM start_value)
    WHEN 'millennium' THEN extract(millennium FROM end_value) - extract(millennium FROM start_value)
  END::bigint
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.datediff(part text, start_value date, end_value date) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT shiftflow_compat.datediff(part, start_value::timestamp, end_value::timestamp)
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.datediff(part text, start_value timestamptz, end_value timestamptz) RETURNS bigint
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$
  SELECT shiftflow_compat.datediff(part, start_value AT TIME ZONE current_setting('TimeZone'),
    end_value AT TIME ZONE current_setting('TimeZone'))
$body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.datediff(part text, start_value text, end_value text) RETURNS bigint
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$
  SELECT shiftflow_compat.datediff(part, start_value::timestamp, end_value::timestamp)
$body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.date_trunc(part text, value date) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.date_trunc(part, value::timestamp) $body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.trunc(value timestamp) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT value::date $body$;

-- ADD_MONTHS: month-functions-sql.ts.

CREATE OR REPLACE FUNCTION shiftflow_compat.getdate() RETURNS timestamp
LANGUAGE sql STABLE PARALLEL SAFE AS $body$
  SELECT pg_catalog.date_trunc('second', pg_catalog.statement_timestamp() AT TIME ZONE current_setting('TimeZone'))
$body$;

-- GETDATE() in a procedure or function body (rewrite-getdate-in-body.ts): the statement's own clock.
CREATE OR REPLACE FUNCTION shiftflow_compat.getdate_in_body() RETURNS timestamp
LANGUAGE sql VOLATILE PARALLEL SAFE AS $body$
  SELECT pg_catalog.date_trunc('second', pg_catalog.clock_timestamp() AT TIME ZONE current_setting('TimeZone'))
$body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.convert_timezone(target_zone text, value timestamp) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT (value AT TIME ZONE 'UTC') AT TIME ZONE target_zone $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.convert_timezone(source_zone text, target_zone text, value timestamp) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT (value AT TIME ZONE source_zone) AT TIME ZONE target_zone $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.convert_timezone(target_zone text, value text) RETURNS timestamp
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.convert_timezone(target_zone, value::timestamp) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.convert_timezone(source_zone text, target_zone text, value text) RETURNS timestamp
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$
  SELECT shiftflow_compat.convert_timezone(source_zone, target_zone, value::timestamp)
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.convert_timezone(target_zone text, value timestamptz) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT value AT TIME ZONE target_zone $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.convert_timezone(source_zone text, target_zone text, value timestamptz) RETURNS timestamp
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$
  SELECT ((value AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE source_zone) AT TIME ZONE target_zone
$body$;
`;
