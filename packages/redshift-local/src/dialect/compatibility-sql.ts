import { averageSql } from './average-sql';
import { caseInsensitiveCollationSql } from './case-insensitive-collation-sql';
import { catalogViewsSql } from './catalog-views-sql';
import { copyHelperSql } from './copy-helper-sql';
import { crc32Sql } from './crc32-sql';
import { dateFunctionsSql } from './date-functions-sql';
import { datePartSql } from './date-part-sql';
import { fnvHashSql } from './fnv-hash-sql';
import { loadErrorTablesSql } from './load-error-tables-sql';
import { monthFunctionsSql } from './month-functions-sql';
import { regexpFunctionsSql } from './regexp-functions-sql';
import { s3ListObjectsSql } from './s3-list-objects-sql';
import { splitPartSql } from './split-part-sql';
import { stringPlusSql } from './string-plus-sql';
import { strtolSql } from './strtol-sql';
import { superFunctionsSql } from './super-functions-sql';
import { timeArithmeticSql } from './time-arithmetic-sql';
import { toTimestampSql } from './to-timestamp-sql';
import { valueFunctionsSql } from './value-functions-sql';
import { windowFunctionsSql } from './window-functions-sql';

/**
 * Schema that holds the compatibility objects. The session's `search_path` must list it before
 * `pg_catalog` so that `date_trunc(text, date)`, `round(double precision, integer)` and `sum(real)`
 * shadow the built-ins; {@link compatibilitySql} sets it for the session and as the database default.
 *
 * @example
 * ```ts
 * // Hide the compatibility objects from ListSchemas:
 * const schemas = allSchemas.filter((schema) => schema !== compatibilitySchema);
 * ```
 */
export const compatibilitySchema = 'shiftflow_compat';

/**
 * The `search_path` the dialect layer needs: user schema, public, the compatibility schema, then pg_catalog.
 * Set it on every new session (PGlite resets it on open).
 *
 * @example
 * ```ts
 * await pg.exec(`set search_path = ${compatibilitySearchPath}`);
 * ```
 */
export const compatibilitySearchPath = '"$user", public, shiftflow_compat, pg_catalog';

/**
 * Idempotent SQL that creates the Redshift compatibility objects in schema `shiftflow_compat` and sets
 * `search_path` to `"$user", public, shiftflow_compat, pg_catalog` for the session and as the database
 * default. Run it after every engine open (PGlite resets `search_path` on open). Objects: GETDATE, NVL,
 * NVL2, LEN, CHARINDEX, DATEADD, DATEDIFF, DATE_TRUNC(text, date) → timestamp, TRUNC(timestamp),
 * ADD_MONTHS, CONVERT_TIMEZONE, ROUND(double precision, integer), SUM(real) → double precision,
 * PG_LAST_COPY_COUNT() and the COPY-from-S3 helper `copy_from_s3`, which reads the local S3 folder from
 * the setting `shiftflow.s3_root`.
 *
 * @example
 * ```ts
 * const pg = await PGlite.create({ dataDir });
 * await pg.exec(compatibilitySql);
 * await pg.exec(`set shiftflow.s3_root = '/s3'`);
 * await pg.exec(translateRedshiftSql('select getdate(), nvl(null, 1)'));
 * ```
 */
export const compatibilitySql = `
BEGIN;
SELECT pg_catalog.pg_advisory_xact_lock(7261837461);
CREATE SCHEMA IF NOT EXISTS shiftflow_compat;
${dateFunctionsSql}
${valueFunctionsSql}
${s3ListObjectsSql}
${copyHelperSql}
${loadErrorTablesSql}
${averageSql}
${datePartSql}
${toTimestampSql}
${stringPlusSql}
${splitPartSql}
${caseInsensitiveCollationSql}
${regexpFunctionsSql}
${windowFunctionsSql}
${fnvHashSql}
${strtolSql}
${monthFunctionsSql}
${timeArithmeticSql}
${superFunctionsSql}
${catalogViewsSql}
${crc32Sql}
DO $body$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET search_path TO ${compatibilitySearchPath.replaceAll("'", "''")}', current_database());
END $body$;
COMMIT;
SET search_path TO ${compatibilitySearchPath};
`;
