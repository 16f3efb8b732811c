-- shiftflow:repeatable
-- (Repeatable, sql/README.md: applied again whenever this file or a value it uses changes.)
-- run_elt_process: the ELT each run executes (CALL run_elt_process();). It replaces the table's rows
-- with every object under the configured S3 prefix (pipe-delimited, no header), records the load in
-- elt_run_log and REFRESHes the monthly view, all in the call's one transaction:
-- 1. DELETE FROM nyc_yellow_taxi (never TRUNCATE: on Redshift TRUNCATE commits at once, even inside a
--    procedure),
-- 2. COPY straight into nyc_yellow_taxi; rows_loaded := PG_LAST_COPY_COUNT(), "the number of rows that
--    were loaded by the last COPY command run in the current session"
--    (https://docs.aws.amazon.com/redshift/latest/dg/PG_LAST_COPY_COUNT.html),
-- 3. the elt_run_log row and REFRESH MATERIALIZED VIEW.
-- A failed load leaves the previous rows, view and run log as they were: this procedure is created
-- without NONATOMIC, so the call is one transaction ("The SQL statements inside a procedure behave as if
-- they are in a transaction block that implicitly begins when the call starts and ends when the call
-- finishes") and an error in it rolls back all of its changes, the DELETE included (Managing transactions,
-- https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-transaction-management.html). A bad row
-- fails the COPY, so the call. No staging table: every row is written once.
-- Why not TRUNCATE, ALTER TABLE APPEND or a staging table, and what this costs on Redshift: sql/README.md.
-- The call returns its figures as OUT arguments, one result row (rows_loaded, started_at, ended_at);
-- CALL passes only input arguments (https://docs.aws.amazon.com/redshift/latest/dg/r_CALL_procedure.html).
-- {{sourceS3Uri}} and {{redshiftIamRoleArn}} are replaced by validated, quoted SQL literals at setup,
-- {{sourceRegionOption}} by REGION '<sourceRegion>' or, with no sourceRegion configured, nothing.
-- Redshift identifies a procedure by its input arguments only and has no DROP PROCEDURE IF EXISTS
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_PROCEDURE.html): a database that still has
-- run_elt_process() of an earlier version without OUT arguments may refuse to replace it; then run
-- DROP PROCEDURE run_elt_process(); once and apply the setup again (sql/README.md).
CREATE OR REPLACE PROCEDURE run_elt_process(rows_loaded OUT BIGINT, started_at OUT TIMESTAMP, ended_at OUT TIMESTAMP)
AS $$
BEGIN
  started_at := GETDATE();

  DELETE FROM nyc_yellow_taxi;

  COPY nyc_yellow_taxi
  FROM {{sourceS3Uri}}
  IAM_ROLE {{redshiftIamRoleArn}}
  {{sourceRegionOption}}
  DELIMITER '|';

  rows_loaded := PG_LAST_COPY_COUNT();

  ended_at := GETDATE();
  INSERT INTO elt_run_log (table_name, rows_loaded, loaded_at) VALUES ('nyc_yellow_taxi', rows_loaded, ended_at);

  REFRESH MATERIALIZED VIEW nyc_yellow_taxi_volume_analysis;
END;
$$ LANGUAGE plpgsql;
