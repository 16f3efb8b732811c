/**
 * Redshift converts date and time values to character strings implicitly where a string is expected, so
 * `SPLIT_PART(listtime, '-', 1)` splits a TIMESTAMP's text `2008-03-05 12:25:29`
 * (https://docs.aws.amazon.com/redshift/latest/dg/SPLIT_PART.html; conversion rules:
 * https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html). PostgreSQL has no implicit cast
 * from timestamp to text: SPLIT_PART gets overloads for DATE, TIMESTAMP and TIMESTAMPTZ in `shiftflow_compat`.
 * Part of {@link compatibilitySql}.
 */
export const splitPartSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.split_part(value timestamp, delimiter text, part integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.split_part(value::text, delimiter, part) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.split_part(value timestamptz, delimiter text, part integer) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.split_part(value::text, delimiter, part) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.split_part(value date, delimiter text, part integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.split_part(value::text, delimiter, part) $body$;
`;
