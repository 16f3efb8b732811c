/**
 * The collation behind Redshift's `COLLATE CASE_INSENSITIVE` columns
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html): `shiftflow_compat.case_insensitive`,
 * a nondeterministic ICU collation of strength 2 (case ignored, accents not). It is kept only where it really
 * compares case-insensitively: PGlite's ICU carries no collation data and would compare case-sensitively, a
 * silently different result, so there the collation is dropped again and a CASE_INSENSITIVE column fails with
 * `collation "shiftflow_compat.case_insensitive" … does not exist`. Part of {@link compatibilitySql}.
 */
export const caseInsensitiveCollationSql = `
DO $body$ BEGIN
  BEGIN
    CREATE COLLATION IF NOT EXISTS shiftflow_compat.case_insensitive
      (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
  EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR undefined_object THEN
    -- No ICU in this build: no collation, and CASE_INSENSITIVE columns are refused by name.
    RETURN;
  END;
  IF NOT ('A' = 'a' COLLATE shiftflow_compat.case_insensitive) THEN
    DROP COLLATION shiftflow_compat.case_insensitive;
  END IF;
END $body$;
`;
