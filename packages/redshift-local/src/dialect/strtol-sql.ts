/**
 * Redshift's STRTOL(num_string, base): the leading digits of `num_string` in `base` (2–36) as a BIGINT, like C's
 * strtol: leading spaces and a sign accepted, `0x` skipped in base 16, parsing stops at the first character that
 * is not a digit of the base (0 when there is none): `STRTOL('0xf', 16)` is 15, `STRTOL('abcd1234', 16)` is
 * 2882343476 (https://docs.aws.amazon.com/redshift/latest/dg/r_STRTOL.html). Part of {@link compatibilitySql}.
 */
export const strtolSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.strtol(num_string text, base integer) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $body$
DECLARE
  rest text := pg_catalog.ltrim(num_string);
  negative boolean := false;
  result numeric := 0;
  digit integer;
BEGIN
  IF base < 2 OR base > 36 THEN
    RAISE EXCEPTION 'STRTOL base % is not between 2 and 36', base USING ERRCODE = '22023';
  END IF;
  IF pg_catalog.left(rest, 1) IN ('+', '-') THEN
    negative := pg_catalog.left(rest, 1) = '-';
    rest := pg_catalog.substr(rest, 2);
  END IF;
  IF base = 16 AND pg_catalog.lower(pg_catalog.left(rest, 2)) = '0x' THEN rest := pg_catalog.substr(rest, 3); END IF;
  FOR position IN 1 .. pg_catalog.length(rest) LOOP
    digit := pg_catalog.strpos('0123456789abcdefghijklmnopqrstuvwxyz', pg_catalog.lower(pg_catalog.substr(rest, position, 1))) - 1;
    EXIT WHEN digit < 0 OR digit >= base;
    result := result * base + digit;
  END LOOP;
  RETURN (CASE WHEN negative THEN -result ELSE result END)::bigint;
END
$body$;
`;
