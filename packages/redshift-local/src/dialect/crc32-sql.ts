/**
 * Redshift's CRC32(string): the CRC-32C (Castagnoli) checksum of the string's UTF-8 bytes as 8 lowercase hex
 * characters: `CRC32('Amazon Redshift')` is `f2726906` (https://docs.aws.amazon.com/redshift/latest/dg/crc32-function.html).
 * PostgreSQL 18 (PGlite) has a crc32(bytea) of another polynomial returning a number; PostgreSQL 15 has none.
 * Part of {@link compatibilitySql}.
 */
export const crc32Sql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.crc32(value text) RETURNS varchar
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $body$
DECLARE
  bytes bytea := pg_catalog.convert_to(value, 'UTF8');
  crc bigint := 4294967295;
BEGIN
  FOR position IN 0 .. pg_catalog.length(bytes) - 1 LOOP
    crc := crc # pg_catalog.get_byte(bytes, position);
    FOR bit IN 1 .. 8 LOOP
      crc := CASE WHEN crc & 1 = 1 THEN (crc >> 1) # 2197175160 ELSE crc >> 1 END;
    END LOOP;
  END LOOP;
  RETURN pg_catalog.lpad(pg_catalog.to_hex(crc # 4294967295), 8, '0');
END
$body$;
`;
