/**
 * Redshift's REGEXP_* functions where PostgreSQL's differ, in schema `shiftflow_compat`:
 *
 * - REGEXP_REPLACE replaces every occurrence (PostgreSQL's replaces the first unless flag `g`), the replacement
 *   defaults to '', and the 4th argument is a start position, the 5th the parameters
 *   (https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_REPLACE.html).
 * - The parameters of REGEXP_SUBSTR, REGEXP_INSTR and REGEXP_COUNT: `c` (case-sensitive), `i` (case-insensitive),
 *   `e` (return the first subexpression), `p` (PCRE, whose common forms PostgreSQL's expressions read alike)
 *   (https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_SUBSTR.html,
 *   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_INSTR.html,
 *   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_COUNT.html).
 * - A position below 1 searches from the first character; an occurrence below 1 gives NULL (REGEXP_SUBSTR) or 0
 *   (REGEXP_INSTR).
 *
 * Part of {@link compatibilitySql}.
 */
export const regexpFunctionsSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_flags(parameters text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE WHEN pg_catalog.strpos(coalesce(parameters, ''), 'i') > 0 THEN 'i' ELSE '' END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_subexpression(pattern text, parameters text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE WHEN pg_catalog.strpos(coalesce(parameters, ''), 'e') > 0 AND pattern ~ '(^|[^\\\\])\\((?!\\?)' THEN 1 ELSE 0 END
$body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_replace(source text, pattern text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.regexp_replace(source, pattern, '', 'g') $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_replace(source text, pattern text, replacement text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$ SELECT pg_catalog.regexp_replace(source, pattern, replacement, 'g') $body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_replace(source text, pattern text, replacement text, start_position integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT pg_catalog.regexp_replace(source, pattern, replacement, greatest(start_position, 1), 0)
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_replace(source text, pattern text, replacement text, start_position integer, parameters text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT pg_catalog.regexp_replace(source, pattern, replacement, greatest(start_position, 1), 0, shiftflow_compat.regexp_flags(parameters))
$body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_substr(source text, pattern text, start_position integer, occurrence integer, parameters text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE WHEN occurrence < 1 THEN NULL ELSE pg_catalog.regexp_substr(source, pattern, greatest(start_position, 1), occurrence,
    shiftflow_compat.regexp_flags(parameters), shiftflow_compat.regexp_subexpression(pattern, parameters)) END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_instr(source text, pattern text, start_position integer, occurrence integer, option integer,
  parameters text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT CASE WHEN occurrence < 1 THEN 0 ELSE pg_catalog.regexp_instr(source, pattern, greatest(start_position, 1), occurrence,
    CASE WHEN option = 0 THEN 0 ELSE 1 END, shiftflow_compat.regexp_flags(parameters),
    shiftflow_compat.regexp_subexpression(pattern, parameters)) END
$body$;
CREATE OR REPLACE FUNCTION shiftflow_compat.regexp_count(source text, pattern text, start_position integer, parameters text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
  SELECT pg_catalog.regexp_count(source, pattern, greatest(start_position, 1), shiftflow_compat.regexp_flags(parameters))
$body$;
`;
