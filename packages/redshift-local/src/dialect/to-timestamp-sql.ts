/**
 * Redshift's TO_TIMESTAMP(string, format [, is_strict]), in schema `shiftflow_compat`: an hour of 24 rolls over
 * into the next day unless `is_strict` is true. `TO_TIMESTAMP('2011-12-18 24:38:15', 'YYYY-MM-DD HH24:MI:SS')`
 * is `2011-12-19 00:38:15+00`; with `is_strict` true it fails
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_TO_TIMESTAMP.html). PostgreSQL refuses the hour 24 with a
 * minute or second other than zero. The hour is found where the format's `HH24` is, when every field before it
 * has as many characters in the string as in the format (the common `YYYY-MM-DD HH24…` forms); otherwise
 * PostgreSQL's error stands. Part of {@link compatibilitySql}.
 */
export const toTimestampSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.to_timestamp(value text, format text, is_strict boolean) RETURNS timestamptz
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $body$
DECLARE
  hour_at integer := pg_catalog.strpos(pg_catalog.upper(format), 'HH24');
BEGIN
  RETURN pg_catalog.to_timestamp(value, format);
EXCEPTION WHEN datetime_field_overflow THEN
  IF is_strict OR hour_at = 0 OR pg_catalog.substr(value, hour_at, 2) <> '24' THEN RAISE; END IF;
  RETURN pg_catalog.to_timestamp(overlay(value PLACING '23' FROM hour_at FOR 2), format) + interval '1 hour';
END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.to_timestamp(value text, format text) RETURNS timestamptz
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.to_timestamp(value, format, false) $body$;
`;
