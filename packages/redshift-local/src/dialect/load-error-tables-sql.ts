/**
 * The load-error store and Redshift's two views over it. `shiftflow_compat.load_errors` holds one row
 * per rejected COPY row (written by `recordLoadErrors` after the load's transaction, so rows stay
 * when the load rolls back). The views carry Redshift's column names and types:
 * - STL_LOAD_ERRORS: https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html
 *   (character(n) columns are blank-padded, as on Redshift: users `trim()` them).
 * - SYS_LOAD_ERROR_DETAIL: https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html
 * `session`/`session_id` is the statement's RedshiftPid and `query`/`query_id` its RedshiftQueryId, as
 * DescribeStatement reports them. Part of {@link compatibilitySql}; the views live in `shiftflow_compat`,
 * which is on the search path, so `select * from stl_load_errors` finds them.
 */
export const loadErrorTablesSql = `
CREATE TABLE IF NOT EXISTS shiftflow_compat.load_errors (
  userid integer NOT NULL,
  tbl integer NOT NULL,
  starttime timestamp NOT NULL,
  session integer NOT NULL,
  query bigint NOT NULL,
  database_name text NOT NULL,
  filename text NOT NULL,
  line_number bigint NOT NULL,
  colname text NOT NULL,
  type text NOT NULL,
  col_length text NOT NULL,
  position integer NOT NULL,
  raw_line text NOT NULL,
  raw_field_value text NOT NULL,
  err_code integer NOT NULL,
  err_reason text NOT NULL
);

CREATE OR REPLACE VIEW shiftflow_compat.stl_load_errors AS
SELECT userid, 0::integer AS slice, tbl, starttime, session, query::integer AS query,
       filename::character(256) AS filename, line_number, colname::character(127) AS colname,
       type::character(10) AS type, col_length::character(10) AS col_length, position,
       raw_line::character(1024) AS raw_line, raw_field_value::character(1024) AS raw_field_value,
       err_code, err_reason::character(100) AS err_reason, 0::integer AS is_partial, 0::bigint AS start_offset
FROM shiftflow_compat.load_errors;

CREATE OR REPLACE VIEW shiftflow_compat.sys_load_error_detail AS
SELECT userid AS user_id, query AS query_id, 0::bigint AS transaction_id, session AS session_id,
       database_name::character(64) AS database_name, tbl AS table_id, starttime AS start_time,
       filename::character(256) AS file_name, line_number, colname::character(127) AS column_name,
       type::character(10) AS column_type, col_length::character(10) AS column_length, position,
       err_code AS error_code, err_reason::character(512) AS error_message
FROM shiftflow_compat.load_errors;
`;
