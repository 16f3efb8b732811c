/**
 * Redshift's FNV_HASH(value [, seed]): the 64-bit FNV-1a hash of the value's binary representation (2, 4 or 8
 * bytes for SMALLINT, INTEGER, BIGINT; the UTF-8 bytes of a string, trailing spaces included), as a BIGINT; the
 * seed, when given, replaces the FNV offset basis, so `FNV_HASH('cd', FNV_HASH('ab'))` = `FNV_HASH('abcd')`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_FNV_HASH.html). Part of {@link compatibilitySql}.
 */
export const fnvHashSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.fnv_hash_bytes(input bytea, seed bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $body$
DECLARE
  modulus CONSTANT numeric := 18446744073709551616;
  hash numeric := CASE WHEN seed < 0 THEN seed + modulus ELSE seed END;
  low integer;
BEGIN
  FOR position IN 0 .. pg_catalog.length(input) - 1 LOOP
    low := (hash % 256)::integer;
    hash := (hash - low + (low # pg_catalog.get_byte(input, position))) * 1099511628211 % modulus;
  END LOOP;
  RETURN (CASE WHEN hash >= 9223372036854775808 THEN hash - modulus ELSE hash END)::bigint;
END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.fnv_hash(value text, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.fnv_hash_bytes(pg_catalog.convert_to(value, 'UTF8'), seed) $body$;
-- Integers hash their little-endian bytes: FNV_HASH(1) is -5968735742475085980 on Redshift.
CREATE OR REPLACE FUNCTION shiftflow_compat.fnv_hash_integer(value numeric, width integer, seed bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT shiftflow_compat.fnv_hash_bytes(pg_catalog.decode(pg_catalog.string_agg(pg_catalog.lpad(pg_catalog.to_hex(
    (trunc((CASE WHEN value < 0 THEN value + 2 ^ (8 * width)::numeric ELSE value END) / (256::numeric ^ i)) % 256)::integer), 2, '0'), ''
    ORDER BY i), 'hex'), seed)
  FROM pg_catalog.generate_series(0, width - 1) AS i
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.fnv_hash(value bigint, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.fnv_hash_integer(value, 8, seed) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.fnv_hash(value integer, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.fnv_hash_integer(value, 4, seed) $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.fnv_hash(value smallint, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT shiftflow_compat.fnv_hash_integer(value, 2, seed) $body$;
`;
