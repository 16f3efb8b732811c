/**
 * Redshift concatenates character strings with `+` as well as `||`:
 * `ST_MemSize(…)::varchar + ' bytes'` (https://docs.aws.amazon.com/redshift/latest/dg/ST_MemSize-function.html).
 * PostgreSQL has no `+` for text; the operator `shiftflow_compat.+ (text, text)` is `textcat`, found through the
 * search path like the built-in operators. Part of {@link compatibilitySql}.
 */
export const stringPlusSql = `
DO $body$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
    WHERE n.nspname = 'shiftflow_compat' AND o.oprname = '+' AND o.oprleft = 'text'::regtype AND o.oprright = 'text'::regtype) THEN
    CREATE OPERATOR shiftflow_compat.+ (LEFTARG = text, RIGHTARG = text, FUNCTION = pg_catalog.textcat);
  END IF;
END $body$;
`;
